// <Transcript threadId>: a thread's items in a virtualised list (react-virtuoso). It starts at the
// latest item and sticks to the bottom while output streams — unless the user scrolled up, when
// a "jump to latest" button appears; older turns load when the top is reached (thread/turns/list)
// and are prepended without moving what is on screen (firstItemIndex, ScrollKeeper). Approval cards
// come from the `renderServerRequest` slot and show right after the item they are about.
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import '../styles/transcript.css';
import '../styles/markdown.css';
import { type HostClient, hostClient } from '../bridge/hostClient';
import { t } from '../l10n';
import { useStore, useStoreMemo, useWebviewStore } from '../state/hooks';
import { loadOlderTurns } from '../state/paging';
import { ItemRow } from './ItemRow';
import { TranscriptContext, type TranscriptContextValue } from './items/common';
import { TurnEnd, TurnErrors, TurnPlan } from './items/TurnRows';
import { type TranscriptRow, transcriptRows } from './rows';
import { AT_BOTTOM_THRESHOLD, ScrollKeeper } from './scrollKeeper';

export interface TranscriptProps {
  readonly threadId: string;
  /** Renders the card of a pending server request (approval, question, elicitation). */
  readonly renderServerRequest?: (requestId: string | number) => ReactNode;
  /** Shown when the thread has no items yet. */
  readonly empty?: ReactNode;
  /** The host client (default: the page's). */
  readonly client?: HostClient;
}

/** Virtuoso needs a positive index base that prepending counts down from. */
const FIRST_INDEX = 1_000_000_000;

export function Transcript({ threadId, renderServerRequest, empty, client }: TranscriptProps): ReactNode {
  // A new thread gets a fresh list (scroll state, index base).
  return <TranscriptList key={threadId} threadId={threadId} renderServerRequest={renderServerRequest} empty={empty} client={client} />;
}

function TranscriptList({ threadId, renderServerRequest, empty, client }: TranscriptProps): ReactNode {
  const store = useWebviewStore();
  const host = client ?? hostClient();
  const cwd = useStore((s) => s.thread(threadId)?.meta?.cwd ?? s.hostInfo?.cwd ?? null);
  const context = useMemo<TranscriptContextValue>(() => ({ threadId, client: host, cwd }), [threadId, host, cwd]);
  const rows = useStoreMemo(
    (s) => [s.thread(threadId), s.pendingRequests, s.turnsVersion(threadId)],
    (s) => transcriptRows(s.thread(threadId), (id) => s.turn(threadId, id), s.pendingRequests),
  );
  const older = useStore((s) => s.thread(threadId)?.olderTurns.state ?? 'unknown');
  const running = useStore((s) => {
    const thread = s.thread(threadId);
    const last = thread?.turnIds.at(-1);
    return last !== undefined && s.turn(threadId, last)?.status === 'inProgress';
  });

  const virtuoso = useRef<VirtuosoHandle>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [keeper] = useState(() => new ScrollKeeper(setAtBottom));
  const firstIndex = useFirstItemIndex(rows, () => keeper.holdTopRow());

  const jumpToLatest = useCallback(() => {
    keeper.follow();
    virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'auto' });
  }, [keeper]);
  // Streaming grows the last item without adding rows: keep the bottom in view while following it.
  const onHeightChanged = useCallback(() => {
    keeper.heightChanged(() => virtuoso.current?.scrollTo({ top: Number.MAX_SAFE_INTEGER }));
  }, [keeper]);
  const followOutput = useCallback((): 'auto' | false => (keeper.isFollowing ? 'auto' : false), [keeper]);
  const loadOlder = useCallback(() => {
    loadOlderTurns(store, host, threadId).catch((error: unknown) => console.error('[codex-ts] loading older turns failed', error));
  }, [store, host, threadId]);

  const renderRow = useCallback(
    (_index: number, row: TranscriptRow): ReactNode => (
      <div className={`tx-row tx-row-${row.kind}`} data-row={row.key}>
        {row.kind === 'item' ? (
          <ItemRow turnId={row.turnId} itemId={row.itemId} />
        ) : row.kind === 'request' ? (
          (renderServerRequest?.(row.requestId) ?? null)
        ) : row.kind === 'plan' ? (
          <TurnPlan turnId={row.turnId} />
        ) : row.kind === 'errors' ? (
          <TurnErrors turnId={row.turnId} />
        ) : (
          <TurnEnd turnId={row.turnId} />
        )}
      </div>
    ),
    [renderServerRequest],
  );

  const Header = useCallback(
    () =>
      older === 'loading' ? (
        <div className="tx-older" data-testid="older-loading">
          <span className="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" /> {t('Loading earlier turns…')}
        </div>
      ) : older === 'idle' ? (
        <div className="tx-older">
          <button type="button" className="link-button" onClick={loadOlder}>
            {t('Load earlier turns')}
          </button>
        </div>
      ) : (
        <div className="tx-top-space" />
      ),
    [older, loadOlder],
  );
  const components = useMemo(() => ({ Header }), [Header]);

  return (
    <TranscriptContext.Provider value={context}>
      <div className="tx-root" data-testid="transcript" data-running={running} data-at-bottom={atBottom}>
        {rows.length === 0 ? (
          (empty ?? null)
        ) : (
          <Virtuoso<TranscriptRow>
            ref={virtuoso}
            scrollerRef={keeper.attach}
            className="tx-list"
            data={rows}
            firstItemIndex={firstIndex}
            initialTopMostItemIndex={{ index: 'LAST', align: 'end' }}
            computeItemKey={(_index, row) => row.key}
            itemContent={renderRow}
            followOutput={followOutput}
            atBottomThreshold={AT_BOTTOM_THRESHOLD}
            totalListHeightChanged={onHeightChanged}
            startReached={older === 'idle' ? loadOlder : undefined}
            defaultItemHeight={64}
            increaseViewportBy={{ top: 600, bottom: 300 }}
            components={components}
          />
        )}
        {!atBottom && rows.length > 0 && (
          <button type="button" className="tx-jump" data-testid="jump-to-latest" onClick={jumpToLatest} title={t('Jump to latest')}>
            <span className="codicon codicon-arrow-down" aria-hidden="true" /> {t('Jump to latest')}
          </button>
        )}
      </div>
    </TranscriptContext.Provider>
  );
}

/**
 * The index of the first row for Virtuoso: lowered by the number of rows that appeared before the
 * previous first row (older turns prepended), so the rows on screen keep their indexes. Calls
 * `onPrepend` while rendering such a change, before it reaches the DOM.
 */
function useFirstItemIndex(rows: readonly TranscriptRow[], onPrepend: () => void): number {
  const previous = useRef<{ key: string | undefined; index: number }>({ key: undefined, index: FIRST_INDEX });
  let index = previous.current.index;
  const firstKey = rows[0]?.key;
  if (previous.current.key !== undefined && firstKey !== previous.current.key) {
    const at = rows.findIndex((r) => r.key === previous.current.key);
    if (at > 0) {
      index -= at;
      onPrepend();
    }
  }
  previous.current = { key: firstKey, index };
  return index;
}
