// The function-tool definitions the model is offered for running commands: `exec_command` and
// `write_stdin` (Codex's unified exec pair, parameter names, types and ranges as Codex sends them
// to a gpt-5.5-class model; descriptions are our own words), and `shell` for models that use an
// argv-style one-shot tool. `login` is only offered when `allow_login_shell` is true, as in Codex.
import type { FunctionToolSpec } from '../../models/types';

export const EXEC_COMMAND_TOOL = 'exec_command';
export const WRITE_STDIN_TOOL = 'write_stdin';
export const SHELL_TOOL = 'shell';

export interface ExecToolSpecOptions {
  /** `allow_login_shell` from config (default true); false hides the `login` parameter. */
  allowLoginShell?: boolean;
}

type JsonSchema = Record<string, unknown>;

/** The approval-related parameters shared by exec_command and shell (used by issue 6). */
function approvalParameters(): Record<string, JsonSchema> {
  return {
    sandbox_permissions: {
      type: 'string',
      enum: ['use_default', 'require_escalated'],
      description:
        'Sandbox permissions for this command. `use_default` (the default) runs it under the session sandbox; ' +
        '`require_escalated` asks the user to run it outside the sandbox and must come with `justification`.',
    },
    justification: {
      type: 'string',
      description:
        'Only with `sandbox_permissions: "require_escalated"`: one short question for the user explaining why the ' +
        'command needs to run outside the sandbox, e.g. "Allow fetching the latest dependencies from the network?"',
    },
    prefix_rule: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Only with `require_escalated`: a short command prefix the user could approve for the rest of the session, ' +
        'e.g. ["npm", "install"] or ["git", "fetch"].',
    },
  };
}

export function execCommandToolSpec(options: ExecToolSpecOptions = {}): FunctionToolSpec {
  const properties: Record<string, JsonSchema> = {
    cmd: { type: 'string', description: 'The shell command to run.' },
    workdir: { type: 'string', description: 'Directory to run the command in. Defaults to the turn working directory.' },
    shell: { type: 'string', description: "Shell program to run the command with. Defaults to the user's shell." },
  };
  if (options.allowLoginShell ?? true) {
    properties.login = { type: 'boolean', description: 'Run the shell as a login shell (-l). Defaults to true.' };
  }
  Object.assign(properties, {
    tty: { type: 'boolean', description: 'Allocate a terminal for the command. Defaults to false (plain pipes).' },
    yield_time_ms: {
      type: 'number',
      description:
        'How long to wait for the command before returning. A command that finishes sooner returns at once; one that ' +
        'is still running returns a session ID for write_stdin. Defaults to 10000 ms; effective range 250-30000 ms.',
    },
    max_output_tokens: { type: 'number', description: 'Output token budget for this result. Defaults to 10000 tokens.' },
    ...approvalParameters(),
  });
  return {
    type: 'function',
    name: EXEC_COMMAND_TOOL,
    description:
      'Runs a shell command and returns its output, or a session ID to continue with write_stdin when it is still running.',
    parameters: { type: 'object', properties, required: ['cmd'], additionalProperties: false },
    strict: false,
  };
}

export function writeStdinToolSpec(): FunctionToolSpec {
  return {
    type: 'function',
    name: WRITE_STDIN_TOOL,
    description: 'Sends characters to the stdin of a running exec_command session and returns the output produced since the last read.',
    parameters: {
      type: 'object',
      properties: {
        session_id: { type: 'number', description: 'Session ID returned by exec_command for a command that is still running.' },
        chars: { type: 'string', description: 'Characters to write to stdin. Empty (the default) only polls for new output.' },
        yield_time_ms: {
          type: 'number',
          description:
            'How long to wait for output before returning. Writes default to 250 ms (at most 30000 ms); empty polls wait at least 5000 ms.',
        },
        max_output_tokens: { type: 'number', description: 'Output token budget for this result. Defaults to 10000 tokens.' },
      },
      required: ['session_id'],
      additionalProperties: false,
    },
    strict: false,
  };
}

export function shellToolSpec(): FunctionToolSpec {
  return {
    type: 'function',
    name: SHELL_TOOL,
    description: 'Runs a command given as an argv array and returns its output once it finishes. Use ["bash", "-lc", "..."] for shell syntax.',
    parameters: {
      type: 'object',
      properties: {
        command: { type: 'array', items: { type: 'string' }, description: 'The command and its arguments.' },
        workdir: { type: 'string', description: 'Directory to run the command in. Defaults to the turn working directory.' },
        timeout_ms: { type: 'number', description: 'Kill the command after this many milliseconds. Defaults to 10000.' },
        ...approvalParameters(),
      },
      required: ['command'],
      additionalProperties: false,
    },
    strict: false,
  };
}
