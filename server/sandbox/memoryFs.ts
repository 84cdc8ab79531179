// An in-memory SandboxFs for tests of policy resolution and patch approvals: a tree given as
// path → 'dir' | 'file' | { file: text } | { symlink: target }, with realpath that follows links
// component by component (relative targets resolve against the link's folder), like the kernel.
import * as path from 'node:path';
import type { EntryKind, SandboxFs } from './sandboxFs';

export type MemoryEntry = 'dir' | 'file' | { file: string } | { symlink: string };

export function createMemorySandboxFs(tree: Readonly<Record<string, MemoryEntry>>): SandboxFs {
  const entries = new Map<string, MemoryEntry>([['/', 'dir']]);
  for (const [p, e] of Object.entries(tree)) {
    entries.set(path.posix.normalize(p), e);
    for (let dir = path.posix.dirname(p); dir !== '/' && !entries.has(dir); dir = path.posix.dirname(dir)) entries.set(dir, 'dir');
  }
  const realpath = (p: string, depth = 0): string | null => {
    if (depth > 40) return null;
    const parts = path.posix.normalize(p).split('/').filter(Boolean);
    let current = '/';
    for (let i = 0; i < parts.length; i++) {
      const next = path.posix.join(current, parts[i] as string);
      const entry = entries.get(next);
      if (entry === undefined) return null;
      if (typeof entry === 'object' && 'symlink' in entry) {
        const target = path.posix.resolve(current, entry.symlink);
        const resolved = realpath(path.posix.join(target, ...parts.slice(i + 1)), depth + 1);
        return resolved;
      }
      current = next;
    }
    return current;
  };
  return {
    realpath: (p) => realpath(p),
    kind(p): EntryKind | null {
      const entry = entries.get(path.posix.normalize(p));
      if (entry === undefined) {
        const parent = realpath(path.posix.dirname(p));
        if (parent === null || parent === path.posix.dirname(p)) return null;
        return this.kind(path.posix.join(parent, path.posix.basename(p)));
      }
      if (entry === 'dir') return 'dir';
      if (entry === 'file' || 'file' in entry) return 'file';
      return 'symlink';
    },
    readlink(p) {
      const entry = entries.get(path.posix.normalize(p));
      return entry !== undefined && typeof entry === 'object' && 'symlink' in entry ? entry.symlink : null;
    },
    readText(p) {
      const real = realpath(p);
      const entry = real === null ? undefined : entries.get(real);
      return entry !== undefined && typeof entry === 'object' && 'file' in entry ? entry.file : entry === 'file' ? '' : null;
    },
  };
}
