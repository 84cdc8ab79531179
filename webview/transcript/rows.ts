// The transcript of a thread as a flat list of rows for the virtualised list: per turn its items
// in order, each followed by the server requests (approval cards) about it, then the turn's plan,
// errors and end (undo, interruption). Rows change only when items are added or turns change, not
// on streaming deltas (those re-render one item's component).
import type { PendingServerRequest, ThreadView, TurnView } from '../state/types';

export type TranscriptRow =
  | { readonly kind: 'item'; readonly key: string; readonly turnId: string; readonly itemId: string }
  | { readonly kind: 'request'; readonly key: string; readonly requestId: string | number }
  | { readonly kind: 'plan'; readonly key: string; readonly turnId: string }
  | { readonly kind: 'errors'; readonly key: string; readonly turnId: string }
  | { readonly kind: 'turnEnd'; readonly key: string; readonly turnId: string };

const requestRow = (r: PendingServerRequest): TranscriptRow => ({ kind: 'request', key: `request:${String(r.id)}`, requestId: r.id });

export function transcriptRows(
  thread: ThreadView | undefined,
  turnOf: (turnId: string) => TurnView | undefined,
  pending: readonly PendingServerRequest[],
): TranscriptRow[] {
  if (!thread) return [];
  const mine = pending.filter((r) => r.threadId === thread.id);
  const byItem = new Map<string, PendingServerRequest[]>();
  const byTurn = new Map<string, PendingServerRequest[]>();
  const placed = new Set<PendingServerRequest>();
  for (const r of mine) {
    if (r.itemId !== null) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
    if (r.turnId !== null) byTurn.set(r.turnId, [...(byTurn.get(r.turnId) ?? []), r]);
  }
  const rows: TranscriptRow[] = [];
  for (const turnId of thread.turnIds) {
    const turn = turnOf(turnId);
    if (!turn) continue;
    for (const itemId of turn.itemIds) {
      rows.push({ kind: 'item', key: `item:${itemId}`, turnId, itemId });
      for (const r of byItem.get(itemId) ?? []) {
        rows.push(requestRow(r));
        placed.add(r);
      }
    }
    if (turn.plan !== null) rows.push({ kind: 'plan', key: `plan:${turnId}`, turnId });
    // Requests about an item not shown yet, or about the turn as a whole, go at its end.
    for (const r of byTurn.get(turnId) ?? []) {
      if (placed.has(r)) continue;
      rows.push(requestRow(r));
      placed.add(r);
    }
    if (turn.errors.length > 0 || turn.error !== null) rows.push({ kind: 'errors', key: `errors:${turnId}`, turnId });
    if (turn.status !== 'inProgress') rows.push({ kind: 'turnEnd', key: `end:${turnId}`, turnId });
  }
  for (const r of mine) if (!placed.has(r)) rows.push(requestRow(r));
  return rows;
}
