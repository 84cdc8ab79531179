// The store's session-wide facts, outside any thread's transcript: notices (warnings, deprecation
// and config problems, and the chat view's own notice), rate limits, account and login results, MCP server start-up and OAuth
// logins, fuzzy file search sessions, the Windows sandbox setup. WebviewStore extends this; like
// the rest of the store every value is replaced, never mutated, when it changes.
import type { AccountView, ChatNotice, FuzzySearchView, LoginView, McpLoginView, McpStartupView, Notice, RateLimitSnapshot } from './types';

/** Notices kept (oldest dropped). */
const NOTICE_CAP = 50;

export abstract class SessionFacts {
  private seq = 0;
  private noticeList: readonly Notice[] = [];
  private chatNoticeValue: ChatNotice | null = null;
  private rateLimitsValue: RateLimitSnapshot | null = null;
  private accountValue: AccountView | null = null;
  private lastLoginValue: LoginView | null = null;
  private mcpServerMap: Readonly<Record<string, McpStartupView>> = {};
  private mcpLoginMap: Readonly<Record<string, McpLoginView>> = {};
  private fuzzy: Readonly<Record<string, FuzzySearchView>> = {};
  private windowsSandboxValue: { mode: string; success: boolean; error: string | null } | null = null;

  /** Marks the state changed (WebviewStore notifies its subscribers). */
  abstract changed(): void;

  nextSeq(): number {
    return ++this.seq;
  }

  get notices(): readonly Notice[] {
    return this.noticeList;
  }
  get chatNotice(): ChatNotice | null {
    return this.chatNoticeValue;
  }
  get rateLimits(): RateLimitSnapshot | null {
    return this.rateLimitsValue;
  }
  get account(): AccountView | null {
    return this.accountValue;
  }
  get lastLogin(): LoginView | null {
    return this.lastLoginValue;
  }
  get mcpServers(): Readonly<Record<string, McpStartupView>> {
    return this.mcpServerMap;
  }
  /** The last MCP OAuth login result per server. */
  get mcpLogins(): Readonly<Record<string, McpLoginView>> {
    return this.mcpLoginMap;
  }
  fuzzySearch(sessionId: string): FuzzySearchView | undefined {
    return this.fuzzy[sessionId];
  }
  get windowsSandbox(): { mode: string; success: boolean; error: string | null } | null {
    return this.windowsSandboxValue;
  }

  addNotice(notice: Omit<Notice, 'seq'>): void {
    this.noticeList = [...this.noticeList, { ...notice, seq: this.nextSeq() }].slice(-NOTICE_CAP);
    this.changed();
  }

  dismissNotice(seq: number): void {
    this.noticeList = this.noticeList.filter((n) => n.seq !== seq);
    this.changed();
  }

  showChatNotice(notice: ChatNotice): void {
    this.chatNoticeValue = notice;
    this.changed();
  }

  /** The user acted (sent, started a new chat, opened another one): the chat notice has done its job. */
  clearChatNotice(): void {
    if (this.chatNoticeValue === null) return;
    this.chatNoticeValue = null;
    this.changed();
  }

  setRateLimits(value: RateLimitSnapshot): void {
    this.rateLimitsValue = value;
    this.changed();
  }
  setAccount(value: AccountView): void {
    this.accountValue = value;
    this.changed();
  }
  setLastLogin(value: LoginView): void {
    this.lastLoginValue = value;
    this.changed();
  }
  setMcpServer(name: string, value: McpStartupView): void {
    this.mcpServerMap = { ...this.mcpServerMap, [name]: value };
    this.changed();
  }
  setMcpLogin(name: string, value: McpLoginView): void {
    this.mcpLoginMap = { ...this.mcpLoginMap, [name]: value };
    this.changed();
  }
  setFuzzySearch(view: FuzzySearchView): void {
    this.fuzzy = { ...this.fuzzy, [view.sessionId]: view };
    this.changed();
  }
  setWindowsSandbox(value: { mode: string; success: boolean; error: string | null }): void {
    this.windowsSandboxValue = value;
    this.changed();
  }
}
