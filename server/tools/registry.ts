// Which tools a turn offers, and dispatch of the model's calls to their handlers. The set depends on
// the model (catalog metadata) and the config, the way Codex builds it for a gpt-5.5-class model:
//   exec_command, write_stdin        (or `shell` when features.unified_exec = false)
//   update_plan
//   request_user_input               (always offered; it answers only in Plan mode, as in Codex)
//   apply_patch                      (custom/freeform or function per `applyPatchToolType`; none for unknown slugs)
//   view_image                       (models with image input)
//   get_goal, create_goal, update_goal
//   web_search                       (hosted; Responses wire API only, unless web_search = "disabled")
//   mcp__<server>__<tool>            (tools of the thread's ready MCP servers, passed in as `extra`)
// A call to a tool that is not offered gets "unsupported call: <name>"; a handler that throws gets
// its error as the output, so the model can always read what happened.
import type { ModelInfo, ToolOutput, ToolSpec } from '../models';
import { applyPatchHandler } from './applyPatchTool';
import { execToolHandlers } from './execTool';
import { goalHandlers } from './goalTools';
import { updatePlanHandler } from './planTool';
import type { ToolConfig } from './toolConfig';
import type { ToolCall, ToolContext, ToolHandler } from './types';
import { requestUserInputHandler } from './userInputTool';
import { viewImageHandler } from './viewImageTool';
import { webSearchToolSpec } from './webSearch';

export class ToolSet {
  private readonly handlers = new Map<string, ToolHandler>();
  readonly specs: ToolSpec[];

  constructor(handlers: readonly ToolHandler[], hosted: readonly ToolSpec[]) {
    for (const handler of handlers) this.handlers.set(handler.name, handler);
    this.specs = [...handlers.map((h) => h.spec), ...hosted];
  }

  /** Names of the function and custom tools offered (hosted tools excluded). */
  get names(): string[] {
    return [...this.handlers.keys()];
  }

  async dispatch(call: ToolCall, ctx: ToolContext): Promise<ToolOutput> {
    const handler = this.handlers.get(call.name);
    if (!handler) return `unsupported call: ${call.name}`;
    try {
      return await handler.handle(call, ctx);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.log.error(`tool ${call.name} (${call.callId}) failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      return `${call.name} failed: ${message}`;
    }
  }
}

export function buildToolSet(modelInfo: ModelInfo, config: ToolConfig, extra: readonly ToolHandler[] = []): ToolSet {
  const handlers: ToolHandler[] = [...execToolHandlers(config), updatePlanHandler, requestUserInputHandler];
  const applyPatch = applyPatchHandler(modelInfo.applyPatchToolType);
  if (applyPatch) handlers.push(applyPatch);
  if (modelInfo.inputModalities.includes('image')) handlers.push(viewImageHandler);
  handlers.push(...goalHandlers, ...extra);
  const webSearch = webSearchToolSpec(config);
  return new ToolSet(handlers, webSearch ? [webSearch] : []);
}
