// MCP on the wire (Codex 0.169 shapes): the mcpToolCall item, the client methods
// (mcpServerStatus/list, config/mcpServer/reload, mcpServer/resource/read, mcpServer/tool/call),
// the notifications (mcpServer/startupStatus/updated, item/mcpToolCall/progress) and the server
// request mcpServer/elicitation/request (MCP elicitations and MCP tool-call approvals).
import * as z from 'zod';

export type McpToolCallStatus = 'inProgress' | 'completed' | 'failed';

export interface McpToolCallResult {
  content: unknown[];
  structuredContent?: unknown;
  _meta?: unknown;
}

export interface McpToolCallItem {
  type: 'mcpToolCall';
  id: string;
  server: string;
  tool: string;
  status: McpToolCallStatus;
  arguments: unknown;
  pluginId: string | null;
  readOnlyHint: boolean | null;
  result: McpToolCallResult | null;
  error: { message: string } | null;
  durationMs: number | null;
}

export type McpServerStartupState = 'starting' | 'ready' | 'failed' | 'cancelled';
export type McpServerConnectionStatus = 'notStarted' | 'starting' | 'connected' | 'authenticationRequired' | 'failed' | 'cancelled' | 'disabled';
export type McpAuthStatus = 'unknown' | 'unsupported' | 'notLoggedIn' | 'bearerToken' | 'oAuth';

export interface McpToolInfo {
  name: string;
  title?: string | null;
  description?: string | null;
  inputSchema: unknown;
  outputSchema?: unknown;
  annotations?: unknown;
  _meta?: unknown;
}

export interface McpResourceInfo {
  name: string;
  uri: string;
  title?: string | null;
  description?: string | null;
  mimeType?: string | null;
  size?: number | null;
}

export interface McpResourceTemplateInfo {
  name: string;
  uriTemplate: string;
  title?: string | null;
  description?: string | null;
  mimeType?: string | null;
}

export interface McpServerStatus {
  name: string;
  authStatus: McpAuthStatus;
  tools: Record<string, McpToolInfo>;
  resources: McpResourceInfo[];
  resourceTemplates: McpResourceTemplateInfo[];
  runtimeStatus: McpServerConnectionStatus | null;
  serverInfo: { name: string; version: string; title?: string | null } | null;
  httpOrigin: string | null;
  pluginId: null;
  toolsError: string | null;
}

export type McpResourceContent = { uri: string; mimeType?: string | null; text: string } | { uri: string; mimeType?: string | null; blob: string };

export const ListMcpServerStatusParams = z.object({
  cursor: z.string().nullish(),
  limit: z.number().int().min(0).nullish(),
  detail: z.enum(['full', 'toolsAndAuthOnly']).nullish(),
  serverName: z.string().nullish(),
  threadId: z.string().nullish(),
});
export const McpResourceReadParams = z.object({
  server: z.string(),
  uri: z.string(),
  threadId: z.string().nullish(),
  _meta: z.record(z.string(), z.unknown()).nullish(),
  connectorId: z.string().nullish(),
  originCallId: z.string().nullish(),
  target: z.unknown().optional(),
});
export const McpServerToolCallParams = z.object({
  server: z.string(),
  tool: z.string(),
  threadId: z.string(),
  arguments: z.unknown().optional(),
  _meta: z.unknown().optional(),
});

export interface McpClientRequestResults {
  'mcpServerStatus/list': { data: McpServerStatus[]; nextCursor: string | null };
  'config/mcpServer/reload': Record<string, never>;
  'mcpServer/resource/read': { contents: McpResourceContent[] };
  'mcpServer/tool/call': { content: unknown[]; structuredContent?: unknown; isError: boolean | null; _meta?: unknown };
}

export interface McpServerNotifications {
  'mcpServer/startupStatus/updated': { name: string; status: McpServerStartupState; error: string | null; threadId: string | null };
  'item/mcpToolCall/progress': { threadId: string; turnId: string; itemId: string; message: string };
}

/** mcpServer/elicitation/request: a form (or url) elicitation from an MCP server, or a tool-call approval. */
export type McpServerElicitationRequestParams = {
  threadId: string;
  turnId: string | null;
  serverName: string;
} & (
  | { mode: 'form'; message: string; requestedSchema: unknown; _meta?: unknown }
  | { mode: 'url'; message: string; url: string; elicitationId: string; _meta?: unknown }
);

export const McpServerElicitationResult = z.object({
  action: z.enum(['accept', 'decline', 'cancel']),
  content: z.unknown().optional(),
  _meta: z.unknown().optional(),
});
export type McpServerElicitationResult = z.infer<typeof McpServerElicitationResult>;
