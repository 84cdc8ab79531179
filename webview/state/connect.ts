// Feeds the store from the host and tells the host what it must know about the view: host
// messages (hostInfo, settings, server notifications and requests, connection state, resyncs
// after a restart, turns the user undid) go into the store; changes of the active thread and of the number of
// requests waiting for the user go out as `thread/active` and `ui/pendingRequests`.
import * as z from 'zod';
import type { Thread } from '@protocol';
import type { HostClient } from '../bridge/hostClient';
import { configureL10n } from '../l10n';
import type { WebviewStore } from './store';

/** The part of a `thread/resynced` result the store needs (a thread/resume result). */
const ResyncedResult = z.looseObject({
  thread: z.looseObject({ id: z.string(), turns: z.array(z.looseObject({ id: z.string(), items: z.array(z.looseObject({ id: z.string(), type: z.string() })) })) }),
});

export function connectStore(store: WebviewStore, client: HostClient): () => void {
  let announcedThread: string | null | undefined;
  let announcedCount = 0;

  const announce = (): void => {
    if (store.hostInfo === null) return; // not connected yet: the host hears it after hostInfo
    if (announcedThread !== store.activeThreadId) {
      announcedThread = store.activeThreadId;
      client.postUi({ type: 'thread/active', threadId: announcedThread });
    }
    const count = store.pendingRequests.length;
    if (count !== announcedCount) {
      announcedCount = count;
      client.postUi({ type: 'ui/pendingRequests', count });
    }
  };

  const stopHost = client.onHostMessage((message) => {
    switch (message.type) {
      case 'hostInfo':
        configureL10n(message.l10n);
        announcedThread = undefined;
        store.setHostInfo(message);
        return;
      case 'settings/changed':
        store.setSettings(message.settings);
        return;
      case 'server/notification':
        store.applyNotification(message.notification);
        return;
      case 'server/request':
        store.addServerRequest({ id: message.requestId, method: message.method, params: message.params });
        return;
      case 'server/state':
        store.setServerState(message.server);
        return;
      case 'turn/undone':
        store.markTurnUndone(message.threadId, message.turnId, message.files);
        return;
      case 'thread/resynced': {
        const parsed = ResyncedResult.safeParse(message.result);
        if (parsed.success) store.applyThreadSnapshot(parsed.data.thread as unknown as Thread);
        else console.warn('[codex-ts] ignoring a thread/resynced without a thread', message.result);
        return;
      }
      default:
        return; // composer and chat events are the UI's (App.tsx subscribes itself)
    }
  });
  const stopStore = store.subscribe(announce);
  return () => {
    stopHost();
    stopStore();
  };
}

/** Answers a server request and removes its card at once (serverRequest/resolved follows). */
export function answerServerRequest(store: WebviewStore, client: HostClient, requestId: string | number, result: unknown): void {
  client.respondToServerRequest(requestId, result);
  store.removeServerRequest(requestId);
}
