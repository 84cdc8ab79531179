// The two ways the server's services talk to the client, typed by the protocol's tables: a
// notification, and a server request (its id, for `serverRequest/resolved`, and the client's raw
// answer, validated by the caller). Here so threads, tools, turns and mcp share one definition
// without importing each other; ClientConnection's notify/request satisfy them.
import type { ServerNotifications } from './notifications';
import type { ServerRequestMethod, ServerRequests } from './serverRequests';

export type Notify = <M extends keyof ServerNotifications>(method: M, params: ServerNotifications[M]) => void;

export type ServerRequester = <M extends ServerRequestMethod>(method: M, params: ServerRequests[M]['params']) => { id: number; response: Promise<unknown> };
