// Pure rules of the chat surfaces (no `vscode` import, unit-tested): which sidebar container the
// editor can show, and which thread a restored editor-tab chat re-opens.

/** The first VS Code whose `viewsContainers` accept a `secondarySidebar` location. */
const SECONDARY_SIDEBAR_SINCE: readonly [number, number] = [1, 106];

export function supportsSecondarySidebar(version: string): boolean {
  const [major = 0, minor = 0] = version.split(/[.-]/).map((part) => Number.parseInt(part, 10));
  const [wantMajor, wantMinor] = SECONDARY_SIDEBAR_SINCE;
  return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}

/** The thread of a restored panel: the webview store's persisted `activeThreadId` (webview/state/store.ts). */
export function persistedThreadId(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null;
  const id = (state as { activeThreadId?: unknown }).activeThreadId;
  return typeof id === 'string' && id !== '' ? id : null;
}
