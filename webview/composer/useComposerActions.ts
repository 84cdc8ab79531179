// What the composer does, apart from how it looks: send (start, queue or steer; a thread the server
// does not know is re-opened, or left for a new chat when its history is gone), stop, drain the
// queue when a turn ends, run slash commands, and start review. Returns callbacks for Composer.
import { useCallback, useMemo, useState } from 'react';
import type { ReviewTarget } from '@protocol';
import { useHost } from '../chrome/hostContext';
import { useSettings, useStore, useWebviewStore } from '../state/hooks';
import { t } from '../l10n';
import { forkThread, recoverThread, runningTurnId, startThread } from '../threads/threadActions';
import { isThreadUnknown, userErrorText } from '../threads/threadErrors';
import { useComposer, useComposerStore } from './composerStore';
import { sendRoute } from './followUp';
import { type Outgoing, type SendContext, interruptTurn, sendByRoute, startTurn, steerTurn } from './send';
import type { SlashCommandId } from './slash/commands';
import type { PanelKind } from './slash/SlashPanel';

export interface ComposerActions {
  readonly running: string | null;
  readonly error: string | null;
  readonly notice: string | null;
  readonly panel: PanelKind | null;
  setPanel(panel: PanelKind | null): void;
  clearMessages(): void;
  send(message: Outgoing, reverse: boolean): Promise<boolean>;
  steerNow(message: Outgoing): void;
  stop(): void;
  runCommand(id: SlashCommandId, args: string): void;
  startReview(target: ReviewTarget): Promise<void>;
}

export function useComposerActions(threadId: string | null): ComposerActions {
  const store = useWebviewStore();
  const client = useHost();
  const composer = useComposerStore();
  const settings = useSettings();
  const ctx: SendContext = useMemo(() => ({ store, client, composer }), [store, client, composer]);
  const running = useStore((s) => runningTurnId(s, threadId));
  const drainError = useComposer((c) => (c.drainError?.threadId === threadId ? c.drainError.message : null));
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [panel, setPanel] = useState<PanelKind | null>(null);

  const send = useCallback(
    async (message: Outgoing, reverse: boolean): Promise<boolean> => {
      setError(null);
      setNotice(null);
      store.clearChatNotice();
      const attempt = (): Promise<void> =>
        sendByRoute(ctx, sendRoute(settings?.followUpQueueMode ?? 'queue', runningTurnId(store, store.activeThreadId) !== null, reverse), message);
      try {
        await attempt();
        return true;
      } catch (err) {
        const threadId = store.activeThreadId;
        if (threadId === null || !isThreadUnknown(err)) {
          setError(userErrorText(err));
          return false;
        }
        // The server does not know the thread: one it unloaded is re-opened and the message sent
        // again; one whose history is gone leaves a new chat (the composer keeps the message).
        try {
          if (!(await recoverThread(store, client, threadId))) return false;
          await attempt();
          return true;
        } catch (again) {
          setError(userErrorText(again));
          return false;
        }
      }
    },
    [ctx, settings, store, client],
  );

  const steerNow = useCallback(
    (message: Outgoing) => {
      const id = store.activeThreadId;
      const turn = runningTurnId(store, id);
      const p = id !== null && turn !== null ? steerTurn(ctx, id, turn, message) : startTurn(ctx, message);
      p.catch((err: unknown) => setError(userErrorText(err)));
    },
    [ctx, store],
  );

  const stop = useCallback(() => {
    interruptTurn(ctx).catch((err: unknown) => setError(userErrorText(err)));
  }, [ctx]);

  const ensureThread = useCallback(async (): Promise<string> => {
    if (store.activeThreadId !== null) return store.activeThreadId;
    const result = await startThread(store, client, {
      cwd: store.hostInfo?.cwd ?? null,
      model: composer.prefs.model,
      mode: composer.sentMode,
      onCreated: (id) => composer.markStarted(id),
    });
    return result.thread.id;
  }, [store, client, composer]);

  const startReview = useCallback(
    async (target: ReviewTarget): Promise<void> => {
      const id = await ensureThread();
      const delivery = settings?.reviewDelivery ?? 'inline';
      const result = await client.rpc('review/start', { threadId: id, target, delivery });
      store.ensureTurn(result.reviewThreadId, result.turn.id);
      if (result.reviewThreadId !== id) store.setActiveThread(result.reviewThreadId);
    },
    [ensureThread, settings, client, store],
  );

  const runCommand = useCallback(
    (id: SlashCommandId, args: string) => {
      setError(null);
      setNotice(null);
      const fail = (err: unknown): void => setError(userErrorText(err));
      switch (id) {
        case 'local':
        case 'review':
        case 'status':
        case 'feedback':
        case 'mcp':
        case 'model':
          setPanel(id);
          return;
        case 'goal':
          if (threadId === null) return;
          if (args === '') {
            setPanel('goal');
            return;
          }
          client
            .rpc('thread/goal/set', { threadId, objective: args, status: 'active' })
            .then((r) => {
              store.updateThread(threadId, { goal: r.goal });
              setNotice(t('Goal set: {0}', r.goal.objective));
            }, fail);
          return;
        case 'auto-context': {
          const enabled = !(settings?.autoContext ?? false);
          client.postUi({ type: 'ui/setAutoContext', enabled });
          setNotice(enabled ? t('IDE context is on.') : t('IDE context is off.'));
          return;
        }
        case 'compact':
          if (threadId === null) return;
          client.rpc('thread/compact/start', { threadId }).then(() => setNotice(t('Compacting the conversation…')), fail);
          return;
        case 'init':
          client.postUi({ type: 'ui/createAgentsMd' });
          setNotice(t('Creating AGENTS.md…'));
          return;
        case 'plan':
          if (args === '') {
            const plan = !composer.prefs.plan;
            composer.setPrefs({ plan });
            setNotice(plan ? t('Plan mode is on.') : t('Plan mode is off.'));
            return;
          }
          composer.setPrefs({ plan: true });
          void send({ content: { text: args, mentions: [], images: [] }, chips: [], plan: true }, false);
          return;
        case 'fork':
          if (threadId === null) return;
          forkThread(store, client, threadId).then(() => setNotice(t('Forked into a new chat.')), fail);
          return;
      }
    },
    [threadId, client, store, settings, composer, send],
  );

  return {
    running,
    error: error ?? drainError,
    notice,
    panel,
    setPanel,
    clearMessages: () => {
      setError(null);
      setNotice(null);
      if (drainError !== null) composer.setDrainError(null);
    },
    send,
    steerNow,
    stop,
    runCommand,
    startReview,
  };
}
