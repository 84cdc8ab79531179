// The typed message bridge between the extension host (src/) and the chat webviews (webview/).
// Both sides import this file and validate every message they receive with the schemas below:
// postMessage data crosses a process/iframe boundary, so it is untrusted until checked.
//
// The webview never talks to the server: it asks the host to make protocol requests
// (`rpc/request`), answers server requests the host forwards (`serverRequest/respond`), and asks
// for editor actions (`ui/*`). The host forwards server notifications and requests, reports the
// server connection's state (for the crash/restart banner), and pushes editor events (context
// chips, TODO tasks, new chat). Protocol payloads are typed by the shared protocol module.
import * as z from 'zod';
import type {
  ClientRequestInput,
  ClientRequestMethod,
  ClientRequestResult,
  ServerNotification,
  ServerRequests,
  ServerRequestMethod,
} from '@protocol';
import { SignInRequest, SignInResult } from './signInMessages';

/** Where VS Code's UI runs: the desktop app or a browser (code-server, vscode.dev, Codespaces). */
export type UiKind = 'desktop' | 'web';
/** Which surface a webview is: the sidebar view or an editor-tab chat (`codex.newCodexPanel`). */
export type ChatSurfaceKind = 'sidebar' | 'panel';

export const FollowUpQueueMode = z.enum(['queue', 'steer']);
export const ComposerEnterBehavior = z.enum(['enter', 'cmdIfMultiline', 'cmdAlways']);
export const ReviewDelivery = z.enum(['inline', 'detached']);

/** The `codex.*` settings the webview needs (the host re-sends them on change). */
export interface WebviewSettings {
  readonly followUpQueueMode: z.infer<typeof FollowUpQueueMode>;
  readonly composerEnterBehavior: z.infer<typeof ComposerEnterBehavior>;
  readonly reviewDelivery: z.infer<typeof ReviewDelivery>;
  /** Whether IDE context is attached to each turn (toggled by /auto-context). */
  readonly autoContext: boolean;
}

/** A piece of editor context shown as a chip in the composer and on the message that carried it. */
export const ContextChip = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('selection'),
    /** Absolute host path. */
    path: z.string(),
    startLine: z.number().int().positive(),
    endLine: z.number().int().positive(),
    text: z.string(),
    languageId: z.string(),
  }),
  z.object({ type: z.literal('file'), path: z.string() }),
  z.object({
    type: z.literal('todo'),
    path: z.string(),
    line: z.number().int().positive(),
    comment: z.string(),
  }),
]);
export type ContextChip = z.infer<typeof ContextChip>;

/** The state of the host's connection to the server, driving the banner. */
export type ServerConnectionState =
  | { readonly state: 'starting' }
  | { readonly state: 'ready'; readonly userAgent: string; readonly codexHome: string }
  | { readonly state: 'restarting'; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly state: 'failed'; readonly reason: string }
  | { readonly state: 'stopped' };

// ---------------------------------------------------------------------------------------------
// Webview → host

const RequestId = z.union([z.string(), z.number()]);

