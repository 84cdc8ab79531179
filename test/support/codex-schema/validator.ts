// The validator object handed to tests: validates params/results of any Codex app-server method
// against the real schema (by family and method name), any named definition, or a raw JSON-RPC
// message as seen on the wire. Validators are compiled lazily, one per method/definition, from the
// single registered bundle, and cached for the life of the process.
import { AssertionError } from 'node:assert';
import { type AnyValidateFunction } from 'ajv/dist/core';
import { type AjvSetup, type Draft, SCHEMA_ID } from './ajv-setup';
import { type Catalog, type MessageFamily, type MethodEntry } from './catalog';
import { OK, fail, formatAjvErrors, type ValidationResult } from './errors';
import { createSession, validateWireMessage, type MessageContext, type MessageValidationResult, type WireSession } from './message';

export interface CodexMethods {
  /** Requests the client sends (`initialize`, `thread/start`, …), in schema order. */
  clientRequests: readonly string[];
  /** Notifications the client sends (`initialized`). */
  clientNotifications: readonly string[];
  /** Notifications the server sends (`turn/started`, `item/completed`, …). */
  serverNotifications: readonly string[];
  /** Requests the server sends (`item/commandExecution/requestApproval`, …). */
  serverRequests: readonly string[];
}

export interface CodexSchemaInfo {
  codexVersion: string;
  /** Whether experimental methods/fields are included (`--experimental`). */
  experimental: boolean;
  draft: Draft;
  /** Where the bundle came from when this validator was built. */
  source: 'disk' | 'generated';
  cachePath?: string;
  timings: { generateMs: number; readMs: number; setupMs: number };
  discriminatedUnions: number;
  unknownFormats: readonly string[];
}

const FAMILY_LABEL: Readonly<Record<MessageFamily, string>> = {
  clientRequest: 'client request',
  clientNotification: 'client notification',
  serverNotification: 'server notification',
  serverRequest: 'server request',
};

export class CodexSchema {
  readonly methods: CodexMethods;
  /** Request method (client or server request) → response definition name. */
  readonly responseTypes: ReadonlyMap<string, string>;
  /** Requests whose response definition could not be found (empty for codex 0.169.0). */
  readonly unmappedResponses: readonly string[];
  /** Every definition name in the bundle (top level and `v2`). */
  readonly definitionNames: readonly string[];
  private readonly compiled = new Map<string, AnyValidateFunction>();

  constructor(
    private readonly setup: AjvSetup,
    private readonly catalog: Catalog,
    readonly info: CodexSchemaInfo,
  ) {
    const names = (family: MessageFamily): readonly string[] => Object.freeze([...catalog.entries[family].keys()]);
    this.methods = Object.freeze({
      clientRequests: names('clientRequest'),
      clientNotifications: names('clientNotification'),
      serverNotifications: names('serverNotification'),
      serverRequests: names('serverRequest'),
    });
    this.responseTypes = new Map([...catalog.responses].map(([method, r]) => [method, r.name]));
    this.unmappedResponses = catalog.unmappedResponses;
    this.definitionNames = Object.freeze([...catalog.definitions.keys()].sort());
  }

  /** The catalogue entry of `method` in `family`, if the schema has one. */
  entry(family: MessageFamily, method: string): MethodEntry | undefined {
    return this.catalog.entries[family].get(method);
  }

  /** Validates `params` of a client → server request (`thread/start`, …). Paths read `/params/…`. */
  validateClientRequest(method: string, params: unknown): ValidationResult {
    return this.validateEnvelope('clientRequest', method, { id: 0, method, ...withParams(params) });
  }

  /** Validates the `result` of a client request's response (`thread/start` → ThreadStartResponse). */
  validateResponse(method: string, result: unknown): ValidationResult {
    if (!this.catalog.entries.clientRequest.has(method)) return this.unknown('clientRequest', method);
    return this.validateResult(method, result);
  }

  /** Validates `params` of a server → client notification (`turn/started`, …). */
  validateNotification(method: string, params: unknown): ValidationResult {
    return this.validateEnvelope('serverNotification', method, { method, ...withParams(params) });
  }

  /** Validates `params` of a server → client request (`item/commandExecution/requestApproval`, …). */
  validateServerRequest(method: string, params: unknown): ValidationResult {
    return this.validateEnvelope('serverRequest', method, { id: 0, method, ...withParams(params) });
  }

  /** Validates the client's `result` answering a server request (e.g. `{decision: "accept"}`). */
  validateServerRequestResponse(method: string, result: unknown): ValidationResult {
    if (!this.catalog.entries.serverRequest.has(method)) return this.unknown('serverRequest', method);
    return this.validateResult(method, result);
  }

  /** Validates a client → server notification (`initialized`); params may be omitted. */
  validateClientNotification(method: string, params?: unknown): ValidationResult {
    return this.validateEnvelope('clientNotification', method, { method, ...withParams(params) });
  }

