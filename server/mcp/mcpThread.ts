// What MCP needs of a loaded thread: which workspace's servers it uses, the approval policy an
// elicitation is checked against, the running turn a direct tool call belongs to, and the flag it
// shows while a server's question waits on the client. The threads' LoadedThread satisfies it
// structurally, so mcp/ does not import threads/.
import type { AskForApproval } from '../protocol/common';
import type { ThreadActiveFlag } from '../protocol/thread';

export interface McpThread {
  readonly id: string;
  readonly settings: { readonly cwd: string; readonly approvalPolicy: AskForApproval };
  readonly active: { readonly turn: { readonly id: string } } | null;
  setWaiting(flag: ThreadActiveFlag, delta: 1 | -1): void;
}

/** Finds a loaded thread by id. */
export type McpThreadLookup = (threadId: string) => McpThread | undefined;
