// `codex-ts exec`: runs one task without a client. The app-server runs in this process on a pair
// of PassThrough streams (the exact protocol a client would speak): initialize → thread/start (cwd,
// model, sandbox, and approval policy `never` unless `-c approval_policy=…` says otherwise) →
// turn/start with the prompt → wait for turn/completed → close, which flushes the rollout.
// Output: human-readable progress on stderr and the final agent message on stdout, or with --json
// the `codex exec --json` JSONL events on stdout. Exit code 0 when the turn completed, 1 otherwise.
// Approval requests cannot be answered by anyone: they are declined. The client is the shared
// one of jsonrpc/ on an in-process transport.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { connectAppServer, describeProblem, inProcessTransport } from '@jsonrpc';
import { runAppServer } from '../../appServer';
import type { ServerNotification, Turn } from '../../protocol';
import { VERSION } from '../../util/version';
import { ExecHumanOutput } from './humanOutput';
import { ExecJsonEvents, type ExecEvent } from './jsonEvents';
import { overridesApprovalPolicy, type ExecOptions } from './execArgs';

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

type JsonObject = Record<string, unknown>;

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

/** The thread a notification is about (null for server-wide ones). */
function threadOf(notification: ServerNotification): string | null {
  if (notification.method === 'thread/started') return notification.params.thread.id;
  return 'threadId' in notification.params && typeof notification.params.threadId === 'string' ? notification.params.threadId : null;
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

  const { transport, serverStreams } = inProcessTransport();
  const server = runAppServer({
    configOverrides: options.configOverrides,
    streams: serverStreams,
    // The server's own log stays in $CODEX_HOME/log; stderr carries the run's progress.
    logLevel: process.env.CODEX_TS_LOG ? undefined : 'warn',
  });
  // A problem here is a bug of our own server (it runs in this process): said, never fatal.
  const client = connectAppServer(transport, { onProblem: (problem) => void io.stderr.write(`warning: ${describeProblem(problem)}\n`) });

  let threadId: string | null = null;
  let turnId: string | null = null;
  let started = false;
  const early: ServerNotification[] = [];
  let finish: (turn: Turn) => void = () => undefined;
  const completed = new Promise<Turn>((resolveTurn) => (finish = resolveTurn));

  const show = (notification: ServerNotification): void => {
    const mapped = events.map(notification);
    if (options.json) mapped.forEach(emit);
    else io.stderr.write(human.map(notification));
  };
  client.onNotification((notification) => {
    const owner = threadOf(notification);
    if (threadId !== null && owner !== null && owner !== threadId) return;
    // Nothing is shown before the thread is announced (thread.started is the first event).
    if (!started) early.push(notification);
    else show(notification);
    if (notification.method === 'turn/completed' && threadId !== null && owner === threadId) finish(notification.params.turn);
  });
  // Approval requests cannot be answered by anyone; other server requests get "method not found".
  client.onServerRequest('item/commandExecution/requestApproval', () => ({ decision: 'decline' }));
  client.onServerRequest('item/fileChange/requestApproval', () => ({ decision: 'decline' }));
  client.onServerRequest('item/tool/requestUserInput', () => ({ answers: {} }));

  const onSigint = (): void => {
    if (threadId && turnId) void client.request('turn/interrupt', { threadId, turnId }).catch(() => undefined);
  };
  if (io.handleSigint) process.on('SIGINT', onSigint);

  let exitCode: number;
  try {
    await client.request('initialize', {
      clientInfo: { name: 'codex_exec', title: 'codex-ts exec', version: VERSION },
      capabilities: { experimentalApi: true },
    });
    void client.notify('initialized');
    const session = await client.request('thread/start', {
      cwd,
      ...(options.model ? { model: options.model } : {}),
      ...(options.sandbox ? { sandbox: options.sandbox } : {}),
      ...(overridesApprovalPolicy(options.configOverrides) ? {} : { approvalPolicy: 'never' as const }),
    });
    const id = session.thread.id;
    threadId = id;
    if (options.json) emit(events.threadStarted(id));
    else io.stderr.write(human.header({ ...session, version: VERSION, threadId: id }, prompt));
    started = true;
    for (const notification of early.splice(0)) {
      const owner = threadOf(notification);
      if (owner === null || owner === id) show(notification);
    }
    const input = [
      { type: 'text' as const, text: prompt, text_elements: [] },
      ...options.images.map((path) => ({ type: 'localImage' as const, path: resolve(base, path) })),
    ];
    const { turn } = await client.request('turn/start', { threadId: id, input, ...(schema ? { outputSchema: schema } : {}) });
    turnId = turn.id;
    const final = await completed;
    exitCode = final.status === 'completed' ? 0 : 1;
    if (exitCode === 0 && !options.json && events.finalMessage !== null) io.stdout.write(`${events.finalMessage}\n`);
    if (exitCode === 0 && options.outputLastMessage) await writeFile(resolve(base, options.outputLastMessage), events.finalMessage ?? '');
  } catch (error) {
    exitCode = fail(error instanceof Error ? error.message : String(error));
  } finally {
    if (io.handleSigint) process.off('SIGINT', onSigint);
    client.end();
    await server;
    client.dispose();
  }
  return exitCode;
}
