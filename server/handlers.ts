// Every client request's handler: each area's handlers over the services they need, joined into
// the one map the router serves. The return type makes a method of the protocol table without a
// handler a compile error; each area's `satisfies Partial<HandlerMap>` does the same for a handler
// without a method.
import { accountHandlers } from './account/accountHandlers';
import { providerEnv, requiresOpenaiAuth } from './account/providerAuth';
import { skillsHandlers } from './context/skillsHandlers';
import { configHandlers } from './config/configHandlers';
import { feedbackHandlers } from './feedback/feedbackHandlers';
import { mcpOAuthHandlers } from './mcp/oauth/mcpOAuthHandlers';
import { mergeHandlers, type HandlerMap } from './rpc/methodRouter';
import { searchHandlers } from './search/searchHandlers';
import type { Services } from './services';
import { sessionHandlers } from './session/sessionHandlers';
import { threadHandlers } from './threads/threadHandlers';
import { compactionHandlers } from './turns/compactionHandlers';
import { reviewHandlers } from './turns/reviewHandlers';
import { turnHandlers } from './turns/turnHandlers';

export function handlers(s: Services): HandlerMap {
  const { config, notify, threads } = s;
  return mergeHandlers(
    sessionHandlers({
      connection: s.connection,
      codexHome: s.codexHome,
      notify,
      onInitialized: s.onInitialized,
      settings: () => config.settingsFor(null),
      providerEnv: () => providerEnv(s.auth),
    }),
    threadHandlers({
      threads,
      store: s.store,
      notify,
      settingsFor: (overrides, context) => config.settingsFor(overrides, context),
      onThreadLoaded: (thread) => s.mcp.threadLoaded(thread),
    }),
    turnHandlers(threads, s.turns),
    compactionHandlers(threads, s.turns),
    reviewHandlers(threads, s.turns),
    skillsHandlers({ agentContext: s.agentContext }),
    configHandlers({ config }),
    s.mcp.handlers(),
    // OAuth for streamable-HTTP MCP servers (tokens in $CODEX_HOME/.credentials.json).
    mcpOAuthHandlers({
      codexHome: s.codexHome,
      notify,
      env: process.env,
      configFor: (threadId) => config.effective({ cwd: threadId !== null ? (threads.get(threadId)?.settings.cwd ?? null) : null }).table,
    }),
    searchHandlers({ searches: s.searches, notify }),
    accountHandlers({ auth: s.auth, notify, env: process.env, requiresOpenaiAuth: () => requiresOpenaiAuth(config.settingsFor(null)) }),
    feedbackHandlers({ codexHome: s.codexHome, logFile: s.log.file, threads, store: s.store }),
  );
}
