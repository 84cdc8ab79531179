// Validates raw JSON-RPC messages as they appear on the Codex app-server wire (one JSON object per
// line): works out whether a line is a request, notification, response or error, which family its
// method belongs to (using the direction when given), and validates it. Responses carry no method,
// so the caller supplies the request method by id, or uses a session that remembers ids per
// direction (client and server request ids are separate counters and do collide: both use 0, 1, …).
// Wire facts checked here beyond the schema: `jsonrpc`, if present, must be "2.0"; server
// notifications may carry a top-level `emittedAtMs` (epoch ms) — the schema allows any extra
// top-level member, so this module checks its type and can require it.
import { isRecord } from './generate';
import { type MessageFamily } from './catalog';
import { fail, type ValidationResult } from './errors';
import { type CodexSchema, ensure } from './validator';

export type RequestId = string | number;
export type MessageDirection = 'clientToServer' | 'serverToClient';
export type MessageKind = MessageFamily | 'response' | 'serverRequestResponse' | 'error';

export interface MessageContext {
  /** Who sent the message; disambiguates families and response ids. Inferred from the method when absent. */
  direction?: MessageDirection;
  /** The method of the request each id answers (needed to validate a `result`). */
  requestMethodsById?: ReadonlyMap<RequestId, string> | ((id: RequestId) => string | undefined);
  /** Fail server notifications without a numeric `emittedAtMs` (real Codex always sends one). */
  requireEmittedAtMs?: boolean;
}

/** A validation result that also says what the message was taken to be. */
export type MessageValidationResult = ValidationResult & { kind?: MessageKind; method?: string };

export interface WireSession {
  /** Validates the next message in `direction`, remembering request ids to check later responses. */
  validate(message: unknown, direction: MessageDirection): MessageValidationResult;
  /** Same, but throws an AssertionError when invalid. */
  assertValid(message: unknown, direction: MessageDirection): void;
}

type RequestFamily = 'clientRequest' | 'serverRequest';
const REQUEST_FAMILIES: readonly RequestFamily[] = ['clientRequest', 'serverRequest'];
const NOTIFICATION_FAMILIES: readonly MessageFamily[] = ['clientNotification', 'serverNotification'];
const SENDER: Readonly<Record<MessageFamily, MessageDirection>> = {
  clientRequest: 'clientToServer',
  clientNotification: 'clientToServer',
  serverRequest: 'serverToClient',
  serverNotification: 'serverToClient',
};

function tag(result: ValidationResult, kind: MessageKind | undefined, method: string | undefined): MessageValidationResult {
  return { ...result, ...(kind !== undefined ? { kind } : {}), ...(method !== undefined ? { method } : {}) };
}

/** Combines several results: ok only if all are ok, errors concatenated. */
function merge(results: readonly ValidationResult[]): ValidationResult {
  const errors = results.flatMap((r) => (r.ok ? [] : [r.errors]));
  return errors.length === 0 ? { ok: true } : fail(errors.join('\n'));
}

