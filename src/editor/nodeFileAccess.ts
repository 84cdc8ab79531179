// FileAccess over node:fs for the change tracker (no `vscode` import): host paths on the machine
// the extension host runs on (the remote machine in a remote window).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FileAccess } from './changeTracker';
import type { FileState } from './patchReconstruct';

const ABSENT = new Set(['ENOENT', 'ENOTDIR']);

export const nodeFileAccess: FileAccess = {
  async read(path: string): Promise<FileState | undefined> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      return ABSENT.has((error as NodeJS.ErrnoException).code ?? '') ? null : undefined;
    }
  },
  async write(path: string, text: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  },
  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  },
};
