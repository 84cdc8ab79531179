// MCP on the wire (Codex 0.169 shapes): the mcpToolCall item, the client methods' params and
// results (mcpServerStatus/list, config/mcpServer/reload, mcpServer/resource/read,
// mcpServer/tool/call), the notification payloads and the server request
// mcpServer/elicitation/request (MCP elicitations and MCP tool-call approvals).
import * as z from 'zod';
import { JsonValue, Opaque, wireObject } from './wire';

export const McpToolCallStatus = z.enum(['inProgress', 'completed', 'failed']);
export type McpToolCallStatus = z.output<typeof McpToolCallStatus>;

export const McpToolCallResult = z.lazy(() => wireObject({
  content: z.array(JsonValue),
  structuredContent: JsonValue.optional(),
  _meta: JsonValue.optional(),
}));
export type McpToolCallResult = z.output<typeof McpToolCallResult>;

/** The fields of the `mcpToolCall` thread item (its start/end times are added by the item union). */
export const mcpToolCallItemShape = () => ({
  type: z.literal('mcpToolCall'),
  id: z.string(),
  server: z.string(),
  tool: z.string(),
  status: McpToolCallStatus,
  arguments: JsonValue,
  pluginId: z.string().nullable(),
  readOnlyHint: z.boolean().nullable(),
  result: McpToolCallResult.nullable(),
  error: wireObject({ message: z.string() }).nullable(),
  durationMs: z.number().nullable(),
});
export const McpToolCallItem = z.lazy(() => wireObject(mcpToolCallItemShape()));
export type McpToolCallItem = z.output<typeof McpToolCallItem>;

export const McpServerStartupState = z.enum(['starting', 'ready', 'failed', 'cancelled']);
export type McpServerStartupState = z.output<typeof McpServerStartupState>;
export const McpServerConnectionStatus = z.enum(['notStarted', 'starting', 'connected', 'authenticationRequired', 'failed', 'cancelled', 'disabled']);
export type McpServerConnectionStatus = z.output<typeof McpServerConnectionStatus>;
export const McpAuthStatus = z.enum(['unknown', 'unsupported', 'notLoggedIn', 'bearerToken', 'oAuth']);
export type McpAuthStatus = z.output<typeof McpAuthStatus>;

export const McpToolInfo = z.lazy(() => wireObject({
  name: z.string(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  inputSchema: JsonValue,
  outputSchema: JsonValue.optional(),
  annotations: JsonValue.optional(),
  _meta: JsonValue.optional(),
}));
export type McpToolInfo = z.output<typeof McpToolInfo>;

export const McpResourceInfo = z.lazy(() => wireObject({
  name: z.string(),
  uri: z.string(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  mimeType: z.string().nullish(),
  size: z.number().nullish(),
}));
export type McpResourceInfo = z.output<typeof McpResourceInfo>;

export const McpResourceTemplateInfo = z.lazy(() => wireObject({
  name: z.string(),
  uriTemplate: z.string(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  mimeType: z.string().nullish(),
}));
export type McpResourceTemplateInfo = z.output<typeof McpResourceTemplateInfo>;

export const McpServerStatus = z.lazy(() => wireObject({
  name: z.string(),
  authStatus: McpAuthStatus,
  tools: z.record(z.string(), McpToolInfo),
  resources: z.array(McpResourceInfo),
  resourceTemplates: z.array(McpResourceTemplateInfo),
  runtimeStatus: McpServerConnectionStatus.nullable(),
  serverInfo: wireObject({ name: z.string(), version: z.string(), title: z.string().nullish() }).nullable(),
  httpOrigin: z.string().nullable(),
  pluginId: z.string().nullable(),
  toolsError: z.string().nullable(),
}));
export type McpServerStatus = z.output<typeof McpServerStatus>;

export const McpResourceContent = z.lazy(() => z.union([
  wireObject({ uri: z.string(), mimeType: z.string().nullish(), text: z.string() }),
  wireObject({ uri: z.string(), mimeType: z.string().nullish(), blob: z.string() }),
]));
export type McpResourceContent = z.output<typeof McpResourceContent>;

export const ListMcpServerStatusParams = z.object({
  cursor: z.string().nullish(),
  limit: z.number().int().min(0).nullish(),
  detail: z.enum(['full', 'toolsAndAuthOnly']).nullish(),
  serverName: z.string().nullish(),
  threadId: z.string().nullish(),
});
export const ListMcpServerStatusResult = z.lazy(() => wireObject({ data: z.array(McpServerStatus), nextCursor: z.string().nullable() }));

export const McpResourceReadParams = z.object({
  server: z.string(),
  uri: z.string(),
  threadId: z.string().nullish(),
  _meta: z.record(z.string(), z.unknown()).nullish(),
  connectorId: z.string().nullish(),
  originCallId: z.string().nullish(),
  target: z.unknown().optional(),
});
export const McpResourceReadResult = z.lazy(() => wireObject({ contents: z.array(McpResourceContent) }));

export const McpServerToolCallParams = z.object({
  server: z.string(),
  tool: z.string(),
  threadId: z.string(),
  arguments: z.unknown().optional(),
  _meta: z.unknown().optional(),
});
export const McpServerToolCallResult = z.lazy(() => wireObject({
  content: z.array(JsonValue),
  structuredContent: JsonValue.optional(),
  isError: z.boolean().nullish(),
  _meta: JsonValue.optional(),
}));

export const McpServerStartupStatusUpdated = z.lazy(() => wireObject({
  name: z.string(),
  status: McpServerStartupState,
  error: z.string().nullable(),
  threadId: z.string().nullable(),
}));
export const McpToolCallProgress = z.lazy(() => wireObject({ threadId: z.string(), turnId: z.string(), itemId: z.string(), message: z.string() }));

const ElicitationOwner = () => ({ threadId: z.string(), turnId: z.string().nullish(), serverName: z.string() });
/** An MCP form elicitation (also how an MCP tool-call approval is asked). */
export const McpFormElicitationParams = z.lazy(() => wireObject({
  ...ElicitationOwner(),
  mode: z.literal('form'),
  message: z.string(),
  requestedSchema: JsonValue,
  _meta: JsonValue.optional(),
}));
/** An MCP url elicitation: the user opens a link and says when done. */
export const McpUrlElicitationParams = z.lazy(() => wireObject({
  ...ElicitationOwner(),
  mode: z.literal('url'),
  message: z.string(),
  url: z.string(),
  elicitationId: z.string(),
  _meta: JsonValue.optional(),
}));
/** Codex's own elicitation modes (OpenAI forms, user verification); never sent by codex-ts. */
export const McpOpenAiElicitationParams = z.lazy(() => wireObject({
  ...ElicitationOwner(),
  mode: z.enum(['openai/userVerification', 'openai/form', 'openaiForm']),
  _meta: Opaque,
}));
/** mcpServer/elicitation/request: a form (or url) elicitation from an MCP server, or a tool-call approval. */
export const McpServerElicitationRequestParams = z.lazy(() => z.discriminatedUnion('mode', [McpFormElicitationParams, McpUrlElicitationParams, McpOpenAiElicitationParams]));
export type McpServerElicitationRequestParams = z.output<typeof McpServerElicitationRequestParams>;

export const McpServerElicitationResult = z.lazy(() => wireObject({
  action: z.enum(['accept', 'decline', 'cancel']),
  content: JsonValue.optional(),
  _meta: JsonValue.optional(),
}));
export type McpServerElicitationResult = z.output<typeof McpServerElicitationResult>;
