// The `app-server` subcommand: wires stdio to the JSON-RPC connection, registers every method
// handler and shuts down cleanly on stdin EOF (every rollout flushed, exit 0).
import { join } from 'node:path';
import { resolveCodexHome } from './codexHome';
import { createLogger } from './log';
import { ClientConnection } from './rpc/clientConnection';
import { MethodRouter } from './rpc/methodRouter';
import { handleInitialize } from './session/initialize';
import { VERSION } from './version';

export interface AppServerOptions {
  readonly configOverrides: readonly string[];
}

export async function runAppServer(_options: AppServerOptions): Promise<void> {
  const codexHome = resolveCodexHome();
  const log = createLogger(join(codexHome, 'log'));
  const router = new MethodRouter();
  const connection = new ClientConnection(process.stdin, process.stdout, router, log);

  router.on('initialize', (params) => handleInitialize(connection, codexHome, params));

  // Nothing on stdin may crash the server: log stray failures instead of dying.
  process.on('uncaughtException', (error) => log.error(`uncaught exception: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => log.error(`unhandled rejection: ${String(reason)}`));

  log.info(`codex-ts app-server ${VERSION} starting (CODEX_HOME=${codexHome})`);
  const closed = new Promise<void>((resolve) => connection.onClose(resolve));
  connection.listen();
  await closed;
  await connection.drained();
  log.info('stdin closed; exiting');
  process.exit(0);
}
