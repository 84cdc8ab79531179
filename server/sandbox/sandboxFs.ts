// The few filesystem facts policy resolution needs — canonical paths, what a path is (without
// following a final symlink), a small file's text — behind an interface, so the resolution stays a
// pure function of its inputs in tests (inject a fake tree) and uses the real disk at run time.
import { lstatSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import * as path from 'node:path';

export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

export interface SandboxFs {
  /** The canonical absolute path (all symlinks resolved), or null when it does not exist. */
  realpath(p: string): string | null;
  /** What `p` itself is (a final symlink is reported, not followed), or null when missing. */
  kind(p: string): EntryKind | null;
  /** A symlink's target text, or null. */
  readlink(p: string): string | null;
  /** The text of a small file, or null. */
  readText(p: string): string | null;
}

export const nodeSandboxFs: SandboxFs = {
  realpath(p) {
    try {
      return realpathSync.native(p);
    } catch {
      return null;
    }
  },
  kind(p) {
    try {
      const st = lstatSync(p);
      if (st.isSymbolicLink()) return 'symlink';
      if (st.isDirectory()) return 'dir';
      if (st.isFile()) return 'file';
      return 'other';
    } catch {
      return null;
    }
  },
  readlink(p) {
    try {
      return readlinkSync(p);
    } catch {
      return null;
    }
  },
  readText(p) {
    try {
      return readFileSync(p, 'utf8').slice(0, 64 * 1024);
    } catch {
      return null;
    }
  },
};

/** True when `child` is `parent` or lies below it (both absolute and normalized). */
export function isWithin(child: string, parent: string): boolean {
  if (child === parent) return true;
  const rel = path.relative(parent, child);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
