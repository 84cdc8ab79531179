// The `app-server` subcommand: wires stdio (or given streams) to the JSON-RPC connection, builds
// the services and serves every method's handler. On stdin EOF it answers what it was sent,
// flushes every rollout and exits 0.
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { resolveCodexHome } from './codexHome';
import { handlers } from './handlers';
import { createLogger, type LogLevel } from './util/log';
import { ClientConnection } from './rpc/clientConnection';
import { MethodRouter } from './rpc/methodRouter';
import { createServices } from './services';
import { VERSION } from './util/version';

export interface AppServerOptions {
  readonly configOverrides: readonly string[];
  /** In-process use (`codex-ts exec`): serve these streams instead of stdio and return instead of exiting. */
  readonly streams?: { readonly input: Readable; readonly output: Writable };
  /** Log level (default CODEX_TS_LOG, else info). */
  readonly logLevel?: LogLevel;
}

export async function runAppServer(options: AppServerOptions): Promise<void> {
  const codexHome = resolveCodexHome();
  const log = createLogger(join(codexHome, 'log'), options.logLevel);
  const router = new MethodRouter();
  const connection = new ClientConnection(options.streams?.input ?? process.stdin, options.streams?.output ?? process.stdout, router, log);
  const services = createServices({ codexHome, log, connection, router, configOverrides: options.configOverrides, embedded: options.streams !== undefined });
  router.serve(handlers(services));

  // Nothing on stdin may crash the server: log stray failures instead of dying.
  process.on('uncaughtException', (error) => log.error(`uncaught exception: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => log.error(`unhandled rejection: ${String(reason)}`));

  log.info(`codex-ts app-server ${VERSION} starting (CODEX_HOME=${codexHome})`);
  const closed = new Promise<void>((resolve) => connection.onClose(resolve));
  connection.listen();
  await closed;
  await connection.drained();
  await services.shutdown();
  await connection.drained();
  log.info('stdin closed; every rollout flushed; exiting');
  if (options.streams) return;
  process.exit(0);
}
