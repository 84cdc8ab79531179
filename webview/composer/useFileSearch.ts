// Incremental file search for `@` mentions over the server's fuzzy file search sessions: a session
// starts when the picker opens (fuzzyFileSearch/sessionStart with the workspace folder as root),
// each keystroke updates its query (sessionUpdate), results stream in as
// `fuzzyFileSearch/sessionUpdated` (kept by the store), and the session stops when the picker closes.
import { useEffect, useRef } from 'react';
import type { FuzzyFileSearchResult } from '@protocol';
import { useHost } from '../chrome/hostContext';
import { useStore } from '../state/hooks';

let sessionCounter = 0;

export interface FileSearch {
  /** Results for the current query (empty until they arrive). */
  readonly files: readonly FuzzyFileSearchResult[];
  readonly searching: boolean;
}

/** The absolute path of a result (root + relative path, in the root's separator style). */
export function resultPath(result: FuzzyFileSearchResult): string {
  const sep = result.root.includes('\\') && !result.root.includes('/') ? '\\' : '/';
  return result.root.endsWith(sep) ? result.root + result.path : `${result.root}${sep}${result.path}`;
}

export function useFileSearch(query: string | null, root: string | null): FileSearch {
  const client = useHost();
  const sessionId = useRef<string | null>(null);
  const started = useRef<Promise<unknown> | null>(null);
  const open = query !== null && root !== null;

  useEffect(() => {
    if (!open || root === null) return;
    const id = `composer-${Date.now().toString(36)}-${++sessionCounter}`;
    sessionId.current = id;
    started.current = client.rpc('fuzzyFileSearch/sessionStart', { sessionId: id, roots: [root] }).catch(() => undefined);
    return () => {
      sessionId.current = null;
      started.current = null;
      void client.rpc('fuzzyFileSearch/sessionStop', { sessionId: id }).catch(() => undefined);
    };
  }, [open, root, client]);

  useEffect(() => {
    const id = sessionId.current;
    const ready = started.current;
    if (query === null || id === null || ready === null) return;
    void ready.then(() => client.rpc('fuzzyFileSearch/sessionUpdate', { sessionId: id, query }).catch(() => undefined));
  }, [query, client, open]);

  const view = useStore((s) => (sessionId.current !== null ? s.fuzzySearch(sessionId.current) : undefined));
  if (query === null || !view) return { files: [], searching: open && query !== '' };
  const current = view.query === query;
  // While the next results are on their way the previous ones stay (no flicker).
  return { files: view.files.filter((f) => f.match_type === 'file'), searching: !current };
}
