// view_image: the model asks to look at a local image; the file (relative paths resolve against the
// cwd) is read and handed back as an `input_image` part of the function_call_output, so the next
// request carries the picture. The client sees an `imageView` item (id = call_id). Images are sent
// as they are on disk (Codex also downsizes large ones; we do not). Offered only to models that
// take image input.
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as z from 'zod';
import type { FunctionToolSpec, ToolOutput } from '../models';
import { parseToolArgs } from './exec';
import { functionArguments, type ToolCall, type ToolContext, type ToolHandler } from './types';

const ViewImageArgs = z.object({ path: z.string() });

/** Image types by their first bytes; null for anything else. */
export function sniffImageMime(bytes: Buffer): string | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a')) return 'image/gif';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

export function viewImageToolSpec(): FunctionToolSpec {
  return {
    type: 'function',
    name: 'view_image',
    description: 'Looks at a local image file (PNG, JPEG, GIF or WebP), e.g. a screenshot or a rendered chart. The image is added to the conversation.',
    strict: false,
    parameters: {
      type: 'object',
      properties: { path: { type: 'string', description: 'Path of the image file, absolute or relative to the working directory.' } },
      required: ['path'],
      additionalProperties: false,
    },
  };
}

async function handleViewImage(call: ToolCall, ctx: ToolContext): Promise<ToolOutput> {
  if (!ctx.modelInfo.inputModalities.includes('image')) return 'view_image is not allowed because you do not support image inputs';
  const raw = functionArguments(call);
  if (!raw.ok) return raw.error;
  const parsed = parseToolArgs(ViewImageArgs, raw.arguments);
  if (!parsed.ok) return parsed.error;
  const abs = path.resolve(ctx.thread.settings.cwd, parsed.args.path);
  let bytes: Buffer;
  try {
    const info = await stat(abs);
    if (!info.isFile()) return `image path \`${abs}\` is not a file`;
    bytes = await readFile(abs);
  } catch (error) {
    return `unable to locate image at \`${abs}\`: ${error instanceof Error ? error.message : String(error)}`;
  }
  const mime = sniffImageMime(bytes);
  if (!mime) return `unable to process image at \`${abs}\`: not a PNG, JPEG, GIF or WebP image`;
  const item = { type: 'imageView' as const, id: call.callId, path: abs };
  ctx.itemStarted(item);
  ctx.itemCompleted(item);
  return [{ type: 'input_image', image_url: `data:${mime};base64,${bytes.toString('base64')}` }];
}

export const viewImageHandler: ToolHandler = { name: 'view_image', spec: viewImageToolSpec(), handle: handleViewImage };
