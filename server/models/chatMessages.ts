// The Chat Completions request side (`wire_api = "chat"`, for Ollama, LM Studio, vLLM…): canonical history
// items become chat messages, tool specs become function tools, and the request becomes a streaming body.
// Pure functions, so the lossy parts of the conversion are easy to test and to see.

import { type ContentPart, messageText, type ResponseItem, type ToolOutput } from './items';
import type { CustomToolSpec, ModelRequest, ToolChoice, ToolSpec } from './types';

export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type ChatContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } };

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | ChatContentPart[] }
  | { role: 'assistant'; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface ChatFunctionTool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown>; strict?: boolean };
}

/** The single argument a custom (freeform) tool gets when offered as a function tool. */
export const CUSTOM_TOOL_INPUT_ARG = 'input';

function toChatParts(content: ContentPart[]): ChatContentPart[] {
  const parts: ChatContentPart[] = [];
  for (const part of content) {
    if (part.type === 'input_text' || part.type === 'output_text') parts.push({ type: 'text', text: part.text });
    else if (part.type === 'refusal') parts.push({ type: 'text', text: part.refusal });
    else parts.push({ type: 'image_url', image_url: { url: part.image_url, ...(part.detail ? { detail: part.detail } : {}) } });
  }
  return parts;
}

/** Tool messages carry text only; images in a tool output are split off to be re-sent in a user message. */
function splitToolOutput(output: ToolOutput): { text: string; images: ChatContentPart[] } {
  if (typeof output === 'string') return { text: output, images: [] };
  const texts: string[] = [];
  const images: ChatContentPart[] = [];
  for (const part of output) {
    if (part.type === 'input_text') texts.push(part.text);
    else images.push({ type: 'image_url', image_url: { url: part.image_url, ...(part.detail ? { detail: part.detail } : {}) } });
  }
  return { text: texts.join('\n'), images };
}

function appendToolCall(messages: ChatMessage[], call: ChatToolCall): void {
  const last = messages.at(-1);
  // Consecutive calls (and a call right after the assistant's text) belong to one assistant turn.
  if (last?.role === 'assistant') last.tool_calls = [...(last.tool_calls ?? []), call];
  else messages.push({ role: 'assistant', content: null, tool_calls: [call] });
}

/**
 * Converts canonical history to chat messages: developer/system → system, user → user (parts when images are
 * present), assistant → assistant, function and custom tool calls → assistant `tool_calls` (a custom call's
 * input is wrapped as `{"input": …}`), outputs → `tool` messages. Reasoning items are dropped: chat servers
 * have no standard way to take them back.
 */
export function toChatMessages(input: readonly ResponseItem[], instructions?: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (instructions) messages.push({ role: 'system', content: instructions });
  // Images from tool outputs wait until the run of tool messages ends (a user message may not interrupt it).
  let pendingImages: ChatContentPart[] = [];
  const flushImages = (): void => {
    if (pendingImages.length === 0) return;
    messages.push({ role: 'user', content: [{ type: 'text', text: 'Images returned by the tool calls above:' }, ...pendingImages] });
    pendingImages = [];
  };
  for (const item of input) {
    if (item.type !== 'function_call_output' && item.type !== 'custom_tool_call_output') flushImages();
    switch (item.type) {
      case 'message': {
        if (item.role === 'developer' || item.role === 'system') {
          messages.push({ role: 'system', content: messageText(item, '\n') });
        } else if (item.role === 'user') {
          const hasImage = item.content.some((part) => part.type === 'input_image');
          messages.push({ role: 'user', content: hasImage ? toChatParts(item.content) : messageText(item, '\n') });
        } else {
          messages.push({ role: 'assistant', content: messageText(item) });
        }
        break;
      }
      case 'reasoning':
        break;
      case 'function_call':
        appendToolCall(messages, { id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments } });
        break;
      case 'custom_tool_call': {
        const args = JSON.stringify({ [CUSTOM_TOOL_INPUT_ARG]: item.input });
        appendToolCall(messages, { id: item.call_id, type: 'function', function: { name: item.name, arguments: args } });
        break;
      }
      case 'function_call_output':
      case 'custom_tool_call_output': {
        const { text, images } = splitToolOutput(item.output);
        messages.push({ role: 'tool', tool_call_id: item.call_id, content: text });
        pendingImages.push(...images);
        break;
      }
    }
  }
  flushImages();
  return messages;
}

function customToolParameters(tool: CustomToolSpec): Record<string, unknown> {
  let description = 'The raw input for this tool.';
  if (tool.format?.type === 'grammar') {
    description = `The raw input for this tool. It must match this ${tool.format.syntax} grammar:\n${tool.format.definition}`;
  }
  return {
    type: 'object',
    properties: { [CUSTOM_TOOL_INPUT_ARG]: { type: 'string', description } },
    required: [CUSTOM_TOOL_INPUT_ARG],
    additionalProperties: false,
  };
}

/** Function tools as they are; custom tools as a function with one string argument; hosted tools dropped. */
export function toChatTools(tools: readonly ToolSpec[]): ChatFunctionTool[] {
  const out: ChatFunctionTool[] = [];
  for (const tool of tools) {
    if (tool.type === 'function') {
      const { name, description, parameters, strict } = tool;
      out.push({ type: 'function', function: { name, description, parameters, ...(strict ? { strict } : {}) } });
    } else if (tool.type === 'custom') {
      out.push({ type: 'function', function: { name: tool.name, description: tool.description, parameters: customToolParameters(tool) } });
    }
  }
  return out;
}

/** Names of the custom tools, so their calls can be turned back into `custom_tool_call` items. */
export function customToolNames(tools: readonly ToolSpec[]): Set<string> {
  return new Set(tools.filter((tool) => tool.type === 'custom').map((tool) => tool.name));
}

function toChatToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

export function buildChatBody(request: ModelRequest): Record<string, unknown> {
  const tools = toChatTools(request.tools);
  const body: Record<string, unknown> = {
    model: request.model,
    messages: toChatMessages(request.input, request.instructions),
    stream: true,
    // Without this the stream carries no token usage.
    stream_options: { include_usage: true },
  };
  if (tools.length > 0) {
    body['tools'] = tools;
    body['tool_choice'] = toChatToolChoice(request.toolChoice ?? 'auto');
    if (request.parallelToolCalls !== undefined) body['parallel_tool_calls'] = request.parallelToolCalls;
  }
  if (request.reasoning?.effort) body['reasoning_effort'] = request.reasoning.effort;
  if (request.textVerbosity) body['verbosity'] = request.textVerbosity;
  if (request.outputSchema) {
    body['response_format'] = {
      type: 'json_schema',
      json_schema: { name: 'codex_output_schema', schema: request.outputSchema, strict: true },
    };
  }
  // promptCacheKey is not sent: it is an OpenAI Responses optimisation that chat servers do not know.
  return body;
}
