// The `app-server` subcommand: wires stdio to the JSON-RPC connection, builds the services
// (config, thread store, thread manager, model clients) and registers every method handler.
// On stdin EOF it answers what it was sent, flushes every rollout and exits 0.
import { join, dirname } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { resolveCodexHome } from './codexHome';
import { createLogger, type LogLevel } from './util/log';
import { ClientConnection } from './rpc/clientConnection';
import { MethodRouter } from './rpc/methodRouter';
import { handleInitialize } from './session/initialize';
import { registerModelList } from './session/modelListHandler';
import { VERSION } from './util/version';
import { ConfigService, type ThreadConfigContext } from './config/configService';
import { registerConfigHandlers } from './config/configHandlers';
import { ThreadStore, uuidv7 } from './threads/store';
import { ThreadManager } from './threads/threadManager';
import { registerThreadHandlers, warmThreadList } from './threads/threadHandlers';
import { IdleTasks } from './idleTasks';
import { registerTurnHandlers } from './turns/turnHandlers';
import { compactConfigFromTable } from './turns/compaction';
import { registerCompactionHandlers } from './turns/compactionHandlers';
import { registerReviewHandlers, reviewModelFromTable } from './turns/review';
import { AuthStore } from './account/authStore';
import { registerAccountHandlers } from './account/accountHandlers';
import { registerSearchHandlers } from './search/searchHandlers';
import { writeFeedbackBundle } from './feedback/feedbackBundle';
import { modelClientFor, resolveProvider } from './models';
import type { LoadedThread } from './threads/loadedThread';
import { ApprovalEngine, getSandboxCapabilities, managedNetworkPolicy, SandboxedRunner, windowsSandboxSetup } from './sandbox';
import { toolConfigFromTable, type ToolConfig } from './tools/toolConfig';
import type { ToolDeps } from './turns/toolPhase';
import { AgentContext, agentConfigFromTable } from './context/agentContext';
import { registerSkillsHandlers } from './context/skillsHandlers';
import { McpService } from './mcp/service';
import { mcpToolHandlers } from './tools/mcp/mcpTool';
import { registerMcpOAuthHandlers } from './mcp/oauth/loginHandler';

