// The app server's services, built once per connection: layered config, the thread store and
// manager, auth, the approval engine, MCP, the agent context, what the agent loop needs (model
// clients, tools, the sandboxed runner), fuzzy searches and the start-up work. handlers.ts maps
// them onto the method handlers; appServer.ts wires them to the transport.
import { join } from 'node:path';
import { providerEnv } from './account/providerAuth';
import { AuthStore } from './account/authStore';
import { AgentContext, agentConfigFromTable } from './context/agentContext';
import { ConfigService } from './config/configService';
import { IdleTasks } from './idleTasks';
import type { Logger } from './util/log';
import { McpService } from './mcp/service';
import { modelClientFor, resolveProvider } from './models';
import type { Notify, ServerRequester } from './protocol/senders';
import type { ClientConnection } from './rpc/clientConnection';
import type { MethodRouter } from './rpc/methodRouter';
import { ApprovalEngine, getSandboxCapabilities, managedNetworkPolicy, SandboxedRunner } from './sandbox';
import { FuzzySearches } from './search/searchHandlers';
import type { LoadedThread } from './threads/loadedThread';
import { ThreadStore } from './threads/store';
import { warmThreadList } from './threads/threadHandlers';
import { ThreadManager } from './threads/threadManager';
import { mcpToolHandlers } from './tools/mcp/mcpTool';
import { threadToolConfig } from './tools/toolConfig';
import { compactConfigFromTable } from './turns/compaction';
import { reviewModelFromTable } from './turns/review';
import type { TurnDeps } from './turns/turnRunner';

export interface ServicesOptions {
  readonly codexHome: string;
  readonly log: Logger;
  readonly connection: ClientConnection;
  /** The connection's router, for warming the request path once the client is initialized. */
  readonly router: MethodRouter;
  /** `-c key=value` overrides from the command line. */
  readonly configOverrides: readonly string[];
  /** In-process use (`codex-ts exec`): the host process owns its signals. */
  readonly embedded: boolean;
}

export interface Services {
  readonly codexHome: string;
  readonly log: Logger;
  readonly connection: ClientConnection;
  readonly notify: Notify;
  readonly config: ConfigService;
  readonly store: ThreadStore;
  readonly threads: ThreadManager;
  readonly auth: AuthStore;
  readonly mcp: McpService;
  readonly agentContext: AgentContext;
  /** What turns, compaction and reviews run with. */
  readonly turns: TurnDeps;
  readonly searches: FuzzySearches;
  /** Runs once initialize is answered. */
  onInitialized(): void;
  /** stdin closed and every request answered: ends searches, flushes threads, stops MCP servers. */
  shutdown(): Promise<void>;
}

