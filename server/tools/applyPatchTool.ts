// apply_patch wired to the turn. The patch is parsed and planned first (a malformed patch or one
// that does not fit the files goes straight back to the model as "apply_patch verification
// failed: …", with no item); then the `fileChange` item starts with the planned changes, the patch
// is approved when the policy says so, written all-or-nothing, and the turn's unified diff is
// announced (`turn/diff/updated`). A declined patch leaves the files alone and the model reads
// "patch rejected by user". Offered as a freeform (custom, Lark grammar) or a function tool, as the
// model catalog says.
import type { ToolOutput } from '../models';
import type { ThreadItem } from '../protocol/items';
import {
  applyPatchCustomTool,
  applyPatchFunctionTool,
  applyPlanned,
  formatPatchFailure,
  formatPatchSuccess,
  PATCH_REJECTED_OUTPUT,
  patchInputFromCall,
  planPatch,
  type PatchPlan,
} from './applyPatch';
import { approvePatch } from './approvals/approvalFlow';
import { enginePolicy } from '../sandbox/approvalPolicy';
import type { ToolCall, ToolContext, ToolHandler } from './types';

type FileChangeItem = Extract<ThreadItem, { type: 'fileChange' }>;

/** Every path the plan writes or deletes, move destinations included. */
function touchedPaths(plan: PatchPlan): string[] {
  const paths = new Set<string>();
  for (const op of plan.ops) {
    paths.add(op.path);
    if (op.movePath) paths.add(op.movePath);
  }
  return [...paths];
}

async function handleApplyPatch(call: ToolCall, ctx: ToolContext): Promise<ToolOutput> {
  const started = Date.now();
  let plan: PatchPlan;
  try {
    const input = patchInputFromCall(call.payload.kind === 'custom' ? { type: 'custom', input: call.payload.input } : { type: 'function', arguments: call.payload.arguments });
    plan = await planPatch(input, { cwd: ctx.thread.settings.cwd });
  } catch (error) {
    return formatPatchFailure(error, Date.now() - started);
  }
  const item: FileChangeItem = { type: 'fileChange', id: call.callId, changes: plan.changes, status: 'inProgress' };
  ctx.itemStarted({ ...item });
  const { settings } = ctx.thread;
  const verdict = await approvePatch(
    ctx,
    { paths: touchedPaths(plan), cwd: plan.cwd, approvalPolicy: enginePolicy(settings), sandbox: settings.sandbox, itemId: call.callId },
    () => undefined,
  );
  if (!verdict.run) {
    ctx.itemCompleted({ ...item, status: 'declined' });
    return verdict.by === 'policy' ? `patch rejected: ${verdict.reason}` : PATCH_REJECTED_OUTPUT;
  }
  const applyStarted = Date.now();
  try {
    const result = await applyPlanned(plan);
    ctx.itemCompleted({ ...item, status: 'completed' });
    ctx.diff.track(result.ops);
    ctx.diffTouched = true;
    ctx.notify('turn/diff/updated', { threadId: ctx.thread.id, turnId: ctx.turn.id, diff: ctx.diff.unifiedDiff() });
    return formatPatchSuccess(result.summary, Date.now() - applyStarted);
  } catch (error) {
    ctx.itemCompleted({ ...item, status: 'failed' });
    return formatPatchFailure(error, Date.now() - applyStarted);
  }
}

/** The apply_patch handler in the form the model takes it, or none (`applyPatchToolType: null`). */
export function applyPatchHandler(type: 'freeform' | 'function' | null): ToolHandler | null {
  if (type === null) return null;
  return {
    name: 'apply_patch',
    spec: type === 'freeform' ? applyPatchCustomTool() : applyPatchFunctionTool(),
    // One patch at a time per thread: parallel patches to one file would fail the stale-file check.
    handle: (call, ctx) => ctx.tools.serialisePatch(() => handleApplyPatch(call, ctx)),
  };
}
