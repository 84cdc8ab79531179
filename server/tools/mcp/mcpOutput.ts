// What the model reads for an MCP tool result, the way Codex builds it: structured content as its
// JSON text when the server gave some; otherwise, when the content holds images, content parts
// (text → input_text, images and image blobs → input_image data URLs, embedded text resources →
// their text, anything else → its JSON); otherwise the content array as JSON text. Models without
// image input get a note instead of each image.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolOutput, ToolOutputPart } from '../../models';

export const IMAGE_OMITTED = '<image content omitted because the model does not support image input>';

type Content = CallToolResult['content'][number];

function imageOf(item: Content): { mime: string; data: string } | null {
  if (item.type === 'image') return { mime: item.mimeType, data: item.data };
  if (item.type === 'resource' && 'blob' in item.resource && item.resource.mimeType?.startsWith('image/')) return { mime: item.resource.mimeType, data: item.resource.blob };
  return null;
}

function partOf(item: Content, images: boolean): ToolOutputPart {
  const image = imageOf(item);
  if (image) return images ? { type: 'input_image', image_url: `data:${image.mime};base64,${image.data}` } : { type: 'input_text', text: IMAGE_OMITTED };
  if (item.type === 'text') return { type: 'input_text', text: item.text };
  if (item.type === 'resource' && 'text' in item.resource) return { type: 'input_text', text: item.resource.text };
  return { type: 'input_text', text: JSON.stringify(item) };
}

export function mcpResultForModel(result: Pick<CallToolResult, 'content' | 'structuredContent'>, modelTakesImages: boolean): ToolOutput {
  if (result.structuredContent !== undefined && result.structuredContent !== null) return JSON.stringify(result.structuredContent);
  const content = result.content ?? [];
  if (!content.some((item) => imageOf(item) !== null)) return JSON.stringify(content);
  return content.map((item) => partOf(item, modelTakesImages));
}
