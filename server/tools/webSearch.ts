// web_search: a hosted tool — the provider runs the search inside the response, so the server only
// offers it and shows what happened. Offered on the Responses wire API only (Chat Completions has no
// hosted tools) unless `web_search = "disabled"`; `cached` keeps it off the live web, `live` allows
// it. The model's `web_search_call` output items become `webSearch` items. They are not sent back
// in later requests (the answer that used them is).
import type { HostedToolSpec } from '../models';
import type { ThreadItem, WebSearchAction } from '../protocol/items';
import type { ToolConfig } from './toolConfig';

export const WEB_SEARCH_CALL = 'web_search_call';

export type WebSearchItem = Extract<ThreadItem, { type: 'webSearch' }>;

export function webSearchToolSpec(config: ToolConfig): HostedToolSpec | null {
  if (config.wireApi !== 'responses' || config.webSearch === 'disabled') return null;
  return { type: 'web_search', external_web_access: config.webSearch === 'live', search_content_types: ['text', 'image'] };
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function mapAction(raw: unknown): WebSearchAction | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const action = raw as Record<string, unknown>;
  switch (action.type) {
    case 'search': {
      const queries = Array.isArray(action.queries) ? action.queries.filter((q): q is string => typeof q === 'string') : null;
      return { type: 'search', query: str(action.query), queries };
    }
    case 'open_page':
      return { type: 'openPage', url: str(action.url) };
    case 'find_in_page':
      return { type: 'findInPage', url: str(action.url), pattern: str(action.pattern) };
    default:
      return { type: 'other' };
  }
}

/** The webSearch item for a finished `web_search_call` output item (raw, as the provider sent it). */
export function webSearchItem(id: string, raw: Record<string, unknown> | null): WebSearchItem {
  const action = raw ? mapAction(raw.action) : null;
  const query = action?.type === 'search' ? (action.query ?? action.queries?.[0] ?? '') : action?.type === 'openPage' ? (action.url ?? '') : action?.type === 'findInPage' ? (action.pattern ?? '') : '';
  return { type: 'webSearch', id, query, action, results: null };
}
