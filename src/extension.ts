// Extension host entry point. Activation is cheap: it creates the "Codex TS" log channel, the
// server connection (started lazily: first chat view, first command, or codex.openOnStartup), the
// chat bridge (src/bridge) with the sidebar view and editor-tab chats (src/views), the chat
// commands (src/commands), the editor features (src/editor), and reacts to settings changes.
import * as vscode from 'vscode';
import { BridgeRouter } from './bridge/router';
import { createTurnStartAugmenter } from './bridge/turnContext';
import { registerChatCommands } from './commands';
import { createServerConnection, type ServerConnection } from './connection';
import { ActiveChat } from './views/activeChat';
import { ChatPanels } from './views/chatPanels';
import { createEditorFeatures } from './editor';
import { buildHostInfo } from './views/hostInfo';
import { readConnectionSettings, readWebviewSettings, setAutoContext, WEBVIEW_SETTING_KEYS } from './views/settings';
import { SidebarChatProvider } from './views/sidebarView';
import { setWebviewContent } from './views/webviewContent';

/**
 * What activate() returns when CODEX_TS_TEST_HOOKS=1 (the e2e runner sets it): the live objects, so
 * tests inside the extension host can drive the bridge and the connection. Undefined otherwise.
 */
export interface CodexTsTestHooks {
  readonly connection: ServerConnection;
  readonly router: BridgeRouter;
  readonly sidebar: SidebarChatProvider;
  readonly panels: ChatPanels;
}

export function activate(context: vscode.ExtensionContext): { testHooks?: CodexTsTestHooks } {
  const log = vscode.window.createOutputChannel('Codex TS', { log: true });
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const connection = createServerConnection({
    log,
    extensionUri: context.extensionUri,
    globalStorageUri: context.globalStorageUri,
    getSettings: readConnectionSettings,
  });
  let started = false;
  const ensureStarted = (): void => {
    if (started) return;
    started = true;
    connection.start().catch((error: unknown) => log.error(`the Codex server did not start: ${String(error)}`));
  };
  const settings = (): ReturnType<typeof readWebviewSettings> => readWebviewSettings(context.globalState);

  // The router needs the surfaces (to reveal the sidebar, open panels) and they need the router.
  const surfaces: { sidebar?: SidebarChatProvider; panels?: ChatPanels } = {};
  const editor = createEditorFeatures(context, connection, log);
  const router = new BridgeRouter({
    connection,
    log,
    editor: editor.actions,
    settings,
    hostInfo: (session) => buildHostInfo(session, { version, extensionPath: context.extensionPath, connection, settings }),
    setAutoContext: (enabled) => Promise.resolve(setAutoContext(context.globalState, enabled)),
    augmentTurnStart: createTurnStartAugmenter({
      autoContext: () => settings().autoContext,
      collect: editor.collectIdeContext,
      toServerPath: (path) => connection.toServerPath(path),
    }),
    ensureStarted,
    revealSidebar: () => surfaces.sidebar?.reveal(true) ?? Promise.resolve(null),
    openNewPanel: async () => {
      await surfaces.panels?.open();
    },
  });
  const sidebar = (surfaces.sidebar = new SidebarChatProvider(context.extensionUri, router));
  const panels = (surfaces.panels = new ChatPanels(context.extensionUri, router, connection.onNotification));
  const activeChat = new ActiveChat(router, sidebar);
  editor.register({ chat: activeChat });

  context.subscriptions.push(
    log,
    connection,
    router,
    sidebar,
    panels,
    ...registerChatCommands({ connection, log, sidebar, panels, activeChat, ensureStarted }),
    vscode.workspace.onDidChangeConfiguration((event) => onSettingsChanged(event)),
  );

  function onSettingsChanged(event: vscode.ConfigurationChangeEvent): void {
    if (WEBVIEW_SETTING_KEYS.some((key) => event.affectsConfiguration(key))) {
      router.broadcast({ type: 'settings/changed', settings: settings() });
    }
    if (event.affectsConfiguration('codex.localeOverride')) {
      // The webviews reload with the new locale's bundle; their own state brings the chats back.
      for (const session of router.openSessions) setWebviewContent(session.surface.webview, context.extensionUri);
    }
    if (event.affectsConfiguration('codex.runCodexInWindowsSubsystemForLinux')) {
      const reload = vscode.l10n.t('Reload Window');
      void vscode.window
        .showInformationMessage(vscode.l10n.t('Reload the window to run the Codex server in the new place?'), reload)
        .then((choice) => {
          if (choice === reload) void vscode.commands.executeCommand('workbench.action.reloadWindow');
        });
    }
    if (event.affectsConfiguration('codex.cliExecutable') && started) {
      void connection.restart(vscode.l10n.t('codex.cliExecutable changed'));
    }
  }

  if (vscode.workspace.getConfiguration('codex').get<boolean>('openOnStartup', false)) {
    ensureStarted();
    void sidebar.reveal(true);
  }
  log.info(`Codex TS ${version} activated (VS Code ${vscode.version}, ${vscode.env.appHost})`);
  return process.env.CODEX_TS_TEST_HOOKS === '1' ? { testHooks: { connection, router, sidebar, panels } } : {};
}

export function deactivate(): void {}
