// Where Codex state lives: $CODEX_HOME, defaulting to ~/.codex (shared with the Codex CLI).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function resolveCodexHome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CODEX_HOME;
  return fromEnv && fromEnv.length > 0 ? resolve(fromEnv) : join(homedir(), '.codex');
}
