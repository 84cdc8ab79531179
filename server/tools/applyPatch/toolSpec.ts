// The apply_patch tool as offered to the model: a freeform custom tool whose input is constrained
// by a Lark grammar (models that support custom tools), or a JSON function tool taking
// `{input: <patch>}` (the rest). Also reading the patch text back out of either kind of call.
import type { CustomToolSpec, FunctionToolSpec } from '../../models/types';
import { ApplyPatchError } from './errors';

export const APPLY_PATCH_TOOL_NAME = 'apply_patch';

/** Lark grammar of the patch format (the syntax the freeform tool's output must follow). */
export const APPLY_PATCH_LARK_GRAMMAR = [
  'start: begin_marker operation+ end_marker',
  'begin_marker: "*** Begin Patch" LF',
  'end_marker: "*** End Patch" LF?',
  '',
  'operation: add_file | delete_file | update_file',
  '',
  'add_file: "*** Add File: " TEXT LF added_line*',
  'added_line: "+" TEXT? LF',
  '',
  'delete_file: "*** Delete File: " TEXT LF',
  '',
  'update_file: "*** Update File: " TEXT LF move_to? first_chunk next_chunk*',
  'move_to: "*** Move to: " TEXT LF',
  'first_chunk: anchor* chunk_body',
  'next_chunk: anchor+ chunk_body',
  'anchor: "@@" (" " TEXT)? LF',
  'chunk_body: chunk_line+ end_of_file?',
  'chunk_line: (" " | "-" | "+") TEXT? LF',
  'end_of_file: "*** End of File" LF',
  '',
  'TEXT: /[^\\n]+/',
  'LF: "\\n"',
].join('\n');

const FORMAT_GUIDE = `A patch is one envelope holding one or more file operations:

*** Begin Patch
*** Add File: <path>         create a file; every following line is '+' and its text (a lone '+' is an empty line)
*** Delete File: <path>      delete a file; nothing follows
*** Update File: <path>      change a file; may be followed by '*** Move to: <new path>' to rename it
*** End Patch

An update consists of chunks. Each chunk starts with '@@', optionally followed by a line copied from the file
('@@ def main():') that comes before the change, to say where it is; several '@@ <line>' lines narrow it down step
by step (for example a class, then a method in it). Then come the chunk's lines, each starting with one character:
' ' for an unchanged line, '-' for a line to remove, '+' for a line to add. Show about 3 unchanged lines before and
after each change so it can be found; end a chunk with '*** End of File' when it must match the end of the file.

Example:
*** Begin Patch
*** Add File: docs/hello.txt
+Hello, world
*** Update File: src/app.py
*** Move to: src/main.py
@@ def greet():
-    print("Hi")
+    print("Hello, world!")
*** Delete File: obsolete.txt
*** End Patch

Paths are relative to the working directory. The whole patch is applied or nothing is: if a chunk cannot be
found, no file changes and the error says which lines were missing.`;

/** The freeform form: the model writes the raw patch, constrained by the grammar. */
export function applyPatchCustomTool(): CustomToolSpec {
  return {
    type: 'custom',
    name: APPLY_PATCH_TOOL_NAME,
    description: 'Edit files by applying a patch. This is a FREEFORM tool: send the raw patch text, do not wrap it in JSON.',
    format: { type: 'grammar', syntax: 'lark', definition: APPLY_PATCH_LARK_GRAMMAR },
  };
}

/** The function form: `{input: <patch>}`, with the format explained in the description. */
export function applyPatchFunctionTool(): FunctionToolSpec {
  return {
    type: 'function',
    name: APPLY_PATCH_TOOL_NAME,
    description: `Edit files by applying a patch.\n\n${FORMAT_GUIDE}`,
    strict: false,
    parameters: {
      type: 'object',
      properties: { input: { type: 'string', description: 'The whole patch, from "*** Begin Patch" to "*** End Patch".' } },
      required: ['input'],
      additionalProperties: false,
    },
  };
}

/** The patch text of a call: the raw input of a custom-tool call, or `input` of a function call. */
export function patchInputFromCall(call: { type: 'custom'; input: string } | { type: 'function'; arguments: string }): string {
  if (call.type === 'custom') return call.input;
  let args: unknown;
  try {
    args = JSON.parse(call.arguments);
  } catch (e) {
    throw new ApplyPatchError('arguments', `failed to parse function arguments: ${e instanceof Error ? e.message : String(e)}`);
  }
  const input = typeof args === 'object' && args !== null && 'input' in args ? args.input : undefined;
  if (typeof input !== 'string') throw new ApplyPatchError('arguments', 'failed to parse function arguments: missing string field `input`');
  return input;
}
