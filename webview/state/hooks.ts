// React access to the webview store: `useStore(selector)` subscribes through
// useSyncExternalStore and re-renders only when the selected value changes (Object.is), so
// selecting one item re-renders on that item's deltas alone. Selectors must return values the
// store keeps (or primitives); derive new objects with `useStoreMemo` instead.
import { createContext, createElement, type ReactNode, useContext, useRef, useSyncExternalStore } from 'react';
import { pageStore } from './pageStore';
import type { WebviewStore } from './store';
import type { ItemView, PendingServerRequest, ThreadView, TurnView } from './types';

const StoreContext = createContext<WebviewStore | null>(null);

/** Provides a store other than the page's (tests, a second chat surface). */
export function StoreProvider(props: { store: WebviewStore; children?: ReactNode }): ReactNode {
  return createElement(StoreContext.Provider, { value: props.store }, props.children);
}

export function useWebviewStore(): WebviewStore {
  return useContext(StoreContext) ?? pageStore();
}

export function useStore<T>(selector: (store: WebviewStore) => T): T {
  const store = useWebviewStore();
  return useSyncExternalStore(store.subscribe, () => selector(store));
}

/**
 * Derives a value from the store, recomputed only when one of `deps(store)` changed (by identity):
 * for arrays built from several stored values, e.g. a thread's transcript rows.
 */
export function useStoreMemo<T>(deps: (store: WebviewStore) => readonly unknown[], derive: (store: WebviewStore) => T): T {
  const store = useWebviewStore();
  const cache = useRef<{ deps: readonly unknown[]; value: T } | null>(null);
  const get = (): T => {
    const next = deps(store);
    const previous = cache.current;
    if (previous && previous.deps.length === next.length && previous.deps.every((d, i) => Object.is(d, next[i]))) {
      return previous.value;
    }
    const value = derive(store);
    cache.current = { deps: next, value };
    return value;
  };
  return useSyncExternalStore(store.subscribe, get);
}

export const useThread = (threadId: string | null): ThreadView | undefined =>
  useStore((s) => (threadId === null ? undefined : s.thread(threadId)));
export const useTurn = (threadId: string, turnId: string): TurnView | undefined => useStore((s) => s.turn(threadId, turnId));
export const useItem = (threadId: string, itemId: string): ItemView | undefined => useStore((s) => s.item(threadId, itemId));
export const usePendingRequests = (): readonly PendingServerRequest[] => useStore((s) => s.pendingRequests);
export const useActiveThreadId = (): string | null => useStore((s) => s.activeThreadId);
export const useServerState = (): WebviewStore['server'] => useStore((s) => s.server);
export const useHostInfo = (): WebviewStore['hostInfo'] => useStore((s) => s.hostInfo);
export const useSettings = (): WebviewStore['settings'] => useStore((s) => s.settings);
export const useDraft = (threadId: string | null): string => useStore((s) => s.drafts[threadId ?? ''] ?? '');
