// Turns the model's command string into the argv that actually runs: `[shell, '-lc', cmd]` for a
// login shell, `[shell, '-c', cmd]` otherwise. The shell is the `shell` argument, else $SHELL, else
// /bin/bash. Login shells follow `allow_login_shell` (config, default true) and the `login`
// argument (default: whatever the config allows); asking for a login shell when the config forbids
// it is an error the model sees verbatim, as in Codex. Also gives the display string Codex puts in
// `commandExecution.command` ("/bin/bash -lc 'echo hello'").
import { shellJoin } from './shellWords';

export const DEFAULT_SHELL = '/bin/bash';

/** The text Codex returns to the model when `login: true` meets `allow_login_shell = false`. */
export const LOGIN_SHELL_DISABLED_MESSAGE = 'login shell is disabled by config; omit `login` or set it to false.';

export class LoginShellDisabledError extends Error {
  constructor() {
    super(LOGIN_SHELL_DISABLED_MESSAGE);
    this.name = 'LoginShellDisabledError';
  }
}

export interface ShellInvocation {
  /** The command string from the model. */
  cmd: string;
  /** The model's `shell` argument, if any. */
  shell?: string | null;
  /** The model's `login` argument, if any. */
  login?: boolean | null;
  /** `allow_login_shell` from config (default true). */
  allowLoginShell?: boolean;
  /** The user's shell ($SHELL of the server's environment), used when `shell` is not given. */
  userShell?: string | null;
}

export interface ShellArgv {
  argv: string[];
  /** Codex-style display string, e.g. `/bin/bash -lc 'echo hello'`. */
  display: string;
  shell: string;
  login: boolean;
}

/** The shell to run: the explicit one, else $SHELL (when set and non-empty), else /bin/bash. */
export function resolveShell(explicit: string | null | undefined, userShell: string | null | undefined): string {
  const pick = (value: string | null | undefined): string | null => (value && value.trim() !== '' ? value.trim() : null);
  return pick(explicit) ?? pick(userShell) ?? DEFAULT_SHELL;
}

/** Whether the command runs as a login shell; throws LoginShellDisabledError for a forbidden request. */
export function resolveLogin(login: boolean | null | undefined, allowLoginShell = true): boolean {
  if (login === true && !allowLoginShell) throw new LoginShellDisabledError();
  return login ?? allowLoginShell;
}

/** Builds the argv and display string for a command string. */
export function buildShellArgv(inv: ShellInvocation): ShellArgv {
  const shell = resolveShell(inv.shell, inv.userShell);
  const login = resolveLogin(inv.login, inv.allowLoginShell ?? true);
  const argv = [shell, login ? '-lc' : '-c', inv.cmd];
  return { argv, display: shellJoin(argv), shell, login };
}

const POSIX_SHELLS = new Set(['bash', 'zsh', 'sh', 'dash', 'ksh']);

/**
 * The script inside a `[shell, -c|-lc, script]` argv, when argv has exactly that shape and the
 * shell is a POSIX-style one (by basename); otherwise null.
 */
export function extractShellScript(argv: readonly string[]): string | null {
  if (argv.length !== 3) return null;
  const [shell, flag, script] = argv as [string, string, string];
  const base = shell.split('/').pop() ?? shell;
  if (!POSIX_SHELLS.has(base)) return null;
  if (flag !== '-c' && flag !== '-lc') return null;
  return script;
}
