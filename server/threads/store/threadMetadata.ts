// Deriving a ThreadSummary from rollout lines: pure functions shared by the full extraction
// (rebuild/reconcile), tail reads of appended files, and our own writers' appends.
import type {
  JsonValue,
  RolloutLine,
  SessionMetaPayload,
  SessionSourceValue,
  ThreadGitInfo,
  ThreadSourceKind,
  ThreadSummary,
} from './rolloutTypes';
import { PREVIEW_MAX_CHARS } from './rolloutTypes';

/** Codex prefixes some user messages with this marker; the request text follows it. */
const USER_MESSAGE_BEGIN = '## My request for Codex:';
const IMAGE_ONLY_PREVIEW = '[Image]';
/** User-role messages that are context the harness injects, not something the user typed. */
const INJECTED_PREFIXES = ['<environment_context>', '<user_instructions>', '<turn_aborted>', '# AGENTS.md instructions', '<skills_instructions>', '<permissions', '<user_shell_command>', '<subagent_notification>'];

/** Maps `session_meta.source` (core SessionSource as serialised by Codex, or v2 spelling) to a kind. */
export function sourceKindOf(source: SessionSourceValue | undefined): ThreadSourceKind {
  if (source === undefined) return 'unknown';
  if (typeof source === 'string') {
    switch (source) {
      case 'cli':
      case 'vscode':
      case 'exec':
        return source;
      case 'mcp':
      case 'appServer':
      case 'app_server':
        return 'appServer';
      default:
        return 'unknown';
    }
  }
  const sub = source.subagent ?? source.subAgent ?? source.sub_agent;
  if (sub === undefined) return 'unknown';
  if (sub === 'review') return 'subAgentReview';
  if (sub === 'compact') return 'subAgentCompact';
  if (typeof sub === 'object' && sub !== null && !Array.isArray(sub) && ('thread_spawn' in sub || 'threadSpawn' in sub)) {
    return 'subAgentThreadSpawn';
  }
  return 'subAgentOther';
}

/** Collapses whitespace and cuts to PREVIEW_MAX_CHARS (on a code point boundary). */
export function toPreview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= PREVIEW_MAX_CHARS) return flat;
  const cps = Array.from(flat);
  return cps.length <= PREVIEW_MAX_CHARS ? flat : cps.slice(0, PREVIEW_MAX_CHARS).join('');
}

function str(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function stripRequestMarker(text: string): string {
  const at = text.indexOf(USER_MESSAGE_BEGIN);
  return (at === -1 ? text : text.slice(at + USER_MESSAGE_BEGIN.length)).trim();
}

function textParts(content: JsonValue | undefined, kinds: readonly string[]): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const out: string[] = [];
  for (const part of content) {
    if (part && typeof part === 'object' && !Array.isArray(part) && kinds.includes(String(part.type))) {
      const text = str(part.text);
      if (text) out.push(text);
    }
  }
  return out.join(' ');
}

/** The user-typed text a line carries, if it is a user message; '' for an empty one; null otherwise. */
export function userTextOf(line: RolloutLine): string | null {
  if (line.type === 'event_msg') {
    const p = line.payload;
    if (p.type === 'user_message') {
      const text = stripRequestMarker(str(p.message) ?? '');
      if (text) return text;
      const images = p.images;
      const local = p.local_images;
      return (Array.isArray(images) && images.length > 0) || (Array.isArray(local) && local.length > 0) ? IMAGE_ONLY_PREVIEW : '';
    }
    if (p.type === 'item_completed' && p.item && typeof p.item === 'object' && !Array.isArray(p.item)) {
      const itemType = str(p.item.type);
      if (itemType === 'UserMessage' || itemType === 'userMessage') {
        return stripRequestMarker(textParts(p.item.content, ['text', 'Text', 'input_text']));
      }
    }
    return null;
  }
  if (line.type === 'response_item' && line.payload.type === 'message' && line.payload.role === 'user') {
    const text = textParts(line.payload.content, ['input_text', 'text']).trim();
    if (INJECTED_PREFIXES.some((prefix) => text.startsWith(prefix))) return null;
    return stripRequestMarker(text);
  }
  return null;
}

