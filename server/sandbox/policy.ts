// Sandbox policy resolution: the protocol's SandboxPolicy plus the command's context (cwd, the
// workspace cwd, TMPDIR) → the concrete filesystem/network plan every platform backend (bwrap,
// Seatbelt) renders. Codex semantics:
//   readOnly          everything readable, nothing writable; network off unless networkAccess;
//   workspaceWrite    writable roots = workspace cwd + writableRoots + /tmp (unless excludeSlashTmp)
//                     + $TMPDIR (unless excludeTmpdirEnvVar); under EVERY writable root `.git`
//                     (and the gitdir a `.git` file points to), `.codex` and `.agents` stay
//                     read-only — existing ones are re-bound read-only, missing ones get a
//                     synthetic read-only mount point so they cannot be created either;
//   dangerFullAccess  no sandbox; externalSandbox: the client sandboxes, we run directly.
// Every path is canonicalized (realpath), because bind mounts and Seatbelt rules apply to the
// resolved target. A protected name that is a symlink is refused (fail closed): the link itself
// would stay deletable and replaceable by a writable directory.
import * as path from 'node:path';
import type { SandboxPolicy } from '../protocol/common';
import { sandboxErrors } from './errors';
import { isWithin, nodeSandboxFs, type SandboxFs } from './sandboxFs';

/** Names kept read-only inside every writable root (Codex's PROTECTED_METADATA_PATH_NAMES). */
export const PROTECTED_NAMES: readonly string[] = ['.git', '.codex', '.agents'];

/** The environment variable a command sees when its sandbox has no network. */
export const NETWORK_DISABLED_ENV = 'CODEX_SANDBOX_NETWORK_DISABLED';

export interface ProtectedMount {
  /** Canonical absolute path. */
  readonly path: string;
  /** `bind`: it exists, re-bind it read-only. `synthetic`: missing, mount an empty read-only tmpfs. */
  readonly mode: 'bind' | 'synthetic';
}

export interface WritableRoot {
  /** Canonical absolute path. */
  readonly path: string;
  readonly protected: readonly ProtectedMount[];
}

export type ResolvedSandbox =
  | { readonly type: 'unrestricted'; readonly reason: 'dangerFullAccess' | 'externalSandbox'; readonly network: boolean }
  | {
      readonly type: 'restricted';
      readonly readOnly: boolean;
      /** Workspace first, a root always before the roots nested in it; empty in read-only mode. */
      readonly writableRoots: readonly WritableRoot[];
      readonly network: boolean;
      /** The command's canonical working directory. */
      readonly cwd: string;
    };

export interface ResolveContext {
  /** The command's working directory (absolute). */
  cwd: string;
  /** The workspace directory that is the policy's first writable root (the turn's cwd); default `cwd`. */
  sandboxCwd?: string;
  /** The command's environment; only TMPDIR is read. */
  env: Readonly<Record<string, string | undefined>>;
  fs?: SandboxFs;
  /** The shared temp directory (`/tmp` on Unix); null leaves it out. */
  slashTmp?: string | null;
}

/** True when the policy gives commands full network access. */
export function hasNetwork(policy: SandboxPolicy): boolean {
  switch (policy.type) {
    case 'dangerFullAccess':
      return true;
    case 'externalSandbox':
      return policy.networkAccess === 'enabled';
    case 'readOnly':
    case 'workspaceWrite':
      return policy.networkAccess;
  }
}

/** True for the policies enforced by an OS sandbox here (read-only, workspace-write). */
export function isRestricted(policy: SandboxPolicy): boolean {
  return policy.type === 'readOnly' || policy.type === 'workspaceWrite';
}

