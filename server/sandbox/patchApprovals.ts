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
// workspace does not count as inside. read-only has no writable roots: every patch asks.
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

export const PATCH_OUTSIDE_REJECTED = 'writing outside of the project; rejected by user approval settings';

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

/** Decides whether a patch is applied, refused, or needs the user. */
export function decidePatch(q: PatchQuery): PatchDecision {
  const policy = normalizeApprovalPolicy(q.approvalPolicy);
  if (q.paths.length === 0) return { type: 'forbid', reason: 'empty patch' };
  const sessionApproved = q.session?.patchApproved(q.paths) ?? false;
  if (policy.mode === 'untrusted') return sessionApproved ? { type: 'allow', sessionApproved: true } : { type: 'ask', reason: null, grantRoot: null };
  const fs = q.fs ?? nodeSandboxFs;
  let resolved: ResolvedSandbox | null;
  try {
    resolved = resolveSandbox(q.sandbox, { cwd: q.cwd, env: q.env ?? process.env, fs });
  } catch (err) {
    if (!(err instanceof SandboxError)) throw err;
    resolved = null;
  }
  const outside = resolved === null ? [...q.paths] : q.paths.filter((p) => !isWritableUnder(resolved, canonicalizeTarget(p, fs)));
  if (outside.length === 0 || policy.mode === 'on-failure') return { type: 'allow', sessionApproved: false };
  const rejects = policy.mode === 'never' || (policy.mode === 'granular' && !policy.sandboxPrompts);
  if (rejects) return { type: 'forbid', reason: PATCH_OUTSIDE_REJECTED };
  if (sessionApproved) return { type: 'allow', sessionApproved: true };
  return { type: 'ask', reason: `The patch writes outside the writable roots: ${outside.join(', ')}`, grantRoot: null };
}