export const WebviewToHostMessage = z.discriminatedUnion('type', [
  /** Sent once the React app has mounted and can receive messages. */
  z.object({ type: z.literal('ready') }),
  /**
   * A protocol request the host makes on the webview's behalf (`initialize` excluded). The host
   * may add to it (IDE context on `turn/start`, path translation under WSL). Answered by
   * `rpc/response` with the same `requestId`.
   */
  z.object({
    type: z.literal('rpc/request'),
    requestId: z.number().int().nonnegative(),
    method: z.string().min(1),
    params: z.unknown(),
  }),
  /** The answer to a forwarded server request (an approval, a question, an elicitation). */
  z.object({ type: z.literal('serverRequest/respond'), requestId: RequestId, result: z.unknown() }),
  /** The thread this webview shows now (null: a new, not yet started chat). */
  z.object({ type: z.literal('thread/active'), threadId: z.string().nullable() }),
  /** How many server requests wait for the user in this webview (badge/notification when hidden). */
  z.object({ type: z.literal('ui/pendingRequests'), count: z.number().int().nonnegative() }),
  /** Open a file change of an item in the native diff editor. */
  z.object({
    type: z.literal('ui/openDiff'),
    threadId: z.string(),
    turnId: z.string(),
    itemId: z.string(),
    path: z.string(),
  }),
  /** Restore one file to its state before the item's change. */
  z.object({
    type: z.literal('ui/revertFile'),
    threadId: z.string(),
    turnId: z.string(),
    itemId: z.string(),
    path: z.string(),
  }),
  /** Restore every file the turn changed to its state before the turn. */
  z.object({ type: z.literal('ui/undoTurn'), threadId: z.string(), turnId: z.string() }),
  z.object({ type: z.literal('ui/openFile'), path: z.string(), line: z.number().int().positive().optional() }),
  /** Open the image file picker; answered by `images/picked`. */
  z.object({ type: z.literal('ui/pickImages') }),
  z.object({ type: z.literal('ui/setAutoContext'), enabled: z.boolean() }),
  /** /init: create an AGENTS.md scaffold in the workspace (if missing) and open it. */
  z.object({ type: z.literal('ui/createAgentsMd') }),
  z.object({ type: z.literal('ui/openConfig') }),
  z.object({ type: z.literal('ui/showLogs') }),
  z.object({ type: z.literal('ui/restartServer') }),
  z.object({ type: z.literal('ui/newPanel') }),
  /** The webview page gained or lost the keyboard focus (drives the focus-scoped Ctrl/Cmd+N). */
  z.object({ type: z.literal('ui/focus'), focused: z.boolean() }),
  /** The sign-in card asks the host (signInMessages.ts); answered by `signIn/response`. */
  z.object({ type: z.literal('signIn/request'), requestId: z.number().int().nonnegative(), request: SignInRequest }),
]);
export type WebviewToHostMessage = z.infer<typeof WebviewToHostMessage>;

