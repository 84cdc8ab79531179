// Public entry of the connection module: createServerConnection() for the extension host, plus the
// ServerConnection types and errors the other host modules use.
import type { ServerConnection, ServerConnectionOptions } from './types';

export * from './types';
export { ServerRequestError, ConnectionErrorCode } from './errors';

export function createServerConnection(_options: ServerConnectionOptions): ServerConnection {
  // Replaced by the real implementation (spawn, JSON-RPC client, restart) in the next commits.
  throw new Error('createServerConnection: not implemented yet');
}