function parseLine(message: unknown): { value: unknown } | { error: string } {
  if (typeof message !== 'string') return { value: message };
  try {
    return { value: JSON.parse(message) as unknown };
  } catch (e) {
    return { error: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function lookupMethod(context: MessageContext, id: unknown): string | undefined {
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  const lookup = context.requestMethodsById;
  if (lookup === undefined) return undefined;
  return typeof lookup === 'function' ? lookup(id) : lookup.get(id);
}

function checkEmittedAtMs(msg: Record<string, unknown>, context: MessageContext): ValidationResult {
  if (!('emittedAtMs' in msg)) {
    return context.requireEmittedAtMs ? fail('/: must have property emittedAtMs (epoch ms) on a server notification') : { ok: true };
  }
  const value = msg.emittedAtMs;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? { ok: true }
    : fail(`/emittedAtMs: must be a non-negative integer (epoch ms), got ${JSON.stringify(value)}`);
}

function validateMethodMessage(
  schema: CodexSchema,
  msg: Record<string, unknown>,
  method: string,
  context: MessageContext,
): MessageValidationResult {
  const families = ('id' in msg ? REQUEST_FAMILIES : NOTIFICATION_FAMILIES).filter(
    (f) => context.direction === undefined || SENDER[f] === context.direction,
  );
  const family = families.find((f) => schema.entry(f, method) !== undefined);
  if (family === undefined) {
    // Report against the family the sender implies (or the first candidate).
    return tag(schema.validateEnvelope(families[0] ?? 'clientRequest', method, msg), undefined, method);
  }
  const checks = [schema.validateEnvelope(family, method, msg)];
  if (family === 'serverNotification') checks.push(checkEmittedAtMs(msg, context));
  return tag(merge(checks), family, method);
}

function validateReply(schema: CodexSchema, msg: Record<string, unknown>, context: MessageContext): MessageValidationResult {
  if ('error' in msg) {
    const extra = 'result' in msg ? [fail('/: a response must not have both result and error')] : [];
    return tag(merge([schema.validateDefinition('JSONRPCError', msg), ...extra]), 'error', lookupMethod(context, msg.id));
  }
  const envelope = schema.validateDefinition('JSONRPCResponse', msg);
  const method = lookupMethod(context, msg.id);
  if (method === undefined) {
    return tag(
      merge([envelope, fail(`/id: cannot validate the result: no request method is known for id ${JSON.stringify(msg.id)} (pass requestMethodsById)`)]),
      undefined,
      undefined,
    );
  }
  // A response travels opposite to its request: server→client answers a client request.
  const candidates = REQUEST_FAMILIES.filter((f) => context.direction === undefined || SENDER[f] !== context.direction);
  const family = candidates.find((f) => schema.entry(f, method) !== undefined);
  if (family === undefined) {
    const unknown = schema.validateEnvelope(candidates[0] ?? 'clientRequest', method, undefined);
    return tag(merge([envelope, unknown]), undefined, method);
  }
  const kind: MessageKind = family === 'clientRequest' ? 'response' : 'serverRequestResponse';
  return tag(merge([envelope, schema.validateResult(method, msg.result)]), kind, method);
}

/** See {@link CodexSchema.validateMessage}. */
export function validateWireMessage(schema: CodexSchema, message: unknown, context: MessageContext): MessageValidationResult {
  const parsed = parseLine(message);
  if ('error' in parsed) return fail(parsed.error);
  const msg = parsed.value;
  if (!isRecord(msg)) {
    return fail(`/: a JSON-RPC message must be a JSON object${Array.isArray(msg) ? ' (Codex does not accept batches)' : ''}`);
  }
  const badVersion = 'jsonrpc' in msg && msg.jsonrpc !== '2.0';
  const jsonrpc = badVersion ? [fail(`/jsonrpc: must be "2.0" when present, got ${JSON.stringify(msg.jsonrpc)}`)] : [];
  let result: MessageValidationResult;
  if (typeof msg.method === 'string') {
    result = validateMethodMessage(schema, msg, msg.method, context);
  } else if ('method' in msg) {
    result = fail(`/method: must be string, got ${JSON.stringify(msg.method)}`);
  } else if ('id' in msg && ('result' in msg || 'error' in msg)) {
    result = validateReply(schema, msg, context);
  } else {
    result = fail(`/: not a JSON-RPC request, notification or response (keys: ${Object.keys(msg).join(', ') || 'none'})`);
  }
  return jsonrpc.length ? tag(merge([...jsonrpc, result]), result.kind, result.method) : result;
}

/** See {@link CodexSchema.createSession}. */
export function createSession(schema: CodexSchema, options: Omit<MessageContext, 'direction' | 'requestMethodsById'>): WireSession {
  // Requests sent in a direction are answered in the opposite one; keep one id table per sender.
  const sent: Record<MessageDirection, Map<RequestId, string>> = { clientToServer: new Map(), serverToClient: new Map() };
  const validate = (message: unknown, direction: MessageDirection): MessageValidationResult => {
    const parsed = parseLine(message);
    const value = 'value' in parsed ? parsed.value : message;
    const answering: MessageDirection = direction === 'clientToServer' ? 'serverToClient' : 'clientToServer';
    const result = validateWireMessage(schema, value, { ...options, direction, requestMethodsById: sent[answering] });
    if (isRecord(value) && typeof value.method === 'string' && (typeof value.id === 'string' || typeof value.id === 'number')) {
      sent[direction].set(value.id, value.method);
    } else if (isRecord(value) && (typeof value.id === 'string' || typeof value.id === 'number') && !('method' in value)) {
      sent[answering].delete(value.id);
    }
    return result;
  };
  return {
    validate,
    assertValid(message, direction) {
      const result = validate(message, direction);
      ensure(result, `${direction} message${result.method !== undefined ? ` (${result.method})` : ''}`);
    },
  };
}
