// Errors of the apply_patch library. `arguments`: a function-tool call whose JSON is unusable.
// `parse` and `verify` errors happen before anything is written (the model gets "apply_patch
// verification failed: …"); `write` errors happen while writing, after which the library has
// rolled back what it could.

export type ApplyPatchErrorKind = 'arguments' | 'parse' | 'verify' | 'write';

export class ApplyPatchError extends Error {
  readonly kind: ApplyPatchErrorKind;
  constructor(kind: ApplyPatchErrorKind, message: string) {
    super(message);
    this.name = 'ApplyPatchError';
    this.kind = kind;
  }
}

/** A malformed patch. Messages read "invalid patch: …" or "invalid hunk at line N: …". */
export class PatchParseError extends ApplyPatchError {
  /** 1-based line in the patch text as given, when the problem is on one line. */
  readonly line: number | null;
  readonly detail: string;
  constructor(detail: string, line: number | null = null) {
    super('parse', line === null ? `invalid patch: ${detail}` : `invalid hunk at line ${line}: ${detail}`);
    this.name = 'PatchParseError';
    this.line = line;
    this.detail = detail;
  }
}

/** A well-formed patch that does not fit the files (context not found, missing file, …). */
export class PatchVerifyError extends ApplyPatchError {
  constructor(message: string) {
    super('verify', message);
    this.name = 'PatchVerifyError';
  }
}

/** A failure while writing (I/O, or the files changed on disk since the patch was planned). */
export class PatchWriteError extends ApplyPatchError {
  constructor(message: string) {
    super('write', message);
    this.name = 'PatchWriteError';
  }
}

export function isApplyPatchError(e: unknown): e is ApplyPatchError {
  return e instanceof ApplyPatchError;
}
