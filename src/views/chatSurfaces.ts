// The chat surfaces (the sidebar view and the editor-tab chats) as other host features see them:
// EXT-EDITOR's commands (addToThread, addFileToThread, implementTodo) push composer messages to
// the chat the user is looking at without knowing which webviews exist.
import type { HostToWebviewMessage } from '../../bridge/messages';

export interface ChatSurfaces {
  /**
   * Posts a message to the active chat: the focused/visible editor-tab chat if there is one,
   * else the sidebar view. Reveals the sidebar view first when no chat is visible (the promise
   * resolves once the webview has resolved, said `ready` and received the message).
   */
  postToActive(msg: HostToWebviewMessage): Promise<void>;
}
