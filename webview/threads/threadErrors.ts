// Request errors as the user reads them: whether an error means the server cannot find the thread
// (its stored history is gone — another CODEX_HOME, deleted sessions — or it is not loaded), and
// error text without the internal ids (thread UUIDs) the server puts into its messages.
import { RpcError } from '../bridge/hostClient';
import { t } from '../l10n';

/** JSON-RPC "invalid request": what the server answers for a thread it does not know. */
const INVALID_REQUEST = -32600;

/** The messages Codex gives for a thread id it cannot find or cannot use. */
const THREAD_UNKNOWN = /^(no rollout found for thread id|thread not found|invalid thread id)\b/i;

const UUID = '(?:urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** An id with what introduces it ("thread id …", ": …", "(…)"), so the rest still reads as a sentence. */
const ID_IN_TEXT = new RegExp(`\\s*(?:for\\s+)?(?:(?:thread|turn|item)\\s+id\\s*|id\\s*)?[:#(]?\\s*${UUID}\\)?`, 'gi');

/** Whether the server said it does not know the thread (turn/start, thread/resume, …). */
export function isThreadUnknown(error: unknown): boolean {
  return error instanceof RpcError && error.code === INVALID_REQUEST && THREAD_UNKNOWN.test(error.message);
}

/** Text with internal ids taken out. */
export function withoutIds(text: string): string {
  return text.replace(ID_IN_TEXT, '').replace(/\s{2,}/g, ' ').trim();
}

/** A failed request's error as the chat shows it: human words for an unknown thread, never an id. */
export function userErrorText(error: unknown): string {
  if (isThreadUnknown(error)) return t('This chat is no longer available.');
  const text = withoutIds(error instanceof Error ? error.message : String(error));
  return text === '' ? t('The request failed.') : text;
}