export interface AppServerOptions {
  readonly configOverrides: readonly string[];
  /** In-process use (`codex-ts exec`): serve these streams instead of stdio and return instead of exiting. */
  readonly streams?: { readonly input: Readable; readonly output: Writable };
  /** Log level (default CODEX_TS_LOG, else info). */
  readonly logLevel?: LogLevel;
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export async function runAppServer(options: AppServerOptions): Promise<void> {
  const codexHome = resolveCodexHome();
  const log = createLogger(join(codexHome, 'log'), options.logLevel);
  const router = new MethodRouter();
  const connection = new ClientConnection(options.streams?.input ?? process.stdin, options.streams?.output ?? process.stdout, router, log);
  const notify = connection.notify.bind(connection);

  // Layered config, re-read (on change) for every thread start; problems go out as configWarning.
  const config = new ConfigService({ codexHome, cliOverrides: options.configOverrides, log });
  const settingsFor = (overrides: Record<string, unknown> | null | undefined, context?: ThreadConfigContext) => config.settingsFor(overrides, context);

  // The index's background work (search texts, every row's details, reconcile with the rollouts)
  // starts 1 s after it loads, not 50 ms: it blocks in chunks of 5-30 ms, and a client's opening
  // burst (thread/list pages) should not queue behind it. Pages need none of it (a search loads what
  // it needs at once); other programs' new rollouts are picked up ~1 s later.
  const store = new ThreadStore({ codexHome, index: { backgroundDelayMs: 1000 } });
  // thread/closed also stops the MCP servers only that thread used (`mcp` is built below).
  const threads = new ThreadManager({
    store,
    notify: (method, params) => {
      if (method === 'thread/closed') mcp.threadClosed((params as { threadId: string }).threadId);
      notify(method, params);
    },
    log,
    unloadGraceMs: envNumber('CODEX_TS_UNLOAD_GRACE_MS', 30_000),
    originator: () => connection.clientInfo?.name ?? 'codex-ts',
  });
  const auth = new AuthStore(codexHome);
  // An empty OPENAI_API_KEY in the environment must not hide the key stored by account/login/start.
  const providerEnv = (): NodeJS.ProcessEnv => ({ ...process.env, OPENAI_API_KEY: process.env.OPENAI_API_KEY || auth.apiKey() || undefined });
  const retryBaseDelayMs = envNumber('CODEX_TS_RETRY_BASE_MS', 200);
  const createClient = (thread: LoadedThread) => {
    const config = settingsFor(null, { cwd: thread.settings.cwd });
    const provider = resolveProvider(thread.settings.modelProvider, config.model_providers, providerEnv());
    return modelClientFor(provider, { retryBaseDelayMs, retryDelayScale: retryBaseDelayMs / 200 });
  };

  // Approvals: the sandbox approval engine with the exec-policy rules of /etc/codex, $CODEX_HOME and
  // the workspace's trusted project `.codex/` folders plus requirements' [rules]; re-read per turn;
  // requirements' [network] is the managed network policy behind networkApprovalContext prompts.
  const gate = new ApprovalEngine({
    codexHome,
    configFolders: (cwd) => [
      ...(process.platform === 'win32' ? [] : [dirname(config.loader.paths.systemConfig)]),
      codexHome,
      // A trusted project's `.codex/` folders, whether or not they hold a config.toml.
      ...config.effective({ cwd }).projectFolders,
    ],
    requirementsRules: () => config.effective().requirements?.prefixRules ?? [],
    networkPolicy: () => managedNetworkPolicy(config.effective().requirements?.network ?? null),
    onRulesWarning: (w) => notify('configWarning', { summary: w.summary, details: w.details, ...(w.path !== null ? { path: w.path } : {}) }),
  });
  // Tools: config of the thread's cwd, its provider's wire API, the approval engine, the sandboxed
  // command runner (fails closed where no sandbox is possible) and server requests to the client.
  const toolConfig = (thread: LoadedThread): ToolConfig => {
    gate.rulesFor(thread.settings.cwd, true);
    const effective = config.effective({ cwd: thread.settings.cwd });
    let wireApi: ToolConfig['wireApi'] = 'responses';
    try {
      wireApi = resolveProvider(thread.settings.modelProvider, effective.settings.model_providers, providerEnv()).wireApi;
    } catch {
      // A broken provider fails the turn when its client is built; the tool set does not matter then.
    }
    return toolConfigFromTable(effective.table, wireApi, thread.settings.sandbox.type === 'dangerFullAccess');
  };
  const request: ToolDeps['request'] = (method, params) => connection.request<unknown>(method, params);
  // MCP servers of each thread's config: started when the thread loads, their tools offered per turn.
  const mcp = new McpService({ config, notify, request, thread: (id) => threads.get(id), log, codexHome });
  if (!options.streams) mcp.installSignalHandlers();
  const toolDeps: Omit<ToolDeps, 'notify' | 'log'> = {
    request,
    gate,
    toolConfig,
    commandRunner: new SandboxedRunner(),
    extraTools: (thread) => mcpToolHandlers(mcp.manager, thread.id, thread.settings.cwd),
  };

  const idle = new IdleTasks((error) => log.warn(`start-up task failed: ${error instanceof Error ? error.message : String(error)}`));
  router.on('initialize', (params) => {
    const result = handleInitialize(connection, codexHome, params);
    // Config problems are told to the client from now on: with any config read its requests cause,
    // else with the start-up check below. That check (~5 ms, cold), the sandbox capability probe
    // (a blocking ~15 ms, once) and warming the thread/list path each run when the client is not
    // waiting on us: its first requests come first.
    config.listen(notify);
    idle.add(() => config.effective());
    idle.add(() => getSandboxCapabilities());
    idle.add(() => warmThreadList(router));
    return result;
  });
  router.on('windowsSandbox/setupStart', (params) => {
    const { result, completed } = windowsSandboxSetup(params.mode);
    setImmediate(() => notify('windowsSandbox/setupCompleted', completed));
    return result;
  });
  registerThreadHandlers(router, { threads, store, notify, settingsFor, onThreadLoaded: (thread) => mcp.threadLoaded(thread) });
  mcp.register(router);
  // AGENTS.md, skills and `$skill` mentions, tuned by the effective config for each thread's cwd.
  const agentContext = new AgentContext({
    codexHome,
    configFor: (cwd) => agentConfigFromTable(config.effective({ cwd }).table),
    adminSkillsDir: join(dirname(config.loader.paths.systemConfig), 'skills'),
  });
  const turnDeps = {
    notify,
    log,
    createClient,
    agentContext,
    compactConfig: (thread: LoadedThread) => compactConfigFromTable(config.effective({ cwd: thread.settings.cwd }).table),
    reviewModel: (thread: LoadedThread) => reviewModelFromTable(config.effective({ cwd: thread.settings.cwd }).table),
    ...toolDeps,
  };
  registerTurnHandlers(router, threads, turnDeps);
  registerCompactionHandlers(router, threads, turnDeps);
  registerReviewHandlers(router, threads, turnDeps);
  registerSkillsHandlers(router, { agentContext });
  registerModelList(router, { settings: () => settingsFor(null), env: providerEnv });
  registerConfigHandlers(router, { config });
  // mcpServer/oauth/login for streamable-HTTP MCP servers (tokens in $CODEX_HOME/.credentials.json).
  registerMcpOAuthHandlers(router, {
    codexHome,
    notify,
    env: process.env,
    configFor: (threadId) => config.effective({ cwd: threadId !== null ? (threads.get(threadId)?.settings.cwd ?? null) : null }).table,
  });
  const search = registerSearchHandlers(router, notify);
  registerAccountHandlers(router, {
    auth,
    connection,
    env: process.env,
    requiresOpenaiAuth: () => {
      try {
        return resolveProvider(settingsFor(null).model_provider, settingsFor(null).model_providers, process.env).requiresOpenaiAuth;
      } catch {
        return true;
      }
    },
  });
  router.on('feedback/upload', async (params) => {
    const { threadId, promptHash } = await writeFeedbackBundle(params, {
      codexHome,
      logFile: log.file,
      // A loaded thread may still have lines queued: the bundle gets the rollout as complete as it is.
      rolloutPathOf: async (id) => {
        await threads.get(id)?.flush();
        return store.findRolloutPath(id);
      },
      newId: () => uuidv7(),
    });
    return { threadId, promptHash };
  });

  // Nothing on stdin may crash the server: log stray failures instead of dying.
  process.on('uncaughtException', (error) => log.error(`uncaught exception: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => log.error(`unhandled rejection: ${String(reason)}`));

  log.info(`codex-ts app-server ${VERSION} starting (CODEX_HOME=${codexHome})`);
  const closed = new Promise<void>((resolve) => connection.onClose(resolve));
  connection.listen();
  await closed;
  await connection.drained();
  search.stopAll();
  await threads.shutdown();
  await mcp.shutdown();
  await connection.drained();
  log.info('stdin closed; every rollout flushed; exiting');
  if (options.streams) return;
  process.exit(0);
}
