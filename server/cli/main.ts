// Entry point of the `codex-ts` binary: parses the command line and hands over to a subcommand.
// `codex-ts --version`, `codex-ts app-server [-c key=value]…` (the Codex app-server protocol on stdio),
// `codex-ts exec [options] PROMPT` (one task without a client; see server/cli/exec/execArgs.ts),
// `codex-ts sandbox MODE [options] -- CMD…` (one command under the sandbox; see server/cli/sandbox.ts).
// Each subcommand has its own usage: --help prints it, and a bad argument prints the error naming
// it plus that usage on stderr (exit code 2).
import { VERSION } from '../util/version';
import { runAppServer } from '../appServer';
import { EXEC_USAGE, parseExecArgs, type ExecOptions } from './exec/execArgs';
import { runExec } from './exec/runExec';
import { parseSandboxArgs, runSandboxCli, SANDBOX_USAGE, type SandboxCliOptions } from './sandbox';

const USAGE = `Usage: codex-ts <command> [options]

Commands:
  app-server        Serve the Codex app-server protocol (JSON-RPC 2.0, one JSON object per line) on stdio
  exec              Run one task without a client (codex-ts exec --help for its options)
  sandbox           Run one command under a sandbox policy (codex-ts sandbox --help)

Options:
  -c, --config <key=value>   Override a config value (the value is parsed as TOML, else taken as a string)
  -V, --version              Print the version
  -h, --help                 Print this help
`;

const APP_SERVER_USAGE = `Usage: codex-ts app-server [options]

Serves the Codex app-server protocol (JSON-RPC 2.0, one JSON object per line) on stdin/stdout;
logs go to stderr and $CODEX_HOME/log/.

Options:
  -c, --config <key=value>   Override a config value (the value is parsed as TOML, else taken as a string)
  -h, --help                 Print this help
`;

export type CliOptions =
  | { readonly command: 'version' }
  /** Print `usage` (the top-level one, or a subcommand's own). */
  | { readonly command: 'help'; readonly usage: string }
  | { readonly command: 'app-server'; readonly configOverrides: readonly string[] }
  /** `exec`'s options, global `-c` overrides included in both. */
  | { readonly command: 'exec'; readonly configOverrides: readonly string[]; readonly exec: ExecOptions }
  | { readonly command: 'sandbox'; readonly configOverrides: readonly string[]; readonly sandbox: SandboxCliOptions };

/** A command line that cannot run: what is wrong, who says so, and the usage to print with it. */
export interface CliError {
  readonly error: string;
  /** `codex-ts`, or `codex-ts <subcommand>` once the subcommand is known. */
  readonly program: string;
  readonly usage: string;
}

/** `--name=value` or `-x`/`--name` followed by a value: the value, or null when it is missing. */
function configValue(argv: readonly string[], i: number): { value: string | null; next: number } {
  const arg = argv[i] as string;
  if (arg.startsWith('--config=')) return { value: arg.slice('--config='.length), next: i };
  const value = argv[i + 1];
  return { value: value ?? null, next: i + 1 };
}

const isConfigFlag = (arg: string): boolean => arg === '-c' || arg === '--config' || arg.startsWith('--config=');

/** The arguments after `app-server`: only -c overrides and --help. */
function parseAppServerArgs(argv: readonly string[], configOverrides: string[]): CliOptions | CliError {
  const fail = (error: string): CliError => ({ error, program: 'codex-ts app-server', usage: APP_SERVER_USAGE });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { command: 'help', usage: APP_SERVER_USAGE };
    if (arg === '--version' || arg === '-V') return { command: 'version' };
    if (!isConfigFlag(arg)) return fail(arg.startsWith('-') ? `unknown option '${arg}'` : `unexpected argument '${arg}'`);
    const { value, next } = configValue(argv, i);
    if (value === null) return fail(`${arg} needs a key=value argument`);
    configOverrides.push(value);
    i = next;
  }
  return { command: 'app-server', configOverrides };
}

/** Pure argument parsing, so it can be tested without spawning a process. */
export function parseArgs(argv: readonly string[]): CliOptions | CliError {
  const configOverrides: string[] = [];
  const fail = (error: string): CliError => ({ error, program: 'codex-ts', usage: USAGE });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--version' || arg === '-V') return { command: 'version' };
    if (arg === '--help' || arg === '-h') return { command: 'help', usage: USAGE };
    if (isConfigFlag(arg)) {
      const { value, next } = configValue(argv, i);
      if (value === null) return fail(`${arg} needs a key=value argument`);
      configOverrides.push(value);
      i = next;
    } else if (arg === 'app-server') {
      return parseAppServerArgs(argv.slice(i + 1), configOverrides);
    } else if (arg === 'exec') {
      // Everything after a subcommand is its own command line.
      const exec = parseExecArgs(argv.slice(i + 1), configOverrides);
      if ('error' in exec) return { error: exec.error, program: 'codex-ts exec', usage: EXEC_USAGE };
      if (exec.help) return { command: 'help', usage: EXEC_USAGE };
      return { command: 'exec', configOverrides: exec.configOverrides, exec };
    } else if (arg === 'sandbox') {
      const sandbox = parseSandboxArgs(argv.slice(i + 1));
      if ('error' in sandbox) return { error: sandbox.error, program: 'codex-ts sandbox', usage: SANDBOX_USAGE };
      if (sandbox.help) return { command: 'help', usage: SANDBOX_USAGE };
      return { command: 'sandbox', configOverrides, sandbox };
    } else {
      return fail(arg.startsWith('-') ? `unknown option '${arg}'` : `unexpected argument '${arg}'`);
    }
  }
  return { command: 'help', usage: USAGE };
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if ('error' in parsed) {
    process.stderr.write(`${parsed.program}: ${parsed.error}\n\n${parsed.usage}`);
    process.exitCode = 2;
    return;
  }
  switch (parsed.command) {
    case 'version':
      process.stdout.write(`codex-ts ${VERSION}\n`);
      return;
    case 'help':
      process.stdout.write(parsed.usage);
      return;
    case 'app-server':
      await runAppServer({ configOverrides: parsed.configOverrides });
      return;
    case 'sandbox':
      process.exitCode = await runSandboxCli(parsed.sandbox, { stdout: process.stdout, stderr: process.stderr, env: process.env });
      return;
    case 'exec': {
      const code = await runExec(parsed.exec, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, handleSigint: true });
      // Exit once both streams are flushed: idle model connections must not keep the process alive.
      await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
      await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
      process.exit(code);
    }
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`codex-ts: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
