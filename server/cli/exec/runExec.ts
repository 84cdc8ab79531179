// `codex-ts exec`: runs one task without a client. The app-server runs in this process on a pair
// of PassThrough streams (the exact protocol a client would speak): initialize → thread/start (cwd,
// model, sandbox, and approval policy `never` unless `-c approval_policy=…` says otherwise) →
// turn/start with the prompt → wait for turn/completed → close, which flushes the rollout.
// Output: human-readable progress on stderr and the final agent message on stdout, or with --json
// the `codex exec --json` JSONL events on stdout. Exit code 0 when the turn completed, 1 otherwise.
// Approval requests cannot be answered by anyone: they are declined.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { runAppServer } from '../../appServer';
import { VERSION } from '../../util/version';
import { ExecHumanOutput } from './humanOutput';
import { ExecJsonEvents, type ExecEvent, type JsonObject } from './jsonEvents';
import { overridesApprovalPolicy, type ExecOptions } from './execArgs';
import { RpcPipe, RpcPipeError } from './rpcPipe';

export interface ExecIo {
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Base for a relative `-C` (default process.cwd()). */
  readonly cwd?: string;
  /** Ctrl-C interrupts the turn (the CLI sets this; tests do not). */
  readonly handleSigint?: boolean;
}

export const NO_PROMPT_MESSAGE = 'No prompt provided. Either specify one as an argument or pipe the prompt into stdin.';

class ExecFailure extends Error {}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function resolvePrompt(options: ExecOptions, io: ExecIo): Promise<string> {
  let prompt = options.prompt;
  if (prompt === '-' || (prompt === null && !io.stdin.isTTY)) prompt = await readAll(io.stdin);
  if (prompt === null || prompt.trim() === '') throw new ExecFailure(NO_PROMPT_MESSAGE);
  return prompt;
}

async function outputSchema(path: string | null, base: string): Promise<JsonObject | null> {
  if (path === null) return null;
  try {
    const schema = JSON.parse(await readFile(resolve(base, path), 'utf8')) as unknown;
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new Error('not a JSON object');
    return schema as JsonObject;
  } catch (error) {
    throw new ExecFailure(`cannot use --output-schema ${path}: ${(error as Error).message}`);
  }
}

async function workdir(options: ExecOptions, base: string): Promise<string> {
  const dir = resolve(base, options.cwd ?? '.');
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new ExecFailure(`cannot use -C ${options.cwd ?? dir}: not a directory`);
  return dir;
}

/** Answers server requests nobody can answer in a headless run. */
function answerServerRequest(method: string): unknown {
  switch (method) {
    case 'item/commandExecution/requestApproval':
    case 'item/fileChange/requestApproval':
      return { decision: 'decline' };
    case 'item/tool/requestUserInput':
      return { answers: {} };
    default:
      throw new RpcPipeError(-32601, `codex-ts exec cannot answer ${method}`);
  }
}

/** Runs the task; resolves with the process exit code. */
export async function runExec(options: ExecOptions, io: ExecIo): Promise<number> {
  const base = io.cwd ?? process.cwd();
  const events = new ExecJsonEvents();
  const human = new ExecHumanOutput();
  const emit = (event: ExecEvent): void => void io.stdout.write(`${JSON.stringify(event)}\n`);
  const fail = (message: string): number => {
    if (options.json) emit({ type: 'error', message, will_retry: false });
    else io.stderr.write(`ERROR: ${message}\n`);
    return 1;
  };

  let prompt: string;
  let cwd: string;
  let schema: JsonObject | null;
  try {
    prompt = await resolvePrompt(options, io);
    cwd = await workdir(options, base);
    schema = await outputSchema(options.outputSchema, base);
  } catch (error) {
    if (error instanceof ExecFailure) return fail(error.message);
    throw error;
  }

  const pipe = new RpcPipe();
  const server = runAppServer({
    configOverrides: options.configOverrides,
    streams: pipe.streams,
    // The server's own log stays in $CODEX_HOME/log; stderr carries the run's progress.
    logLevel: process.env.CODEX_TS_LOG ? undefined : 'warn',
  });

  let threadId: string | null = null;
  let turnId: string | null = null;
  let started = false;
  const early: { method: string; params: JsonObject }[] = [];
  let finish: (turn: JsonObject) => void = () => undefined;
  const completed = new Promise<JsonObject>((resolveTurn) => (finish = resolveTurn));

  const show = (method: string, params: JsonObject): void => {
    const mapped = events.map(method, params);
    if (options.json) mapped.forEach(emit);
    else io.stderr.write(human.map(method, params));
  };
  pipe.onNotification((method, params) => {
    const owner = params.threadId ?? (params.thread as JsonObject | undefined)?.id;
    if (threadId !== null && typeof owner === 'string' && owner !== threadId) return;
    // Nothing is shown before the thread is announced (thread.started is the first event).
    if (!started) early.push({ method, params });
    else show(method, params);
    if (method === 'turn/completed' && threadId !== null && owner === threadId) finish((params.turn ?? {}) as JsonObject);
  });
  pipe.onServerRequest((method) => answerServerRequest(method));

  const onSigint = (): void => {
    if (threadId && turnId) void pipe.request('turn/interrupt', { threadId, turnId }).catch(() => undefined);
  };
  if (io.handleSigint) process.on('SIGINT', onSigint);

  let exitCode: number;
  try {
    await pipe.request('initialize', {
      clientInfo: { name: 'codex_exec', title: 'codex-ts exec', version: VERSION },
      capabilities: { experimentalApi: true },
    });
    pipe.notify('initialized');
    const session = await pipe.request<JsonObject>('thread/start', {
      cwd,
      ...(options.model ? { model: options.model } : {}),
      ...(options.sandbox ? { sandbox: options.sandbox } : {}),
      ...(overridesApprovalPolicy(options.configOverrides) ? {} : { approvalPolicy: 'never' }),
    });
    threadId = String((session.thread as JsonObject).id);
    if (options.json) emit(events.threadStarted(threadId));
    else {
      io.stderr.write(
        human.header(
          {
            version: VERSION,
            threadId,
            cwd: String(session.cwd),
            model: String(session.model),
            modelProvider: String(session.modelProvider),
            approvalPolicy: session.approvalPolicy,
            sandbox: session.sandbox,
            reasoningEffort: typeof session.reasoningEffort === 'string' ? session.reasoningEffort : null,
          },
          prompt,
        ),
      );
    }
    started = true;
    for (const { method, params } of early.splice(0)) {
      const owner = params.threadId ?? (params.thread as JsonObject | undefined)?.id;
      if (typeof owner !== 'string' || owner === threadId) show(method, params);
    }
    const input = [{ type: 'text', text: prompt, text_elements: [] }, ...options.images.map((path) => ({ type: 'localImage', path: resolve(base, path) }))];
    const { turn } = await pipe.request<{ turn: JsonObject }>('turn/start', { threadId, input, ...(schema ? { outputSchema: schema } : {}) });
    turnId = String(turn.id);
    const final = await completed;
    exitCode = final.status === 'completed' ? 0 : 1;
    if (exitCode === 0 && !options.json && events.finalMessage !== null) io.stdout.write(`${events.finalMessage}\n`);
    if (exitCode === 0 && options.outputLastMessage) await writeFile(resolve(base, options.outputLastMessage), events.finalMessage ?? '');
  } catch (error) {
    exitCode = fail(error instanceof Error ? error.message : String(error));
  } finally {
    if (io.handleSigint) process.off('SIGINT', onSigint);
    pipe.close();
    await server;
  }
  return exitCode;
}
