// The `initialize` handshake: records who the client is, whether it opted in to experimental
// methods and which notifications it opted out of, and answers with the server's identity.
import { arch, platform, release } from 'node:os';
import type { ClientRequestParams, ClientRequestResult } from '../protocol/clientRequests';
import type { ClientConnection } from '../rpc/clientConnection';
import { VERSION } from '../util/version';

function platformOs(): string {
  const p = platform();
  return p === 'darwin' ? 'macos' : p === 'win32' ? 'windows' : p;
}

export function userAgent(clientName: string, clientVersion: string): string {
  return `codex-ts/${VERSION} (${platformOs()} ${release()}; ${arch()}) ${clientName}/${clientVersion}`;
}

export function handleInitialize(
  connection: ClientConnection,
  codexHome: string,
  params: ClientRequestParams<'initialize'>,
): ClientRequestResult<'initialize'> {
  const { clientInfo, capabilities } = params;
  connection.markInitialized(
    { name: clientInfo.name, title: clientInfo.title ?? null, version: clientInfo.version },
    { experimentalApi: capabilities?.experimentalApi ?? false, optOutNotificationMethods: capabilities?.optOutNotificationMethods ?? [] },
  );
  return {
    userAgent: userAgent(clientInfo.name, clientInfo.version),
    codexHome,
    platformFamily: platform() === 'win32' ? 'windows' : 'unix',
    platformOs: platformOs(),
  };
}
