// Sign-in and sign-out from the command palette (`codex.signIn`, `codex.signOut`): an API key read
// with a password input box goes to the server's `account/login/start`; the key never reaches a
// log line or an error message. The webviews learn the new state from `account/updated`.
import * as vscode from 'vscode';
import type { ServerConnection } from '../connection';
import { redact } from './redact';

/** Asks for an API key and signs in with it; resolves true when the server accepted it. */
export async function signInWithApiKey(connection: ServerConnection, log: vscode.LogOutputChannel): Promise<boolean> {
  const apiKey = await vscode.window.showInputBox({
    title: vscode.l10n.t('Sign in to Codex'),
    prompt: vscode.l10n.t('Enter an OpenAI API key. It is stored by the Codex server in $CODEX_HOME/auth.json.'),
    placeHolder: 'sk-…',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('The API key cannot be empty.') : undefined),
  });
  if (apiKey === undefined) return false;
  try {
    await connection.start();
    await connection.request('account/login/start', { type: 'apiKey', apiKey: apiKey.trim() });
    log.info('signed in with an API key');
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Codex with an API key.'));
    return true;
  } catch (error) {
    const reason = redact(error instanceof Error ? error.message : String(error), apiKey);
    log.warn(`sign-in failed: ${reason}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Sign-in failed: {0}', reason));
    return false;
  }
}

export async function signOut(connection: ServerConnection, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await connection.start();
    await connection.request('account/logout', {});
    log.info('signed out');
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Codex.'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.warn(`sign-out failed: ${reason}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Sign-out failed: {0}', reason));
  }
}
