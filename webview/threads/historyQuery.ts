// The history panel's thread/list query: scoped to the workspace folder by default (the thread's
// cwd), or every workspace; a search term; active or archived threads; newest activity first.
import type { ClientRequestInput } from '@protocol';
import { t } from '../l10n';

export interface HistoryFilter {
  readonly scope: 'workspace' | 'all';
  readonly search: string;
  readonly archived: boolean;
}

export const HISTORY_PAGE_SIZE = 30;

export function historyParams(filter: HistoryFilter, cwd: string | null, cursor: string | null): NonNullable<ClientRequestInput<'thread/list'>> {
  const search = filter.search.trim();
  return {
    limit: HISTORY_PAGE_SIZE,
    cursor,
    sortKey: 'updated_at',
    sortDirection: 'desc',
    archived: filter.archived,
    ...(filter.scope === 'workspace' && cwd !== null ? { cwd } : {}),
    ...(search !== '' ? { searchTerm: search } : {}),
  };
}

/** "3 min ago"-style age of a Unix time in seconds. */
export function ageOf(seconds: number, nowMs: number): string {
  const diff = Math.max(0, Math.round(nowMs / 1000 - seconds));
  if (diff < 60) return t('just now');
  if (diff < 3600) return t('{0} min ago', Math.floor(diff / 60));
  if (diff < 86400) return t('{0} h ago', Math.floor(diff / 3600));
  return t('{0} d ago', Math.floor(diff / 86400));
}
