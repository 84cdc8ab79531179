// Thread items: what a turn is made of (user input, agent text, reasoning, tool calls …), and the
// user input union. Every union is tagged by `type`.
import * as z from 'zod';
import type { McpToolCallItem } from './mcp';

export const ByteRange = z.object({ start: z.number().int(), end: z.number().int() });
export const TextElement = z.object({ byteRange: ByteRange, placeholder: z.string().nullable().default(null) });

export const UserInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string(), text_elements: z.array(TextElement).default([]) }),
  z.object({ type: z.literal('image'), url: z.string(), detail: z.enum(['auto', 'low', 'high', 'original']).optional() }),
  z.object({ type: z.literal('localImage'), path: z.string(), detail: z.enum(['auto', 'low', 'high', 'original']).optional() }),
  z.object({ type: z.literal('skill'), name: z.string(), path: z.string() }),
  z.object({ type: z.literal('mention'), name: z.string(), path: z.string() }),
]);
export type UserInput = z.infer<typeof UserInput>;

export type MessagePhase = 'commentary' | 'partial_answer' | 'final_answer';

export type CommandExecutionStatus = 'inProgress' | 'completed' | 'failed' | 'declined';
export type CommandAction =
  | { type: 'read'; command: string; name: string; path: string }
  | { type: 'listFiles'; command: string; path: string | null }
  | { type: 'search'; command: string; query: string | null; path: string | null }
  | { type: 'unknown'; command: string };

export type PatchChangeKind =
  | { type: 'add' }
  | { type: 'delete' }
  | { type: 'update'; move_path: string | null };
export interface FileUpdateChange {
  path: string;
  kind: PatchChangeKind;
  diff: string;
}
export type PatchApplyStatus = 'inProgress' | 'completed' | 'failed' | 'declined';

/** What a hosted web search did (from the model's `web_search_call` item). */
export type WebSearchAction =
  | { type: 'search'; query: string | null; queries: string[] | null }
  | { type: 'openPage'; url: string | null }
  | { type: 'findInPage'; url: string | null; pattern: string | null }
  | { type: 'other' };

interface ItemTimes {
  startedAtMs?: number | null;
  completedAtMs?: number | null;
}

export type ThreadItem = ItemTimes &
  (
    | { type: 'userMessage'; id: string; clientId: string | null; content: UserInput[] }
    | {
        type: 'agentMessage';
        id: string;
        text: string;
        phase: MessagePhase | null;
        moderation: null;
        memoryCitation: null;
        delivery: null;
        questions: null;
      }
    | { type: 'reasoning'; id: string; summary: string[]; content: string[] }
    | { type: 'plan'; id: string; text: string }
    | {
        type: 'commandExecution';
        id: string;
        pluginId: string | null;
        scriptPath: string | null;
        command: string;
        cwd: string;
        processId: string | null;
        source: 'agent' | 'userShell' | 'unifiedExecStartup' | 'unifiedExecInteraction';
        status: CommandExecutionStatus;
        commandActions: CommandAction[];
        aggregatedOutput: string | null;
        exitCode: number | null;
        durationMs: number | null;
      }
    | { type: 'fileChange'; id: string; changes: FileUpdateChange[]; status: PatchApplyStatus }
    | { type: 'contextCompaction'; id: string }
    | { type: 'enteredReviewMode'; id: string; review: string }
    | { type: 'exitedReviewMode'; id: string; review: string }
    | { type: 'imageView'; id: string; path: string }
    | { type: 'webSearch'; id: string; query: string; action: WebSearchAction | null; results: unknown[] | null }
    | McpToolCallItem
  );
export type ThreadItemType = ThreadItem['type'];
