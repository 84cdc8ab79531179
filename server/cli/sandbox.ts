// `codex-ts sandbox <read-only|workspace-write|danger-full-access> [--network] [-C DIR]
// [--writable-root DIR]… -- CMD ARGS…`: runs one command under the sandboxed runner, with the
// terminal attached, and exits with its exit code (128+N for a signal). For users debugging a
// policy and for black-box tests. When the sandbox is unavailable it prints the actionable error
// and exits 127 — it never runs the command unsandboxed. `--print-plan` shows what would run
// (the bwrap or sandbox-exec argv) without running it.
import * as path from 'node:path';
import type { SandboxPolicy } from '../protocol/common';
import { SandboxedRunner } from '../sandbox/runner';

export const SANDBOX_USAGE = `Usage: codex-ts sandbox <read-only|workspace-write|danger-full-access> [options] -- COMMAND [ARGS]...

Runs one command under the sandbox policy, as the agent's commands run.

Options:
  --network               Allow network access (read-only, workspace-write)
  -C, --cd <DIR>          Working directory (the workspace; default: the current directory)
  --writable-root <DIR>   Another writable root (workspace-write; repeatable)
  --exclude-slash-tmp     Do not make /tmp writable (workspace-write)
  --exclude-tmpdir        Do not make $TMPDIR writable (workspace-write)
  --print-plan            Print how the command would run instead of running it
  -h, --help              Print this help
`;

export interface SandboxCliOptions {
  readonly help: boolean;
  readonly policy: SandboxPolicy;
  readonly cwd: string | null;
  readonly command: readonly string[];
  readonly printPlan: boolean;
}

const MODES = ['read-only', 'workspace-write', 'danger-full-access'];

/** Pure argument parsing. */
export function parseSandboxArgs(argv: readonly string[]): SandboxCliOptions | { readonly error: string } {
  let mode: string | null = null;
  let network = false;
  let cwd: string | null = null;
  let printPlan = false;
  let excludeSlashTmp = false;
  let excludeTmpdirEnvVar = false;
  const roots: string[] = [];
  if (argv.length === 0) return { error: `missing the sandbox mode (${MODES.join(', ')})` };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string | { error: string } => {
      const v = argv[++i];
      return v === undefined ? { error: `${arg} needs a value` } : v;
    };
    if (arg === '--') {
      const command = argv.slice(i + 1);
      if (mode === null) return { error: `missing the sandbox mode (${MODES.join(', ')})` };
      if (command.length === 0) return { error: 'missing the command after --' };
      if (mode === 'danger-full-access' && (network || roots.length > 0)) return { error: '--network and --writable-root do not apply to danger-full-access' };
      const policy: SandboxPolicy =
        mode === 'read-only'
          ? { type: 'readOnly', networkAccess: network }
          : mode === 'workspace-write'
            ? { type: 'workspaceWrite', writableRoots: roots, networkAccess: network, excludeSlashTmp, excludeTmpdirEnvVar }
            : { type: 'dangerFullAccess' };
      return { help: false, policy, cwd, command, printPlan };
    }
    if (arg === '-h' || arg === '--help') return { help: true, policy: { type: 'readOnly', networkAccess: false }, cwd: null, command: [], printPlan: false };
    if (arg === '--network') network = true;
    else if (arg === '--print-plan') printPlan = true;
    else if (arg === '--exclude-slash-tmp') excludeSlashTmp = true;
    else if (arg === '--exclude-tmpdir') excludeTmpdirEnvVar = true;
    else if (arg === '-C' || arg === '--cd') {
      const v = value();
      if (typeof v !== 'string') return v;
      cwd = v;
    } else if (arg === '--writable-root') {
      const v = value();
      if (typeof v !== 'string') return v;
      roots.push(path.resolve(v));
    } else if (MODES.includes(arg) && mode === null) mode = arg;
    else if (!arg.startsWith('-') && mode === null) return { error: `unknown sandbox mode '${arg}' (expected ${MODES.join(', ')})` };
    else if (arg.startsWith('-')) return { error: `unknown option '${arg}'` };
    else return { error: `unexpected argument '${arg}' (the command goes after --)` };
  }
  return { error: 'missing -- before the command' };
}

export interface SandboxCliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** Runs the subcommand; resolves with the process exit code. */
export async function runSandboxCli(options: SandboxCliOptions, io: SandboxCliIo): Promise<number> {
  if (options.help) {
    io.stdout.write(SANDBOX_USAGE);
    return 0;
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(io.env)) if (v !== undefined) env[k] = v;
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const spec = { argv: [...options.command], cwd, env, sandbox: options.policy, tty: false as const };
  const runner = new SandboxedRunner({ stdio: 'inherit' });
  if (options.printPlan) {
    const plan = runner.plan(spec);
    if (plan.kind === 'refused') {
      io.stderr.write(`codex-ts sandbox: ${plan.error.message}\n`);
      return 127;
    }
    const argv = plan.kind === 'bwrap' ? [plan.file, ...plan.args] : plan.argv;
    io.stdout.write(`${JSON.stringify({ kind: plan.kind, argv, network: plan.resolved.type === 'restricted' ? plan.resolved.network : true }, null, 2)}\n`);
    return 0;
  }
  const child = runner.spawn(spec);
  // The command shares the terminal: Ctrl-C reaches it directly; we just wait for its exit.
  const ignore = (): void => undefined;
  process.on('SIGINT', ignore);
  const forwardTerm = (): void => void child.kill();
  process.on('SIGTERM', forwardTerm);
  try {
    const status = await child.exit;
    if (status.spawnError !== undefined) {
      io.stderr.write(`codex-ts sandbox: ${status.spawnError}\n`);
      return 127;
    }
    return status.exitCode;
  } finally {
    process.off('SIGINT', ignore);
    process.off('SIGTERM', forwardTerm);
  }
}