  /** Validates any value against a named definition (`Thread`, `ThreadItem`, `JSONRPCError`, …). */
  validateDefinition(name: string, value: unknown, pathPrefix = ''): ValidationResult {
    const pointer = this.catalog.definitions.get(name);
    if (pointer === undefined) return fail(`unknown schema definition ${JSON.stringify(name)}`);
    return this.run(pointer, value, pathPrefix);
  }

  /**
   * Validates one raw JSON-RPC message (object or JSON line) and dispatches on its shape: request,
   * notification, response or error. A response names no method, so pass `requestMethodsById`
   * (or use {@link createSession}, which tracks ids itself).
   */
  validateMessage(message: unknown, context: MessageContext = {}): MessageValidationResult {
    return validateWireMessage(this, message, context);
  }

  /** A stateful wire checker that remembers request ids per direction to validate responses. */
  createSession(options: Omit<MessageContext, 'direction' | 'requestMethodsById'> = {}): WireSession {
    return createSession(this, options);
  }

  /** Compiles every method and response validator now; returns the time taken in ms. */
  compileAll(): number {
    const started = performance.now();
    for (const family of Object.values(this.catalog.entries)) for (const e of family.values()) this.validator(e.pointer);
    for (const r of this.catalog.responses.values()) this.validator(r.pointer);
    return performance.now() - started;
  }

  assertValidClientRequest(method: string, params: unknown): void {
    ensure(this.validateClientRequest(method, params), `${method} request params`);
  }
  assertValidResponse(method: string, result: unknown): void {
    ensure(this.validateResponse(method, result), `${method} response result`);
  }
  assertValidNotification(method: string, params: unknown): void {
    ensure(this.validateNotification(method, params), `${method} notification params`);
  }
  assertValidServerRequest(method: string, params: unknown): void {
    ensure(this.validateServerRequest(method, params), `${method} server request params`);
  }
  assertValidServerRequestResponse(method: string, result: unknown): void {
    ensure(this.validateServerRequestResponse(method, result), `${method} server request response result`);
  }
  assertValidClientNotification(method: string, params?: unknown): void {
    ensure(this.validateClientNotification(method, params), `${method} client notification`);
  }
  assertValidDefinition(name: string, value: unknown): void {
    ensure(this.validateDefinition(name, value), `${name} value`);
  }
  assertValidMessage(message: unknown, context: MessageContext = {}): void {
    const result = this.validateMessage(message, context);
    ensure(result, `wire message${result.method !== undefined ? ` (${result.method})` : ''}`);
  }

  /** Validates a whole message against the catalogue entry of `method` in `family`. */
  validateEnvelope(family: MessageFamily, method: string, message: unknown): ValidationResult {
    const entry = this.catalog.entries[family].get(method);
    if (entry === undefined) return this.unknown(family, method);
    return this.run(entry.pointer, message, '');
  }

  /** Validates a request's result against its response definition; paths read `/result/…`. */
  validateResult(method: string, result: unknown): ValidationResult {
    const response = this.catalog.responses.get(method);
    if (response === undefined) return fail(`no response definition is known for ${JSON.stringify(method)}`);
    return this.run(response.pointer, result, '/result');
  }

  private unknown(family: MessageFamily, method: string): ValidationResult {
    const known = this.catalog.entries[family];
    const close = [...known.keys()].filter((m) => m.split('/')[0] === method.split('/')[0]).slice(0, 8);
    const other = (Object.keys(FAMILY_LABEL) as MessageFamily[]).filter((f) => f !== family && this.catalog.entries[f].has(method));
    return fail(
      `unknown ${FAMILY_LABEL[family]} method ${JSON.stringify(method)} (codex ${this.info.codexVersion} ` +
        `${this.info.experimental ? 'experimental' : 'stable'} schema has ${known.size})` +
        (other.length ? `; it is a ${other.map((f) => FAMILY_LABEL[f]).join('/')} method` : '') +
        (close.length ? `; similar: ${close.join(', ')}` : ''),
    );
  }

  private validator(pointer: string): AnyValidateFunction {
    let fn = this.compiled.get(pointer);
    if (fn === undefined) {
      fn = this.setup.ajv.getSchema(`${SCHEMA_ID}${pointer}`);
      if (fn === undefined) throw new Error(`codex-schema: cannot compile ${pointer}`);
      this.compiled.set(pointer, fn);
    }
    return fn;
  }

  private run(pointer: string, value: unknown, pathPrefix: string): ValidationResult {
    const fn = this.validator(pointer);
    const valid = fn(value);
    if (typeof valid !== 'boolean') throw new Error(`codex-schema: ${pointer} compiled to an async validator`);
    return valid ? OK : fail(formatAjvErrors(fn.errors, pathPrefix));
  }
}

function withParams(params: unknown): { params?: unknown } {
  return params === undefined ? {} : { params };
}

/** Throws an AssertionError naming what was validated, with the schema errors, when `result` failed. */
export function ensure(result: ValidationResult, what: string): void {
  if (!result.ok) {
    throw new AssertionError({ message: `Codex schema: ${what} is invalid:\n  ${result.errors.split('\n').join('\n  ')}` });
  }
}
