// The ChatSurfaces implementation: "the active chat" is the visible chat webview used last (an
// editor-tab chat or the sidebar); when no chat is visible the sidebar is revealed first.
import type { HostToWebviewMessage } from '../../bridge/messages';
import type { BridgeRouter } from '../bridge/router';
import type { WebviewSession } from '../bridge/webviewSession';
import type { ChatSurfaces } from './chatSurfaces';
import type { SidebarChatProvider } from './sidebarView';

export class ActiveChat implements ChatSurfaces {
  constructor(
    private readonly router: BridgeRouter,
    private readonly sidebar: SidebarChatProvider,
  ) {}

  /** The visible chat used last, else the sidebar (revealed and ready); null if it cannot be shown. */
  async target(): Promise<WebviewSession | null> {
    const visible = this.router.activeSession();
    if (visible) return visible;
    return this.sidebar.reveal(false);
  }

  async postToActive(msg: HostToWebviewMessage): Promise<void> {
    const session = await this.target();
    if (!session) throw new Error('The Codex chat could not be opened.');
    await session.whenReady();
    session.post(msg);
  }
}