/** Test knobs: a non-negative number from the environment. */
function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function createServices(options: ServicesOptions): Services {
  const { codexHome, log, connection, router } = options;
  const notify: Notify = connection.notify.bind(connection);

  // Layered config, re-read (on change) for every thread start; problems go out as configWarning.
  const config = new ConfigService({ codexHome, cliOverrides: options.configOverrides, log });
  // The index's background work (search texts, every row's details, reconcile with the rollouts)
  // starts 1 s after it loads, not 50 ms: it blocks in chunks of 5-30 ms, and a client's opening
  // burst (thread/list pages) should not queue behind it. Pages need none of it (a search loads what
  // it needs at once); other programs' new rollouts are picked up ~1 s later.
  const store = new ThreadStore({ codexHome, index: { backgroundDelayMs: 1000 } });
  const threads = new ThreadManager({
    store,
    // thread/closed also stops the MCP servers only that thread used.
    notify: (method, params) => {
      if (method === 'thread/closed') mcp.threadClosed((params as { threadId: string }).threadId);
      notify(method, params);
    },
    log,
    unloadGraceMs: envNumber('CODEX_TS_UNLOAD_GRACE_MS', 30_000),
    originator: () => connection.clientInfo?.name ?? 'codex-ts',
  });
  const auth = new AuthStore(codexHome);

  // Approvals: the sandbox approval engine with the exec-policy rules of the config's rules folders
  // plus requirements' [rules]; requirements' [network] is the managed network policy behind
  // networkApprovalContext prompts.
  const gate = new ApprovalEngine({
    codexHome,
    configFolders: (cwd) => config.rulesFolders(cwd),
    requirementsRules: () => config.effective().requirements?.prefixRules ?? [],
    networkPolicy: () => managedNetworkPolicy(config.effective().requirements?.network ?? null),
    onRulesWarning: (w) => notify('configWarning', { summary: w.summary, details: w.details, ...(w.path !== null ? { path: w.path } : {}) }),
  });
  const request: ServerRequester = (method, params) => connection.request(method, params);
  // MCP servers of each thread's config: started when the thread loads, their tools offered per turn.
  const mcp = new McpService({ config, notify, request, thread: (id) => threads.get(id), log, codexHome });
  if (!options.embedded) mcp.installSignalHandlers();
  // AGENTS.md, skills and `$skill` mentions, tuned by the effective config for each thread's cwd.
  const agentContext = new AgentContext({
    codexHome,
    configFor: (cwd) => agentConfigFromTable(config.effective({ cwd }).table),
    adminSkillsDir: join(config.systemConfigDir, 'skills'),
  });

  const retryBaseDelayMs = envNumber('CODEX_TS_RETRY_BASE_MS', 200);
  const tableOf = (thread: LoadedThread) => config.effective({ cwd: thread.settings.cwd }).table;
  const turns: TurnDeps = {
    notify,
    log,
    createClient: (thread) => {
      const settings = config.settingsFor(null, { cwd: thread.settings.cwd });
      const provider = resolveProvider(thread.settings.modelProvider, settings.model_providers, providerEnv(auth));
      return modelClientFor(provider, { retryBaseDelayMs, retryDelayScale: retryBaseDelayMs / 200 });
    },
    agentContext,
    compactConfig: (thread) => compactConfigFromTable(tableOf(thread)),
    reviewModel: (thread) => reviewModelFromTable(tableOf(thread)),
    request,
    gate,
    // Each turn re-reads the exec-policy rules of the thread's cwd before its tools are built.
    toolConfig: (thread) => {
      gate.rulesFor(thread.settings.cwd, true);
      const effective = config.effective({ cwd: thread.settings.cwd });
      const wireApi = () => resolveProvider(thread.settings.modelProvider, effective.settings.model_providers, providerEnv(auth)).wireApi;
      return threadToolConfig(effective.table, wireApi, thread.settings.sandbox.type === 'dangerFullAccess');
    },
    // Fails closed where no sandbox is possible.
    commandRunner: new SandboxedRunner(),
    extraTools: (thread) => mcpToolHandlers(mcp.manager, thread.id, thread.settings.cwd),
  };

  const searches = new FuzzySearches();
  const idle = new IdleTasks((error) => log.warn(`start-up task failed: ${error instanceof Error ? error.message : String(error)}`));
  return {
    codexHome,
    log,
    connection,
    notify,
    config,
    store,
    threads,
    auth,
    mcp,
    agentContext,
    turns,
    searches,
    onInitialized: () => {
      // Config problems are told to the client from now on: with any config read its requests cause,
      // else with the start-up check below. That check (~5 ms, cold), the sandbox capability probe
      // (a blocking ~15 ms, once) and warming the thread/list path each run when the client is not
      // waiting on us: its first requests come first.
      config.listen(notify);
      idle.add(() => config.effective());
      idle.add(() => getSandboxCapabilities());
      idle.add(() => warmThreadList(router));
    },
    shutdown: async () => {
      searches.stopAll();
      await threads.shutdown();
      await mcp.shutdown();
    },
  };
}
