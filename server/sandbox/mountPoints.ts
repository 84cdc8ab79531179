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
// The shared registry journals what it holds (mountJournal.ts), so mount points a crashed server
// left behind are removed by the next one.
import { mkdirSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { sandboxErrors } from './errors';
import { MountJournal } from './mountJournal';
import type { ProtectedMount, ResolvedSandbox } from './policy';

export interface MountPointFs {
  /** Creates the directory (not its parents); true if created, false if it already existed. */
  mkdir(p: string): boolean;
  isEmptyDir(p: string): boolean;
  rmdir(p: string): void;
  /** The subset of `paths` some other sandbox (a running bwrap) still has a mount at. */
  mountedElsewhere(paths: readonly string[]): Set<string>;
}

/** Mount-table paths escape space, tab, newline and backslash as octal. */
function unescapeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** One pass over the running bwrap processes' mount tables. */
function bwrapMountsAt(paths: readonly string[]): Set<string> {
  const busy = new Set<string>();
  if (process.platform !== 'linux' || paths.length === 0) return busy;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return busy;
  }
  const wanted = new Set(paths);
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'bwrap') continue;
      for (const line of readFileSync(`/proc/${pid}/mountinfo`, 'utf8').split('\n')) {
        const mountPoint = unescapeMountPath(line.split(' ')[4] ?? '');
        if (wanted.has(mountPoint)) busy.add(mountPoint);
      }
    } catch {
      // Gone, or not ours to read.
    }
  }
  return busy;
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
  mountedElsewhere: bwrapMountsAt,
};

const RECHECK_MS = 2000;
const RECHECK_LIMIT = 150;

export class MountPointRegistry {
  private readonly counts = new Map<string, number>();
  private recovered = false;

  /** With a journal, mount points left by a crashed server are removed on first use. */
  constructor(
    private readonly fs: MountPointFs = nodeMountPointFs,
    private readonly journal: MountJournal | null = null,
  ) {}

  /** True when `p` is a mount point this registry created and still holds. */
  isSynthetic(p: string): boolean {
    return (this.counts.get(p) ?? 0) > 0;
  }

  /** Creates (or re-uses) the mount points; returns a release function. Throws SandboxError. */
  acquire(paths: readonly string[]): () => void {
    this.recoverOnce();
    const taken: string[] = [];
    try {
      for (const p of paths) {
        const count = this.counts.get(p) ?? 0;
        if (count === 0) this.fs.mkdir(p);
        this.counts.set(p, count + 1);
        taken.push(p);
      }
      this.journal?.write([...this.counts.keys()]);
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
    const free: string[] = [];
    for (const p of [...paths].reverse()) {
      const count = (this.counts.get(p) ?? 1) - 1;
      if (count > 0) {
        this.counts.set(p, count);
        continue;
      }
      this.counts.delete(p);
      free.push(p);
    }
    this.journal?.write([...this.counts.keys()]);
    this.removeWhenFree(free, 0);
  }

  /** Removes what a crashed server left behind (empty, not ours, not mounted by a live sandbox). */
  private recoverOnce(): void {
    if (this.recovered || !this.journal) return;
    this.recovered = true;
    for (const stale of this.journal.stale()) {
      this.removeWhenFree(stale.paths, 0);
      this.journal.forget(stale.pid);
    }
  }

  /** Removes empty mount points unless another sandbox still mounts them (those are retried later). */
  private removeWhenFree(paths: readonly string[], attempt: number): void {
    const candidates = paths.filter((p) => !this.isSynthetic(p) && this.fs.isEmptyDir(p));
    if (candidates.length === 0) return;
    let busy: Set<string>;
    try {
      busy = this.fs.mountedElsewhere(candidates);
    } catch {
      busy = new Set(candidates);
    }
    for (const p of candidates) {
      if (busy.has(p)) continue;
      try {
        this.fs.rmdir(p);
      } catch {
        // Already gone or no longer empty: leave it.
      }
    }
    const later = candidates.filter((p) => busy.has(p));
    if (later.length > 0 && attempt < RECHECK_LIMIT) setTimeout(() => this.removeWhenFree(later, attempt + 1), RECHECK_MS).unref();
  }
}

/** A resolved sandbox where paths that are our own live mount points count as missing again. */
export function withSyntheticMounts(resolved: ResolvedSandbox, registry: MountPointRegistry): ResolvedSandbox {
  if (resolved.type !== 'restricted') return resolved;
  const fix = (m: ProtectedMount): ProtectedMount => (m.mode === 'bind' && registry.isSynthetic(m.path) ? { path: m.path, mode: 'synthetic' } : m);
  return { ...resolved, writableRoots: resolved.writableRoots.map((r) => ({ path: r.path, protected: r.protected.map(fix) })) };
}

/** The process-wide registry used by the sandboxed runner (journaled for crash recovery). */
export const sharedMountPoints = new MountPointRegistry(nodeMountPointFs, new MountJournal());
