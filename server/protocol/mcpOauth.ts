// MCP OAuth on the wire (Codex 0.169 shapes): the client request mcpServer/oauth/login and the
// notification mcpServer/oauthLogin/completed that ends every login it started.
import * as z from 'zod';

export const McpServerOauthLoginParams = z.object({
  name: z.string().min(1),
  scopes: z.array(z.string()).nullish(),
  timeoutSecs: z.number().int().nullish(),
  threadId: z.string().nullish(),
  /** Registration strategy for this login; omitted/`auto` = dynamic client registration here. */
  clientRegistration: z.enum(['auto', 'cimd', 'dcr']).nullish(),
});
export type McpServerOauthLoginParams = z.output<typeof McpServerOauthLoginParams>;

export interface McpServerOauthLoginResult {
  authorizationUrl: string;
  /** Names this login in its mcpServer/oauthLogin/completed notification. */
  loginId: string | null;
}

export interface McpServerOauthLoginCompleted {
  name: string;
  success: boolean;
  error: string | null;
  loginId: string | null;
  threadId: string | null;
}