/** The fields a line changes on a summary that already has `current`; null when nothing changes. */
export function summaryChanges(current: Readonly<ThreadSummary>, line: RolloutLine): Partial<ThreadSummary> | null {
  switch (line.type) {
    case 'session_meta':
      // Only the thread's own meta counts: forks may embed their source's meta lines.
      return line.payload.id.toLowerCase() === current.id ? fieldsFromSessionMeta(line.payload, current) : null;
    case 'turn_context': {
      const changes: Partial<ThreadSummary> = {};
      const model = str(line.payload.model);
      if (model && model !== current.model) changes.model = model;
      const cwd = str(line.payload.cwd);
      if (!current.cwd && cwd) changes.cwd = cwd;
      return Object.keys(changes).length > 0 ? changes : null;
    }
    case 'event_msg':
      if (line.payload.type === 'thread_name_updated') {
        const raw = str(line.payload.thread_name) ?? str(line.payload.name);
        const name = raw && raw.trim() ? raw.trim() : null;
        return name === current.name ? null : { name };
      }
      return previewChange(current, line);
    case 'response_item':
      return previewChange(current, line);
    default:
      return null;
  }
}

function previewChange(current: Readonly<ThreadSummary>, line: RolloutLine): Partial<ThreadSummary> | null {
  if (current.preview) return null;
  const text = userTextOf(line);
  return text ? { preview: toPreview(text) } : null;
}

function fieldsFromSessionMeta(meta: SessionMetaPayload, current: Readonly<ThreadSummary>): Partial<ThreadSummary> {
  const created = Date.parse(meta.timestamp);
  const git = meta.git;
  const gitInfo: ThreadGitInfo | null =
    git && typeof git === 'object'
      ? { sha: str(git.commit_hash), branch: str(git.branch), originUrl: str(git.repository_url) }
      : null;
  return {
    createdAt: Number.isNaN(created) ? current.createdAt : created,
    cwd: typeof meta.cwd === 'string' && meta.cwd ? meta.cwd : current.cwd,
    modelProvider: str(meta.model_provider) ?? current.modelProvider,
    model: str(meta.model) ?? current.model,
    source: meta.source ?? current.source,
    sourceKind: sourceKindOf(meta.source ?? current.source),
    originator: str(meta.originator) ?? current.originator,
    cliVersion: str(meta.cli_version) ?? current.cliVersion,
    gitInfo,
    forkedFromId: str(meta.forked_from_id) ?? null,
  };
}

/** A summary with only what the file name tells; lines then fill it in via summaryChanges(). */
export function emptySummary(init: {
  id: string;
  path: string;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
  defaultProvider: string;
}): ThreadSummary {
  return {
    id: init.id,
    path: init.path,
    archived: init.archived,
    createdAt: init.createdAt,
    updatedAt: init.updatedAt,
    cwd: '',
    modelProvider: init.defaultProvider,
    model: null,
    source: 'unknown',
    sourceKind: 'unknown',
    originator: null,
    cliVersion: '',
    preview: '',
    name: null,
    gitInfo: null,
    forkedFromId: null,
  };
}

/** Applies a line to a summary in place; true if anything changed. */
export function applyLine(summary: ThreadSummary, line: RolloutLine): boolean {
  const changes = summaryChanges(summary, line);
  if (!changes) return false;
  Object.assign(summary, changes);
  return true;
}

/**
 * Cheap byte-level test whether a raw line could change the summary, so extraction can skip
 * JSON.parse for the bulk of a rollout (model items, tool output, token counts).
 */
export function mayChangeSummary(raw: Buffer, needPreview: boolean): boolean {
  if (raw.indexOf('"session_meta"') !== -1 || raw.indexOf('"turn_context"') !== -1) return true;
  if (raw.indexOf('thread_name_updated') !== -1) return true;
  return needPreview && (raw.indexOf('"user"') !== -1 || raw.indexOf('user_message') !== -1 || raw.indexOf('serMessage"') !== -1);
}