export function parseWebviewToHostMessage(value: unknown): WebviewToHostMessage | null {
  const parsed = WebviewToHostMessage.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Back-compat guard used by older call sites. */
export function isWebviewToHostMessage(value: unknown): value is WebviewToHostMessage {
  return WebviewToHostMessage.safeParse(value).success;
}

// ---------------------------------------------------------------------------------------------
// Host → webview

export type HostToWebviewMessage =
  | {
      readonly type: 'hostInfo';
      readonly version: string;
      /** The VS Code workspace name, or null when no folder is open. */
      readonly workspaceName: string | null;
      /** The first workspace folder (host path): the default cwd and the history scope. */
      readonly cwd: string | null;
      readonly uiKind: UiKind;
      readonly surface: ChatSurfaceKind;
      readonly settings: WebviewSettings;
      /** `codex.localeOverride` or the editor's language. */
      readonly locale: string;
      /** The l10n bundle for `locale` (English source string → translation); null for English. */
      readonly l10n: Readonly<Record<string, string>> | null;
      readonly server: ServerConnectionState;
      /** A thread to open at start (an editor-tab chat restored by the host, or the one a reloaded page showed), else null. */
      readonly openThreadId: string | null;
    }
  | { readonly type: 'settings/changed'; readonly settings: WebviewSettings }
  | { readonly type: 'rpc/response'; readonly requestId: number; readonly ok: true; readonly result: unknown }
  | {
      readonly type: 'rpc/response';
      readonly requestId: number;
      readonly ok: false;
      readonly error: { readonly code: number; readonly message: string };
    }
  | { readonly type: 'server/notification'; readonly notification: ServerNotification }
  | {
      readonly type: 'server/request';
      readonly requestId: string | number;
      readonly method: ServerRequestMethod | string;
      readonly params: unknown;
    }
  | { readonly type: 'server/state'; readonly server: ServerConnectionState }
  /**
   * Sent after the server restarted and the host re-resumed this webview's thread: the webview
   * merges `turns` into its store (keeping every completed item it already has).
   */
  | { readonly type: 'thread/resynced'; readonly threadId: string; readonly result: unknown }
  /** The files a turn changed were restored (`ui/undoTurn`): the transcript marks the turn as undone. */
  | { readonly type: 'turn/undone'; readonly threadId: string; readonly turnId: string; readonly files: number }
  | { readonly type: 'composer/addContext'; readonly chip: ContextChip }
  /** Start a new task in a new chat (codex.implementTodo): text plus chips. */
  | { readonly type: 'composer/startTask'; readonly text: string; readonly chips: readonly ContextChip[] }
  | { readonly type: 'chat/new' }
  | { readonly type: 'composer/focus' }
  | { readonly type: 'images/picked'; readonly images: readonly { readonly name: string; readonly dataUrl: string }[] }
  | { readonly type: 'signIn/response'; readonly requestId: number; readonly result: SignInResult };

const Envelope = z.looseObject({ type: z.string() });

/**
 * Validates a host message's envelope and the fields the webview relies on. Forwarded protocol
 * payloads were validated by the host at the stdio boundary, so only their outer shape is checked.
 */
export const HostToWebviewSchemas: Record<HostToWebviewMessage['type'], z.ZodType> = {
  hostInfo: z.looseObject({
    type: z.literal('hostInfo'),
    version: z.string(),
    workspaceName: z.string().nullable(),
    cwd: z.string().nullable(),
    uiKind: z.enum(['desktop', 'web']),
    surface: z.enum(['sidebar', 'panel']),
    settings: z.looseObject({
      followUpQueueMode: FollowUpQueueMode,
      composerEnterBehavior: ComposerEnterBehavior,
      reviewDelivery: ReviewDelivery,
      autoContext: z.boolean(),
    }),
    locale: z.string(),
    l10n: z.record(z.string(), z.string()).nullable(),
    server: z.looseObject({ state: z.string() }),
    openThreadId: z.string().nullable(),
  }),
  'settings/changed': z.looseObject({ type: z.literal('settings/changed'), settings: z.looseObject({}) }),
  'rpc/response': z.union([
    z.looseObject({ type: z.literal('rpc/response'), requestId: z.number(), ok: z.literal(true), result: z.unknown() }),
    z.looseObject({
      type: z.literal('rpc/response'),
      requestId: z.number(),
      ok: z.literal(false),
      error: z.object({ code: z.number(), message: z.string() }),
    }),
  ]),
  'server/notification': z.looseObject({
    type: z.literal('server/notification'),
    notification: z.looseObject({ method: z.string(), params: z.unknown() }),
  }),
  'server/request': z.looseObject({
    type: z.literal('server/request'),
    requestId: RequestId,
    method: z.string(),
    params: z.unknown(),
  }),
  'server/state': z.looseObject({ type: z.literal('server/state'), server: z.looseObject({ state: z.string() }) }),
  'thread/resynced': z.looseObject({ type: z.literal('thread/resynced'), threadId: z.string(), result: z.unknown() }),
  'turn/undone': z.looseObject({
    type: z.literal('turn/undone'),
    threadId: z.string(),
    turnId: z.string(),
    files: z.number().int().nonnegative(),
  }),
  'composer/addContext': z.looseObject({ type: z.literal('composer/addContext'), chip: ContextChip }),
  'composer/startTask': z.looseObject({
    type: z.literal('composer/startTask'),
    text: z.string(),
    chips: z.array(ContextChip),
  }),
  'chat/new': z.looseObject({ type: z.literal('chat/new') }),
  'composer/focus': z.looseObject({ type: z.literal('composer/focus') }),
  'images/picked': z.looseObject({
    type: z.literal('images/picked'),
    images: z.array(z.object({ name: z.string(), dataUrl: z.string() })),
  }),
  'signIn/response': z.looseObject({ type: z.literal('signIn/response'), requestId: z.number(), result: SignInResult }),
};

export function parseHostToWebviewMessage(value: unknown): HostToWebviewMessage | null {
  const envelope = Envelope.safeParse(value);
  if (!envelope.success) return null;
  const schema = (HostToWebviewSchemas as Record<string, z.ZodType | undefined>)[envelope.data.type];
  if (schema === undefined || !schema.safeParse(value).success) return null;
  return value as HostToWebviewMessage;
}

export function isHostToWebviewMessage(value: unknown): value is HostToWebviewMessage {
  return parseHostToWebviewMessage(value) !== null;
}

// ---------------------------------------------------------------------------------------------
// Typed helpers for the webview's request client and answers.

/** Methods the webview may ask the host to call (every client request except `initialize`). */
export type BridgeRequestMethod = Exclude<ClientRequestMethod, 'initialize'>;
export type BridgeRequestParams<M extends BridgeRequestMethod> = ClientRequestInput<M>;
export type BridgeRequestResult<M extends BridgeRequestMethod> = ClientRequestResult<M>;
export type ServerRequestResult<M extends ServerRequestMethod> = ServerRequests[M]['result'];
