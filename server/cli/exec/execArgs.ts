// Command line of `codex-ts exec`: the Codex `exec` options that make sense for a one-shot run.
//   codex-ts exec [--json] [-m MODEL] [-C DIR] [-s MODE] [-c key=value]… [-p PROFILE] [-i FILE]…
//                 [-o FILE] [--output-schema FILE] [--full-auto] [--dangerously-bypass-approvals-and-sandbox]
//                 [--skip-git-repo-check] [PROMPT | -]
// A prompt of `-` (or none, when stdin is not a terminal) is read from stdin. Pure parsing only.
import type { SandboxMode } from '../../protocol/common';

export const EXEC_USAGE = `Usage: codex-ts exec [options] [PROMPT]

Runs one task without a client and exits: progress on stderr, the final message on stdout.
PROMPT '-' (or no PROMPT with piped stdin) reads the prompt from stdin.

Options:
      --json                     Print every event as one JSON line on stdout (alias --experimental-json)
  -m, --model <MODEL>            Model to use
  -C, --cd <DIR>                 Working directory of the task (default: the current directory)
  -s, --sandbox <MODE>           read-only | workspace-write | danger-full-access
  -c, --config <key=value>       Override a config value (parsed as TOML, else taken as a string)
  -p, --profile <NAME>           Config profile to use
  -i, --image <FILE>             Attach an image to the prompt (repeatable)
  -o, --output-last-message <FILE>  Also write the final message to FILE
      --output-schema <FILE>     JSON Schema the final message must follow
      --full-auto                Sandbox workspace-write
      --dangerously-bypass-approvals-and-sandbox
                                 Sandbox danger-full-access (alias --yolo)
      --skip-git-repo-check      Accepted for compatibility (no check is made)
  -h, --help                     Print this help
`;

export const SANDBOX_MODES: readonly SandboxMode[] = ['read-only', 'workspace-write', 'danger-full-access'];

export interface ExecOptions {
  readonly json: boolean;
  readonly model: string | null;
  readonly cwd: string | null;
  readonly sandbox: SandboxMode | null;
  readonly configOverrides: readonly string[];
  readonly images: readonly string[];
  readonly outputLastMessage: string | null;
  readonly outputSchema: string | null;
  /** The prompt text, `-` for stdin, or null when none was given. */
  readonly prompt: string | null;
  readonly help: boolean;
}

type Flag = 'model' | 'cwd' | 'sandbox' | 'config' | 'profile' | 'image' | 'outputLastMessage' | 'outputSchema';

const VALUE_FLAGS: Record<string, Flag> = {
  '-m': 'model',
  '--model': 'model',
  '-C': 'cwd',
  '--cd': 'cwd',
  '-s': 'sandbox',
  '--sandbox': 'sandbox',
  '-c': 'config',
  '--config': 'config',
  '-p': 'profile',
  '--profile': 'profile',
  '-i': 'image',
  '--image': 'image',
  '-o': 'outputLastMessage',
  '--output-last-message': 'outputLastMessage',
  '--output-schema': 'outputSchema',
};

/** Parses the arguments after `exec`; `inherited` are `-c` overrides given before the subcommand. */
export function parseExecArgs(argv: readonly string[], inherited: readonly string[] = []): ExecOptions | { readonly error: string } {
  let json = false;
  let help = false;
  let model: string | null = null;
  let cwd: string | null = null;
  let sandbox: SandboxMode | null = null;
  let outputLastMessage: string | null = null;
  let outputSchema: string | null = null;
  const configOverrides = [...inherited];
  const images: string[] = [];
  const positionals: string[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (arg === '--json' || arg === '--experimental-json') json = true;
    else if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--full-auto') sandbox = 'workspace-write';
    else if (arg === '--dangerously-bypass-approvals-and-sandbox' || arg === '--yolo') sandbox = 'danger-full-access';
    else if (arg === '--skip-git-repo-check') continue;
    else {
      const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
      const name = eq === -1 ? arg : arg.slice(0, eq);
      const flag = VALUE_FLAGS[name];
      if (!flag) return { error: `unknown option '${arg}'` };
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined) return { error: `${name} needs a value` };
      switch (flag) {
        case 'model':
          model = value;
          break;
        case 'cwd':
          cwd = value;
          break;
        case 'sandbox':
          if (!SANDBOX_MODES.includes(value as SandboxMode)) return { error: `invalid sandbox mode '${value}' (expected ${SANDBOX_MODES.join(', ')})` };
          sandbox = value as SandboxMode;
          break;
        case 'config':
          configOverrides.push(value);
          break;
        case 'profile':
          configOverrides.push(`profile=${JSON.stringify(value)}`);
          break;
        case 'image':
          images.push(...value.split(',').filter((path) => path !== ''));
          break;
        case 'outputLastMessage':
          outputLastMessage = value;
          break;
        case 'outputSchema':
          outputSchema = value;
          break;
      }
    }
  }
  if (positionals.length > 1) return { error: `unexpected argument '${positionals[1] as string}' (quote the prompt as one argument)` };
  return { json, model, cwd, sandbox, configOverrides, images, outputLastMessage, outputSchema, prompt: positionals[0] ?? null, help };
}

/** Whether `-c` overrides set the approval policy (then exec does not force `never`). */
export function overridesApprovalPolicy(overrides: readonly string[]): boolean {
  return overrides.some((spec) => /^\s*approval_policy\s*=/.test(spec));
}
