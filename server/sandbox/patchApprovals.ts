// The file-change (apply_patch) approval engine, Codex's assess_patch_safety:
//   untrusted            always ask (unless the same paths were approved for the session);
//   never / granular without sandbox_approval
//                        writes inside the writable roots are auto-approved, others rejected;
//   on-request/granular  inside → auto-approved, outside → ask;
//   on-failure           auto-approved;
//   danger-full-access / external sandbox: everything counts as inside.
// "Inside" means within a writable root of the resolved sandbox (cwd, writableRoots, /tmp,
// $TMPDIR) and not within a protected path (.git — also a worktree's gitdir —, .codex, .agents);
// paths are canonicalized through their deepest existing ancestor, so a symlink out of the
// workspace does not count as inside. read-only has no writable roots: every patch asks. The reasons
// say what stops the patch: read-only mode, a sandbox that cannot be set up, paths outside the
// roots, or protected paths inside them.
import * as path from 'node:path';
import type { SandboxPolicy } from '../protocol/common';
import { normalizeApprovalPolicy, type ApprovalPolicyInput } from './approvalPolicy';
import type { SessionApprovalLookup } from './approvals';
import { SandboxError } from './errors';
import { PROTECTED_NAMES, resolveSandbox, type ResolvedSandbox } from './policy';
import { isWithin, nodeSandboxFs, type SandboxFs } from './sandboxFs';

export interface PatchQuery {
  /** Every absolute path the patch writes or deletes (move destinations included). */
  paths: readonly string[];
  /** The turn's cwd (the workspace). */
  cwd: string;
  approvalPolicy: ApprovalPolicyInput;
  sandbox: SandboxPolicy;
  /** TMPDIR comes from here (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  session?: SessionApprovalLookup | null;
  fs?: SandboxFs;
}

export type PatchDecision =
  | { readonly type: 'allow'; readonly sessionApproved: boolean }
  | { readonly type: 'ask'; readonly reason: string | null; readonly grantRoot: string | null }
  | { readonly type: 'forbid'; readonly reason: string };

/** Codex's refusal text; used only when a path really lies outside the writable roots. */
export const PATCH_OUTSIDE_REJECTED = 'writing outside of the project; rejected by user approval settings';
export const PATCH_READ_ONLY_REJECTED = 'read-only mode writes no file without approval; rejected by user approval settings';
export const PATCH_PROTECTED_REJECTED = `writing to a protected path (${PROTECTED_NAMES.join(', ')}); rejected by user approval settings`;

/** Canonical form of a path that may not exist yet: realpath of its deepest existing ancestor + the rest. */
export function canonicalizeTarget(p: string, fs: SandboxFs = nodeSandboxFs): string {
  let current = path.resolve(p);
  const rest: string[] = [];
  for (;;) {
    const real = fs.realpath(current);
    if (real !== null) return path.join(real, ...rest.reverse());
    const parent = path.dirname(current);
    if (parent === current) return path.resolve(p);
    rest.push(path.basename(current));
    current = parent;
  }
}

/** True when the resolved sandbox lets a command write `target` (canonical). */
export function isWritableUnder(resolved: ResolvedSandbox, target: string): boolean {
  if (resolved.type === 'unrestricted') return true;
  return resolved.writableRoots.some(
    (root) =>
      isWithin(target, root.path) &&
      !PROTECTED_NAMES.some((name) => isWithin(target, path.join(root.path, name))) &&
      !root.protected.some((m) => isWithin(target, m.path)),
  );
}

/** Why a patch cannot be applied without the user, in the words of the mode that stops it. */
type Blocker =
  | { readonly type: 'readOnly' }
  | { readonly type: 'unresolved'; readonly message: string }
  | { readonly type: 'paths'; readonly outside: readonly string[]; readonly protectedPaths: readonly string[] };

const PROTECTED_LIST = PROTECTED_NAMES.join(', ');

function askReason(blocker: Blocker, paths: readonly string[]): string {
  switch (blocker.type) {
    case 'readOnly':
      return `Read-only mode writes no file without approval; the patch writes ${paths.join(', ')}`;
    case 'unresolved':
      return `The sandbox cannot be set up here (${blocker.message}); the patch writes ${paths.join(', ')}`;
    case 'paths': {
      const parts: string[] = [];
      if (blocker.outside.length > 0) parts.push(`The patch writes outside the writable roots: ${blocker.outside.join(', ')}`);
      if (blocker.protectedPaths.length > 0) parts.push(`The patch writes to protected paths (${PROTECTED_LIST} stay read-only): ${blocker.protectedPaths.join(', ')}`);
      return parts.join('; ');
    }
  }
}

function forbidReason(blocker: Blocker): string {
  switch (blocker.type) {
    case 'readOnly':
      return PATCH_READ_ONLY_REJECTED;
    case 'unresolved':
      return `the sandbox cannot be set up here (${blocker.message}); rejected by user approval settings`;
    case 'paths':
      return blocker.outside.length > 0 ? PATCH_OUTSIDE_REJECTED : PATCH_PROTECTED_REJECTED;
  }
}

/** What keeps the patch from being auto-approved, or null when every path is writable. */
function findBlocker(q: PatchQuery, fs: SandboxFs): Blocker | null {
  let resolved: ResolvedSandbox;
  try {
    resolved = resolveSandbox(q.sandbox, { cwd: q.cwd, env: q.env ?? process.env, fs });
  } catch (err) {
    if (!(err instanceof SandboxError)) throw err;
    return { type: 'unresolved', message: err.message };
  }
  if (resolved.type === 'unrestricted') return null;
  if (resolved.readOnly) return { type: 'readOnly' };
  const blocked = q.paths.map((p) => ({ p, target: canonicalizeTarget(p, fs) })).filter(({ target }) => !isWritableUnder(resolved, target));
  if (blocked.length === 0) return null;
  // Inside a root but not writable: a protected path (.git, .codex, .agents), not "outside".
  const insideRoot = ({ target }: { target: string }): boolean => resolved.writableRoots.some((root) => isWithin(target, root.path));
  return { type: 'paths', outside: blocked.filter((b) => !insideRoot(b)).map((b) => b.p), protectedPaths: blocked.filter(insideRoot).map((b) => b.p) };
}

/** Decides whether a patch is applied, refused, or needs the user. */
export function decidePatch(q: PatchQuery): PatchDecision {
  const policy = normalizeApprovalPolicy(q.approvalPolicy);
  if (q.paths.length === 0) return { type: 'forbid', reason: 'empty patch' };
  const sessionApproved = q.session?.patchApproved(q.paths) ?? false;
  if (policy.mode === 'untrusted') return sessionApproved ? { type: 'allow', sessionApproved: true } : { type: 'ask', reason: null, grantRoot: null };
  const blocker = findBlocker(q, q.fs ?? nodeSandboxFs);
  if (blocker === null || policy.mode === 'on-failure') return { type: 'allow', sessionApproved: false };
  const rejects = policy.mode === 'never' || (policy.mode === 'granular' && !policy.sandboxPrompts);
  if (rejects) return { type: 'forbid', reason: forbidReason(blocker) };
  if (sessionApproved) return { type: 'allow', sessionApproved: true };
  return { type: 'ask', reason: askReason(blocker, q.paths), grantRoot: null };
}