/** Resolves a policy against the filesystem. Throws SandboxError (fail closed) on unsafe layouts. */
export function resolveSandbox(policy: SandboxPolicy, ctx: ResolveContext): ResolvedSandbox {
  if (policy.type === 'dangerFullAccess' || policy.type === 'externalSandbox') {
    return { type: 'unrestricted', reason: policy.type, network: hasNetwork(policy) };
  }
  const fs = ctx.fs ?? nodeSandboxFs;
  const cwd = fs.realpath(ctx.cwd);
  if (cwd === null) throw sandboxErrors.cwdMissing(ctx.cwd);
  if (policy.type === 'readOnly') {
    return { type: 'restricted', readOnly: true, writableRoots: [], network: policy.networkAccess, cwd };
  }
  const workspace = ctx.sandboxCwd ?? ctx.cwd;
  const workspaceReal = fs.realpath(workspace);
  if (workspaceReal === null) throw sandboxErrors.cwdMissing(workspace);
  const candidates: string[] = [workspaceReal];
  for (const root of policy.writableRoots) candidates.push(path.resolve(workspace, root));
  const slashTmp = ctx.slashTmp === undefined ? (process.platform === 'win32' ? null : '/tmp') : ctx.slashTmp;
  if (!policy.excludeSlashTmp && slashTmp !== null) candidates.push(slashTmp);
  const tmpdir = ctx.env.TMPDIR;
  if (!policy.excludeTmpdirEnvVar && tmpdir && path.isAbsolute(tmpdir)) candidates.push(tmpdir);

  // Insertion order, except that a root goes before any root nested inside it (its bind would
  // otherwise hide the nested one's).
  const roots: string[] = [];
  for (const candidate of candidates) {
    const real = fs.realpath(candidate);
    if (real === null || fs.kind(real) !== 'dir' || roots.includes(real)) continue;
    const nested = roots.findIndex((r) => isWithin(r, real));
    if (nested < 0) roots.push(real);
    else roots.splice(nested, 0, real);
  }
  const writableRoots = roots.map((root) => ({ path: root, protected: protectedMounts(root, roots, fs) }));
  return { type: 'restricted', readOnly: false, writableRoots, network: policy.networkAccess, cwd };
}

function depth(p: string): number {
  return p.split(path.sep).filter(Boolean).length;
}

/** The read-only mounts inside one writable root. */
function protectedMounts(root: string, allRoots: readonly string[], fs: SandboxFs): ProtectedMount[] {
  const mounts: ProtectedMount[] = [];
  const add = (m: ProtectedMount): void => {
    if (!mounts.some((existing) => existing.path === m.path)) mounts.push(m);
  };
  for (const name of PROTECTED_NAMES) {
    const p = path.join(root, name);
    const kind = fs.kind(p);
    if (kind === null) {
      add({ path: p, mode: 'synthetic' });
      continue;
    }
    if (kind === 'symlink') throw sandboxErrors.protectedSymlink(p, fs.readlink(p));
    add({ path: p, mode: 'bind' });
    if (name === '.git' && kind === 'file') {
      const gitdir = gitdirOf(p, root, fs);
      if (gitdir !== null && allRoots.some((r) => isWithin(gitdir, r))) add({ path: gitdir, mode: 'bind' });
    }
  }
  return mounts;
}

/** The canonical directory a `.git` file (worktree, submodule) points to, or null. */
function gitdirOf(gitFile: string, root: string, fs: SandboxFs): string | null {
  const text = fs.readText(gitFile);
  const match = text === null ? null : /^gitdir:\s*(.+?)\s*$/m.exec(text);
  if (!match?.[1]) return null;
  const target = fs.realpath(path.resolve(root, match[1]));
  return target !== null && fs.kind(target) === 'dir' ? target : null;
}

/** Every protected mount of a resolved sandbox, parents first, without duplicates. */
export function allProtectedMounts(resolved: ResolvedSandbox): ProtectedMount[] {
  if (resolved.type !== 'restricted') return [];
  const out: ProtectedMount[] = [];
  for (const root of resolved.writableRoots) {
    for (const m of root.protected) if (!out.some((o) => o.path === m.path)) out.push(m);
  }
  return out.sort((a, b) => depth(a.path) - depth(b.path));
}

/** The environment a command runs with under this sandbox (adds the network-disabled marker). */
export function sandboxEnv(env: Readonly<Record<string, string>>, network: boolean, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const out: Record<string, string> = { ...env, ...extra };
  if (!network) out[NETWORK_DISABLED_ENV] = '1';
  return out;
}
