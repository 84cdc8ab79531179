// The apply_patch tool as a library: parse the Codex patch format, plan it in memory (fuzzy
// context matching, per-file diffs for the fileChange item), write it all-or-nothing, format the
// model-facing results, track the turn's unified diff, and describe the tool to the model.
export { applyPatch, applyPlanned, type ApplyOptions } from './apply';
export { ApplyPatchError, isApplyPatchError, PatchParseError, PatchVerifyError, PatchWriteError, type ApplyPatchErrorKind } from './errors';
export {
  displayPath,
  formatExecOutput,
  formatPatchFailure,
  formatPatchSuccess,
  formatSummary,
  formatWallTime,
  PATCH_REJECTED_OUTPUT,
  VERIFICATION_FAILED_PREFIX,
  type ExecStyleOutput,
} from './output';
export { parsePatch } from './parser';
export { planParsedPatch, planPatch, toChange, type PlanOptions } from './plan';
export { seekSequence, type MatchLevel, type SeekMatch } from './seek';
export { APPLY_PATCH_LARK_GRAMMAR, APPLY_PATCH_TOOL_NAME, applyPatchCustomTool, applyPatchFunctionTool, patchInputFromCall } from './toolSpec';
export { TurnDiffTracker } from './turnDiff';
export type { ApplyPatchResult, ChunkLine, ParsedPatch, PatchHunk, PatchPlan, PlannedFile, PlannedOp, UpdateChunk } from './types';
export { diffHunks, gitBlobId } from './unifiedDiff';
