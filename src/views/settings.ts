// The `codex.*` settings as the host and the webviews use them: the webview's settings (plus the
// auto-context toggle, kept in global state), the connection's settings, and the UI locale
// (`codex.localeOverride`, else the editor's language).
import * as vscode from 'vscode';
import {
  ComposerEnterBehavior,
  FollowUpQueueMode,
  ReviewDelivery,
  type WebviewSettings,
} from '../../bridge/messages';
import type { ConnectionSettings, TraceSetting } from '../connection';

const AUTO_CONTEXT_KEY = 'codex.autoContext';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('codex');
}

export function readWebviewSettings(state: vscode.Memento): WebviewSettings {
  const c = config();
  return {
    followUpQueueMode: FollowUpQueueMode.catch('queue').parse(c.get('followUpQueueMode')),
    composerEnterBehavior: ComposerEnterBehavior.catch('enter').parse(c.get('composerEnterBehavior')),
    reviewDelivery: ReviewDelivery.catch('inline').parse(c.get('reviewDelivery')),
    autoContext: state.get<boolean>(AUTO_CONTEXT_KEY, true),
  };
}

export function setAutoContext(state: vscode.Memento, enabled: boolean): Thenable<void> {
  return state.update(AUTO_CONTEXT_KEY, enabled);
}

/** Settings whose change the webviews must hear about (`settings/changed`). */
export const WEBVIEW_SETTING_KEYS = ['codex.followUpQueueMode', 'codex.composerEnterBehavior', 'codex.reviewDelivery'] as const;

export function readConnectionSettings(): ConnectionSettings {
  const c = config();
  const cli = c.get<string | null>('cliExecutable', null);
  const trace = c.get<string>('trace.server', 'off');
  return {
    cliExecutable: typeof cli === 'string' && cli.trim() !== '' ? cli.trim() : null,
    runInWsl: c.get<boolean>('runCodexInWindowsSubsystemForLinux', false) === true,
    trace: (['off', 'messages', 'verbose'] as const).includes(trace as TraceSetting) ? (trace as TraceSetting) : 'off',
  };
}

/** `codex.localeOverride` (trimmed, lower-case) or the editor's language. */
export function uiLocale(): string {
  const override = config().get<string | null>('localeOverride', null);
  return typeof override === 'string' && override.trim() !== '' ? override.trim().toLowerCase() : vscode.env.language;
}
