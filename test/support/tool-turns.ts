// Test support for tool turns: a temp workspace (optionally a git repo) and HOME, the server started
// against the mock model with that HOME (login shells then read no user dotfiles), a thread in the
// workspace, and readers for what happened: the item lifecycle of a turn, the tool outputs each
// model request carried, and exec result texts with their random parts (chunk id, wall time) masked.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RecordedRequest } from './mock-model';
import { startAppServer, type AppServerClient, type StartOptions } from './app-server-client';

type Json = Record<string, unknown>;

export interface Workspace {
  /** Real path of the workspace directory (the thread's cwd). */
  readonly dir: string;
  /** A separate empty HOME for the server and its commands. */
  readonly home: string;
  remove(): void;
}

/** A temp workspace with `files` (relative path → text); `git: true` commits them in a new repo. */
export function makeWorkspace(files: Record<string, string> = {}, options: { git?: boolean } = {}): Workspace {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'codex-ts-tools-')));
  const dir = join(root, 'ws');
  const home = join(root, 'home');
  mkdirSync(dir);
  mkdirSync(home);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  if (options.git) {
    const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, env: { ...process.env, HOME: home }, stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'initial');
  }
  return { dir, home, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The server with HOME (and SHELL) fixed, so `bash -lc` behaves the same everywhere. */
export function startToolServer(mockBaseUrl: string, ws: Workspace, options: Omit<StartOptions, 'mockBaseUrl'> = {}): Promise<AppServerClient> {
  return startAppServer({ mockBaseUrl, ...options, env: { HOME: ws.home, SHELL: '/bin/bash', ...options.env } });
}

export async function startThread(client: AppServerClient, cwd: string, extra: Json = {}): Promise<string> {
  const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd, ...extra });
  return thread.id;
}

export interface ItemEvent {
  readonly method: 'item/started' | 'item/completed';
  readonly item: Json;
}

/** item/started and item/completed notifications since `from` (an index into client.notifications). */
export function itemEvents(client: AppServerClient, from = 0): ItemEvent[] {
  return client.notifications
    .slice(from)
    .filter((n) => n.method === 'item/started' || n.method === 'item/completed')
    .map((n) => ({ method: n.method as ItemEvent['method'], item: n.params.item as Json }));
}

/** `started commandExecution call_1` style lines for order assertions. */
export function lifecycle(events: readonly ItemEvent[]): string[] {
  return events.map((e) => `${e.method === 'item/started' ? 'started' : 'completed'} ${String(e.item.type)}${e.item.type === 'userMessage' || e.item.type === 'agentMessage' ? '' : ` ${String(e.item.id)}`}`);
}

/** The item with this id, as its item/completed carried it. */
export function completedItem(client: AppServerClient, id: string, from = 0): Json {
  const found = itemEvents(client, from).find((e) => e.method === 'item/completed' && e.item.id === id);
  if (!found) throw new Error(`no item/completed for ${id}`);
  return found.item;
}

/** The `input` array of a Responses request. */
export function inputOf(request: RecordedRequest): Json[] {
  return request.body.input as Json[];
}

/** call_id → output of every tool output in the request (function and custom). */
export function toolOutputs(request: RecordedRequest): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const item of inputOf(request)) {
    if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output') out.set(String(item.call_id), item.output);
  }
  return out;
}

/** The types and call ids of the request's input items after the last user message. */
export function itemsAfterUser(request: RecordedRequest): string[] {
  const input = inputOf(request);
  let last = -1;
  input.forEach((item, i) => {
    if (item.type === 'message' && item.role === 'user') last = i;
  });
  return input.slice(last + 1).map((item) => (item.call_id ? `${String(item.type)} ${String(item.call_id)}` : `${String(item.type)} ${String(item.role ?? '')}`.trim()));
}

/** An exec_command result text with its chunk id and wall time masked. */
export function maskExec(text: unknown): string {
  return String(text)
    .replace(/^Chunk ID: [0-9a-f]{6}$/m, 'Chunk ID: <id>')
    .replace(/^Wall time: \d+\.\d{4} seconds$/m, 'Wall time: <t> seconds');
}

/**
 * An apply_patch result text with its wall time masked: it is rounded to tenths of a second, so a
 * patch applied on a loaded machine reads 0.1 s instead of 0 s (the format has unit tests).
 */
export function maskPatch(text: unknown): string {
  return String(text).replace(/^Wall time: \d+(\.\d)? seconds$/m, 'Wall time: <t> seconds');
}

/** The exec_command result text for a command that exited (masked like maskExec). */
export function execText(output: string, exitCode = 0): string {
  return `Chunk ID: <id>\nWall time: <t> seconds\nProcess exited with code ${exitCode}\nOriginal token count: ${Math.ceil(Buffer.byteLength(output) / 4)}\nOutput:\n${output}`;
}

/** Resolves when `predicate` holds (polling), or rejects after the timeout. */
export async function waitUntil(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
