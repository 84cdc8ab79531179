// Parses the JSON arguments of exec_command, write_stdin and shell into typed objects. Lenient in
// the ways Codex is (unknown keys ignored, numbers floored, null treated as absent) and strict about
// types; a failure is reported to the model as "failed to parse function arguments: …".
import * as z from 'zod';

const optionalNumber = z
  .number()
  .nonnegative()
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : Math.floor(v)));
const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);
const optionalBoolean = z
  .boolean()
  .nullish()
  .transform((v) => v ?? undefined);
const SandboxPermissions = z.enum(['use_default', 'require_escalated']);

const ApprovalArgs = {
  sandbox_permissions: SandboxPermissions.nullish().transform((v) => v ?? undefined),
  justification: optionalString,
  prefix_rule: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? undefined),
};

export const ExecCommandArgs = z.object({
  cmd: z.string(),
  workdir: optionalString,
  shell: optionalString,
  login: optionalBoolean,
  tty: optionalBoolean,
  yield_time_ms: optionalNumber,
  max_output_tokens: optionalNumber,
  ...ApprovalArgs,
});
export type ExecCommandArgs = z.input<typeof ExecCommandArgs>;
export type ParsedExecCommandArgs = z.output<typeof ExecCommandArgs>;

export const WriteStdinArgs = z.object({
  session_id: z.number().int(),
  chars: optionalString,
  yield_time_ms: optionalNumber,
  max_output_tokens: optionalNumber,
});
export type WriteStdinArgs = z.input<typeof WriteStdinArgs>;
export type ParsedWriteStdinArgs = z.output<typeof WriteStdinArgs>;

export const ShellArgs = z.object({
  command: z.array(z.string()).min(1),
  workdir: optionalString,
  timeout_ms: optionalNumber,
  ...ApprovalArgs,
});
export type ShellArgs = z.input<typeof ShellArgs>;
export type ParsedShellArgs = z.output<typeof ShellArgs>;

export type ArgsResult<T> = { ok: true; args: T } | { ok: false; error: string };

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid arguments';
  const where = issue.path.length > 0 ? `\`${issue.path.join('.')}\`: ` : '';
  return `${where}${issue.message}`;
}

/** Parses a function call's `arguments` (a JSON string, or an already-parsed object). */
export function parseToolArgs<S extends z.ZodType>(schema: S, raw: string | unknown): ArgsResult<z.output<S>> {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw === '' ? '{}' : raw);
    } catch (err) {
      return { ok: false, error: `failed to parse function arguments: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, error: `failed to parse function arguments: ${describe(parsed.error)}` };
  return { ok: true, args: parsed.data };
}

export const parseExecCommandArgs = (raw: string | unknown): ArgsResult<ParsedExecCommandArgs> => parseToolArgs(ExecCommandArgs, raw);
export const parseWriteStdinArgs = (raw: string | unknown): ArgsResult<ParsedWriteStdinArgs> => parseToolArgs(WriteStdinArgs, raw);
export const parseShellArgs = (raw: string | unknown): ArgsResult<ParsedShellArgs> => parseToolArgs(ShellArgs, raw);
