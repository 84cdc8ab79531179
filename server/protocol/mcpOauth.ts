// MCP OAuth on the wire (Codex 0.169 shapes): the client request mcpServer/oauth/login and the
// notification mcpServer/oauthLogin/completed that ends every login it started.
import * as z from 'zod';
import { wireObject } from './wire';

export const McpServerOauthLoginParams = z.object({
  name: z.string().min(1),
  scopes: z.array(z.string()).nullish(),
  timeoutSecs: z.number().int().nullish(),
  threadId: z.string().nullish(),
  /** Registration strategy for this login; omitted/`auto` = dynamic client registration here. */
  clientRegistration: z.enum(['auto', 'cimd', 'dcr']).nullish(),
});
export type McpServerOauthLoginParams = z.output<typeof McpServerOauthLoginParams>;

export const McpServerOauthLoginResult = z.lazy(() => wireObject({
  authorizationUrl: z.string(),
  /** Names this login in its mcpServer/oauthLogin/completed notification (codex-ts always sends one). */
  loginId: z.string().nullish(),
}));
export type McpServerOauthLoginResult = z.output<typeof McpServerOauthLoginResult>;

export const McpServerOauthLoginCompleted = z.lazy(() => wireObject({
  name: z.string(),
  success: z.boolean(),
  /** Codex leaves `error` out when the login succeeded. */
  error: z.string().nullish(),
  loginId: z.string().nullish(),
  threadId: z.string().nullable(),
}));
export type McpServerOauthLoginCompleted = z.output<typeof McpServerOauthLoginCompleted>;
