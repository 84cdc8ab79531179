// Entry point of the `codex-ts` binary: parses the command line and hands over to a subcommand.
// `codex-ts --version`, `codex-ts app-server [-c key=value]…` (the Codex app-server protocol on stdio),
// `codex-ts exec [options] PROMPT` (one task without a client; see server/exec/execArgs.ts),
// `codex-ts sandbox MODE [options] -- CMD…` (one command under the sandbox; see server/sandbox/cli.ts).
import { VERSION } from './version';
import { runAppServer } from './appServer';
import { EXEC_USAGE, parseExecArgs, type ExecOptions } from './exec/execArgs';
import { runExec } from './exec/runExec';
import { parseSandboxArgs, runSandboxCli, type SandboxCliOptions } from './sandbox/cli';

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

export interface CliOptions {
  readonly command: 'app-server' | 'exec' | 'sandbox' | 'version' | 'help';
  readonly configOverrides: readonly string[];
  /** For `exec`: its options (global `-c` overrides included). */
  readonly exec?: ExecOptions;
  /** For `sandbox`: its options. */
  readonly sandbox?: SandboxCliOptions;
}

/** Pure argument parsing, so it can be tested without spawning a process. */
export function parseArgs(argv: readonly string[]): CliOptions | { readonly error: string } {
  let command: CliOptions['command'] | undefined;
  const configOverrides: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--version' || arg === '-V') return { command: 'version', configOverrides };
    if (arg === '--help' || arg === '-h') return { command: 'help', configOverrides };
    if (arg === '-c' || arg === '--config') {
      const value = argv[++i];
      if (value === undefined) return { error: `${arg} needs a key=value argument` };
      configOverrides.push(value);
    } else if (arg.startsWith('--config=')) {
      configOverrides.push(arg.slice('--config='.length));
    } else if (arg === 'app-server' && command === undefined) {
      command = 'app-server';
    } else if (arg === 'exec' && command === undefined) {
      // Everything after `exec` is its own command line.
      const exec = parseExecArgs(argv.slice(i + 1), configOverrides);
      if ('error' in exec) return exec;
      return { command: 'exec', configOverrides: exec.configOverrides, exec };
    } else if (arg === 'sandbox' && command === undefined) {
      const sandbox = parseSandboxArgs(argv.slice(i + 1));
      if ('error' in sandbox) return sandbox;
      return { command: 'sandbox', configOverrides, sandbox };
    } else {
      return { error: `unexpected argument '${arg}'` };
    }
  }
  return { command: command ?? 'help', configOverrides };
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if ('error' in parsed) {
    process.stderr.write(`codex-ts: ${parsed.error}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  switch (parsed.command) {
    case 'version':
      process.stdout.write(`codex-ts ${VERSION}\n`);
      return;
    case 'help':
      process.stdout.write(USAGE);
      return;
    case 'app-server':
      await runAppServer({ configOverrides: parsed.configOverrides });
      return;
    case 'sandbox':
      process.exitCode = await runSandboxCli(parsed.sandbox as SandboxCliOptions, { stdout: process.stdout, stderr: process.stderr, env: process.env });
      return;
    case 'exec': {
      const exec = parsed.exec as ExecOptions;
      if (exec.help) {
        process.stdout.write(EXEC_USAGE);
        return;
      }
      const code = await runExec(exec, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, handleSigint: true });
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
