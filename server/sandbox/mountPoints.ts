// Synthetic mount points for missing protected names. To keep `.codex` (etc.) from being created
// inside a writable root, bwrap mounts an empty read-only tmpfs at that path — which needs a
// directory on the host to mount on. We create those directories ourselves right before the
// command starts and remove them (only if still empty) after it ends, so no empty `.git`/`.codex`/
// `.agents` is left behind. A reference count per path keeps concurrent commands in the same
// workspace from removing a mount point another live sandbox still uses (removing it would detach
// that sandbox's mount). Paths we created are reported by isSynthetic() so a later resolution in
// the same process treats them as missing rather than as real, existing directories.
// Another server process may have bound the same directory read-only into its own live sandbox
// (it saw it existing): removing it would detach that mount, so before removing we look for it
// in the mount tables of running bwrap processes, and retry later while it is still in use.
import { mkdirSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { sandboxErrors } from './errors';
import type { ProtectedMount, ResolvedSandbox } from './policy';

export interface MountPointFs {
  /** Creates the directory (not its parents); true if created, false if it already existed. */
  mkdir(p: string): boolean;
  isEmptyDir(p: string): boolean;
  rmdir(p: string): void;
  /** True while some other sandbox (a running bwrap) has a mount at `p`. */
  mountedElsewhere(p: string): boolean;
}

/** Mount-table paths escape space, tab, newline and backslash as octal. */
function unescapeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

function bwrapMountsAt(p: string): boolean {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return false;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'bwrap') continue;
      const table = readFileSync(`/proc/${pid}/mountinfo`, 'utf8');
      if (table.split('\n').some((line) => unescapeMountPath(line.split(' ')[4] ?? '') === p)) return true;
    } catch {
      // Gone, or not ours to read.
    }
  }
  return false;
}

export const nodeMountPointFs: MountPointFs = {
  mkdir(p) {
    try {
      mkdirSync(p, { mode: 0o755 });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  },
  isEmptyDir(p) {
    try {
      return readdirSync(p).length === 0;
    } catch {
      return false;
    }
  },
  rmdir(p) {
    rmdirSync(p);
  },
  mountedElsewhere: (p) => process.platform === 'linux' && bwrapMountsAt(p),
};

const RECHECK_MS = 2000;
const RECHECK_LIMIT = 150;

export class MountPointRegistry {
  private readonly counts = new Map<string, number>();

  constructor(private readonly fs: MountPointFs = nodeMountPointFs) {}

  /** True when `p` is a mount point this registry created and still holds. */
  isSynthetic(p: string): boolean {
    return (this.counts.get(p) ?? 0) > 0;
  }

  /** Creates (or re-uses) the mount points; returns a release function. Throws SandboxError. */
  acquire(paths: readonly string[]): () => void {
    const taken: string[] = [];
    try {
      for (const p of paths) {
        const count = this.counts.get(p) ?? 0;
        if (count === 0) this.fs.mkdir(p);
        this.counts.set(p, count + 1);
        taken.push(p);
      }
    } catch (err) {
      this.releaseAll(taken);
      const failed = paths[taken.length] ?? '?';
      throw sandboxErrors.mountPointFailed(failed, err instanceof Error ? err.message : String(err));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.releaseAll(taken);
    };
  }

  /** Number of holders of `p` (tests). */
  holders(p: string): number {
    return this.counts.get(p) ?? 0;
  }

  private releaseAll(paths: readonly string[]): void {
    for (const p of [...paths].reverse()) {
      const count = (this.counts.get(p) ?? 1) - 1;
      if (count > 0) {
        this.counts.set(p, count);
        continue;
      }
      this.counts.delete(p);
      this.removeWhenFree(p, 0);
    }
  }

  /** Removes an empty mount point unless another sandbox still mounts it (then tries again later). */
  private removeWhenFree(p: string, attempt: number): void {
    if (this.isSynthetic(p)) return;
    try {
      if (!this.fs.isEmptyDir(p)) return;
      if (this.fs.mountedElsewhere(p)) {
        if (attempt < RECHECK_LIMIT) setTimeout(() => this.removeWhenFree(p, attempt + 1), RECHECK_MS).unref();
        return;
      }
      this.fs.rmdir(p);
    } catch {
      // Already gone or no longer empty: leave it.
    }
  }
}

/** A resolved sandbox where paths that are our own live mount points count as missing again. */
export function withSyntheticMounts(resolved: ResolvedSandbox, registry: MountPointRegistry): ResolvedSandbox {
  if (resolved.type !== 'restricted') return resolved;
  const fix = (m: ProtectedMount): ProtectedMount => (m.mode === 'bind' && registry.isSynthetic(m.path) ? { path: m.path, mode: 'synthetic' } : m);
  return { ...resolved, writableRoots: resolved.writableRoots.map((r) => ({ path: r.path, protected: r.protected.map(fix) })) };
}

/** The process-wide registry used by the sandboxed runner. */
export const sharedMountPoints = new MountPointRegistry();
