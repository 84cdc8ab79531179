// Crash recovery for synthetic mount points. While commands run, the server keeps a small journal
// of the mount points it created (`<tmpdir>/codex-ts-mounts-<uid>/<pid>.json`, folder mode 0700).
// If the server dies without cleaning up (SIGKILL, crash), the next server finds the journal of a
// process that no longer exists and removes the mount points that are still empty and not
// mounted by any live sandbox, so no empty `.git`/`.codex`/`.agents` stays behind for long.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface StaleJournal {
  pid: number;
  paths: string[];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class MountJournal {
  private readonly dir: string;
  private ready = false;

  constructor(dir?: string) {
    this.dir = dir ?? path.join(tmpdir(), `codex-ts-mounts-${process.getuid?.() ?? 'user'}`);
  }

  private get file(): string {
    return path.join(this.dir, `${process.pid}.json`);
  }

  /** Records the mount points this process currently holds (none: the journal is removed). */
  write(held: readonly string[]): void {
    try {
      if (held.length === 0) {
        if (this.ready) rmSync(this.file, { force: true });
        return;
      }
      if (!this.ready) {
        mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        this.ready = true;
      }
      writeFileSync(this.file, JSON.stringify(held), { mode: 0o600 });
    } catch {
      // Best effort: the journal only helps after a crash.
    }
  }

  /** Journals left by processes that are gone. */
  stale(): StaleJournal[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const out: StaleJournal[] = [];
    for (const name of names) {
      const pid = Number(/^(\d+)\.json$/.exec(name)?.[1]);
      if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
      try {
        const paths = JSON.parse(readFileSync(path.join(this.dir, name), 'utf8')) as unknown;
        out.push({ pid, paths: Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string' && path.isAbsolute(p)) : [] });
      } catch {
        out.push({ pid, paths: [] });
      }
    }
    return out;
  }

  /** Drops a stale journal once its mount points were dealt with. */
  forget(pid: number): void {
    try {
      rmSync(path.join(this.dir, `${pid}.json`), { force: true });
    } catch {
      // ignore
    }
  }
}
