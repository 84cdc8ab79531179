// Thread items: what a turn is made of (user input, agent text, reasoning, tool calls …), and the
// user input union. Every union is tagged by `type`.
import * as z from 'zod';
import { mcpToolCallItemShape } from './mcp';
import { JsonValue, Opaque, wireObject } from './wire';

export const ByteRange = z.object({ start: z.number().int(), end: z.number().int() });
export const TextElement = z.object({ byteRange: ByteRange, placeholder: z.string().nullable().default(null) });

const ImageDetail = z.enum(['auto', 'low', 'high', 'original']);
export const UserInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string(), text_elements: z.array(TextElement).default([]) }),
  z.object({ type: z.literal('image'), url: z.string(), detail: ImageDetail.optional() }),
  z.object({ type: z.literal('localImage'), path: z.string(), detail: ImageDetail.optional() }),
  z.object({ type: z.literal('skill'), name: z.string(), path: z.string() }),
  z.object({ type: z.literal('mention'), name: z.string(), path: z.string() }),
]);
export type UserInput = z.infer<typeof UserInput>;

/**
 * The input of a userMessage item: what this server accepts, plus what a Codex server may report
 * (an uploaded file's image by `fileId`, audio), never produced here.
 */
export const ReportedUserInput = z.lazy(() =>
  z.union([
    UserInput,
    wireObject({ type: z.literal('image'), fileId: z.string(), detail: ImageDetail.optional() }),
    wireObject({ type: z.enum(['audio', 'localAudio']) }),
  ]),
);
export type ReportedUserInput = z.output<typeof ReportedUserInput>;

export const MessagePhase = z.enum(['commentary', 'partial_answer', 'final_answer']);
export type MessagePhase = z.output<typeof MessagePhase>;

export const CommandExecutionStatus = z.enum(['inProgress', 'completed', 'failed', 'declined']);
export type CommandExecutionStatus = z.output<typeof CommandExecutionStatus>;
export const CommandAction = z.lazy(() => z.discriminatedUnion('type', [
  wireObject({ type: z.literal('read'), command: z.string(), name: z.string(), path: z.string() }),
  wireObject({ type: z.literal('listFiles'), command: z.string(), path: z.string().nullable() }),
  wireObject({ type: z.literal('search'), command: z.string(), query: z.string().nullable(), path: z.string().nullable() }),
  wireObject({ type: z.literal('unknown'), command: z.string() }),
]));
export type CommandAction = z.output<typeof CommandAction>;

export const PatchChangeKind = z.lazy(() => z.discriminatedUnion('type', [
  wireObject({ type: z.literal('add') }),
  wireObject({ type: z.literal('delete') }),
  wireObject({ type: z.literal('update'), move_path: z.string().nullable() }),
]));
export type PatchChangeKind = z.output<typeof PatchChangeKind>;
export const FileUpdateChange = z.lazy(() => wireObject({ path: z.string(), kind: PatchChangeKind, diff: z.string() }));
export type FileUpdateChange = z.output<typeof FileUpdateChange>;
export const PatchApplyStatus = z.enum(['inProgress', 'completed', 'failed', 'declined']);
export type PatchApplyStatus = z.output<typeof PatchApplyStatus>;

/** What a hosted web search did (from the model's `web_search_call` item). */
export const WebSearchAction = z.lazy(() => z.discriminatedUnion('type', [
  wireObject({ type: z.literal('search'), query: z.string().nullable(), queries: z.array(z.string()).nullable() }),
  wireObject({ type: z.literal('openPage'), url: z.string().nullable() }),
  wireObject({ type: z.literal('findInPage'), url: z.string().nullable(), pattern: z.string().nullable() }),
  wireObject({ type: z.literal('other') }),
]));
export type WebSearchAction = z.output<typeof WebSearchAction>;

/** When the item started and ended (ms since the epoch), on every kind of item. */
const ItemTimes = { startedAtMs: z.number().nullish(), completedAtMs: z.number().nullish() };

/**
 * Items a Codex server may send that codex-ts never produces (hooks, dynamic tools, sub-agents …):
 * only their kind and id are described, the rest passes as is.
 */
export const OtherThreadItemType = z.enum(['hookPrompt', 'functionCallOutput', 'dynamicToolCall', 'collabAgentToolCall', 'subAgentActivity', 'sleep', 'imageGeneration']);

export const ThreadItem = z.lazy(() => z.discriminatedUnion('type', [
  wireObject({ ...ItemTimes, type: z.literal('userMessage'), id: z.string(), clientId: z.string().nullable(), content: z.array(ReportedUserInput) }),
  wireObject({
    ...ItemTimes,
    type: z.literal('agentMessage'),
    id: z.string(),
    text: z.string(),
    phase: MessagePhase.nullable(),
    moderation: Opaque,
    memoryCitation: Opaque,
    delivery: Opaque,
    questions: Opaque,
  }),
  wireObject({ ...ItemTimes, type: z.literal('reasoning'), id: z.string(), summary: z.array(z.string()), content: z.array(z.string()) }),
  wireObject({ ...ItemTimes, type: z.literal('plan'), id: z.string(), text: z.string() }),
  wireObject({
    ...ItemTimes,
    type: z.literal('commandExecution'),
    id: z.string(),
    pluginId: z.string().nullable(),
    scriptPath: z.string().nullable(),
    command: z.string(),
    cwd: z.string(),
    processId: z.string().nullable(),
    source: z.enum(['agent', 'userShell', 'unifiedExecStartup', 'unifiedExecInteraction']),
    status: CommandExecutionStatus,
    commandActions: z.array(CommandAction),
    aggregatedOutput: z.string().nullable(),
    exitCode: z.number().nullable(),
    durationMs: z.number().nullable(),
  }),
  wireObject({ ...ItemTimes, type: z.literal('fileChange'), id: z.string(), changes: z.array(FileUpdateChange), status: PatchApplyStatus }),
  wireObject({ ...ItemTimes, type: z.literal('contextCompaction'), id: z.string() }),
  wireObject({ ...ItemTimes, type: z.literal('enteredReviewMode'), id: z.string(), review: z.string() }),
  wireObject({ ...ItemTimes, type: z.literal('exitedReviewMode'), id: z.string(), review: z.string() }),
  wireObject({ ...ItemTimes, type: z.literal('imageView'), id: z.string(), path: z.string() }),
  wireObject({ ...ItemTimes, type: z.literal('webSearch'), id: z.string(), query: z.string(), action: WebSearchAction.nullable(), results: z.array(JsonValue).nullable() }),
  wireObject({ ...ItemTimes, ...mcpToolCallItemShape() }),
  wireObject({ ...ItemTimes, type: OtherThreadItemType, id: z.string() }),
]));
export type ThreadItem = z.output<typeof ThreadItem>;
export type ThreadItemType = ThreadItem['type'];
