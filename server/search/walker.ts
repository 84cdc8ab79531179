// Walks one search root for the fuzzy file search: an async, bounded-concurrency directory
// traversal that honours .gitignore / .ignore files (nested ones, the repository's
// .git/info/exclude, and the .gitignore files of parent directories up to the repository root),
// skips `.git`, follows symlinks without looping, and stops when its AbortSignal fires. Entries go
// to a WalkSink as they are found, so a caller can search a tree that is still being walked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as gitignore from './gitignore';
import { IgnoreRules, type IgnoreChain } from './gitignore';
import type { WalkSink } from './fileIndex';

export interface WalkOptions {
  signal?: AbortSignal;
  /** Filesystem calls in flight at once; they run on libuv's thread pool. Default 48. */
  concurrency?: number;
  /** Honour .gitignore, .ignore and .git/info/exclude. Default true. */
  respectIgnoreFiles?: boolean;
  /** Descend into symlinked directories (each real directory at most once). Default true. */
  followSymlinks?: boolean;
  /** Stop adding entries after this many, so a huge root cannot exhaust memory. Default 500k. */
  maxEntries?: number;
}

export interface WalkStats {
  entries: number;
  directories: number;
  /** Directories or links that could not be read (permissions, races with deletion). */
  errors: number;
  /** True when maxEntries cut the walk short. */
  truncated: boolean;
}

interface DirTask {
  abs: string;
  rel: string;
  handle: number;
  depth: number;
  chain: IgnoreChain | null;
}

const DEFAULT_CONCURRENCY = 48;
// A module-local reference: under a CommonJS loader (tests, benchmarks) an imported function is
// a getter call on every use, and this one runs for every entry.
const isIgnored = gitignore.isIgnored;
const DEFAULT_MAX_ENTRIES = 500_000;

/** Walks `root`, feeding `sink`; resolves with counts, rejects with the signal's reason on abort. */
export async function walkDirectory(root: string, sink: WalkSink, options: WalkOptions = {}): Promise<WalkStats> {
  options.signal?.throwIfAborted();
  const abs = path.resolve(root);
  const respect = options.respectIgnoreFiles !== false;
  const outer = respect ? await loadOuterRules(abs) : null;
  options.signal?.throwIfAborted();
  let rootReal = abs;
  try {
    rootReal = await fs.promises.realpath(abs);
  } catch {
    // A missing root walks as empty; readdir below records the error.
  }
  return new Promise<WalkStats>((resolve, reject) => {
    new Walk(sink, options, respect, rootReal, resolve, reject).start({
      abs,
      rel: '',
      handle: -1,
      depth: 0,
      chain: outer,
    });
  });
}

class Walk {
  private readonly queue: DirTask[] = [];
  private active = 0;
  private finished = false;
  private readonly stats: WalkStats = { entries: 0, directories: 0, errors: 0, truncated: false };
  private readonly limit: number;
  private readonly maxEntries: number;
  private readonly follow: boolean;
  /** Real paths of followed symlink targets; a link into one of these (or into the root) is not followed. */
  private readonly followed: string[] = [];
  private readonly onAbort = (): void => this.fail(this.options.signal?.reason);

  constructor(
    private readonly sink: WalkSink,
    private readonly options: WalkOptions,
    private readonly respect: boolean,
    private readonly rootReal: string,
    private readonly resolve: (stats: WalkStats) => void,
    private readonly reject: (reason: unknown) => void,
  ) {
    this.limit = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.follow = options.followSymlinks !== false;
  }

  start(rootTask: DirTask): void {
    if (this.options.signal?.aborted) return this.fail(this.options.signal.reason);
    this.options.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.queue.push(rootTask);
    this.pump();
  }

  private pump(): void {
    while (!this.finished && this.active < this.limit && this.queue.length > 0) {
      // LIFO keeps the walk roughly depth-first, so sibling directories share cached inodes.
      const task = this.queue.pop()!;
      this.active++;
      fs.readdir(task.abs, { withFileTypes: true }, (err, entries) => {
        this.active--;
        if (this.finished) return;
        if (err) this.stats.errors++;
        else this.onListing(task, entries);
        this.pump();
        this.settleIfDone();
      });
    }
  }

  private onListing(task: DirTask, entries: fs.Dirent[]): void {
    let gitignore = false;
    let ignore = false;
    if (this.respect) {
      for (const e of entries) {
        const n = e.name;
        if (n.charCodeAt(0) !== 46) continue;
        if (n === '.gitignore') gitignore = true;
        else if (n === '.ignore') ignore = true;
      }
    }
    if (!gitignore && !ignore) {
      this.addEntries(task, entries, task.chain);
      return;
    }
    // This directory's own rules apply to its entries, so read them before judging any entry.
    this.active++;
    readIgnoreTexts(task.abs, gitignore, ignore, (gitText, ignoreText) => {
      this.active--;
      if (this.finished) return;
      let chain = task.chain;
      // `.ignore` outranks `.gitignore` in the same directory (ripgrep's rule), so it goes in front.
      for (const text of [gitText, ignoreText]) {
        const rules = text === null ? null : IgnoreRules.parse(text, task.rel);
        if (rules) chain = { rules, parent: chain };
      }
      this.addEntries(task, entries, chain);
      this.pump();
      this.settleIfDone();
    });
  }

  private addEntries(task: DirTask, entries: fs.Dirent[], chain: IgnoreChain | null): void {
    for (const e of entries) {
      if (this.finished) return;
      const name = e.name;
      if (name === '.git') continue;
      if (e.isDirectory()) this.addEntry(task, name, true, chain, null);
      else if (e.isSymbolicLink()) this.resolveLink(task, name, chain);
      else if (e.isFile() || e.isFIFO() || e.isSocket() || e.isCharacterDevice() || e.isBlockDevice()) {
        this.addEntry(task, name, false, chain, null);
      } else this.resolveUnknown(task, name, chain);
    }
  }

  /** Records an entry unless ignored; queues directories. `descendInto` overrides the real path walked. */
  private addEntry(task: DirTask, name: string, isDir: boolean, chain: IgnoreChain | null, descendInto: string | null): void {
    const rel = task.rel ? task.rel + '/' + name : name;
    const depth = task.depth + 1;
    if (chain !== null && isIgnored(chain, name, rel, depth, isDir)) return;
    if (this.stats.entries >= this.maxEntries) {
      this.stats.truncated = true;
      this.queue.length = 0;
      return;
    }
    const handle = this.sink.add(task.handle, name, rel, isDir);
    this.stats.entries++;
    if (!isDir) return;
    this.stats.directories++;
    if (descendInto === '') return; // a symlink we chose not to follow
    this.queue.push({ abs: descendInto ?? task.abs + path.sep + name, rel, handle, depth, chain });
  }

  private resolveLink(task: DirTask, name: string, chain: IgnoreChain | null): void {
    const linkPath = task.abs + path.sep + name;
    this.active++;
    fs.stat(linkPath, (err, st) => {
      if (this.finished || err) {
        this.active--;
        // Dangling link (err): nothing to open, so nothing to offer.
        this.settleIfDone();
        return;
      }
      if (!st.isDirectory()) {
        this.active--;
        this.addEntry(task, name, false, chain, null);
        this.settleIfDone();
        return;
      }
      if (!this.follow) {
        this.active--;
        this.addEntry(task, name, true, chain, '');
        this.settleIfDone();
        return;
      }
      fs.realpath(linkPath, (rerr, real) => {
        this.active--;
        if (this.finished) return;
        // Following only targets outside the root and outside every followed target makes cycles
        // impossible: a loop needs a link back into something already being walked.
        const walkable = !rerr && !this.isInsideWalked(real);
        if (walkable) this.followed.push(real);
        this.addEntry(task, name, true, chain, walkable ? real : '');
        this.pump();
        this.settleIfDone();
      });
    });
  }

  private isInsideWalked(real: string): boolean {
    if (isWithin(real, this.rootReal)) return true;
    for (const f of this.followed) if (isWithin(real, f)) return true;
    return false;
  }

  /** Filesystems that do not report entry types in readdir need an lstat per entry. */
  private resolveUnknown(task: DirTask, name: string, chain: IgnoreChain | null): void {
    this.active++;
    fs.lstat(task.abs + path.sep + name, (err, st) => {
      this.active--;
      if (this.finished) return;
      if (err) this.stats.errors++;
      else if (st.isSymbolicLink()) this.resolveLink(task, name, chain);
      else this.addEntry(task, name, st.isDirectory(), chain, null);
      this.pump();
      this.settleIfDone();
    });
  }

  private settleIfDone(): void {
    if (this.finished || this.active > 0 || this.queue.length > 0) return;
    this.finished = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    if (!this.stats.truncated) this.sink.finish?.();
    this.resolve(this.stats);
  }

  private fail(reason: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.queue.length = 0;
    this.reject(reason);
  }
}

function isWithin(p: string, dir: string): boolean {
  return p === dir || (p.startsWith(dir) && (dir.endsWith(path.sep) || p.charAt(dir.length) === path.sep));
}

function readIgnoreTexts(
  dir: string,
  gitignore: boolean,
  ignore: boolean,
  done: (gitText: string | null, ignoreText: string | null) => void,
): void {
  const read = (want: boolean, file: string, next: (text: string | null) => void): void => {
    if (!want) return next(null);
    fs.readFile(dir + path.sep + file, 'utf8', (err, text) => next(err ? null : text));
  };
  read(gitignore, '.gitignore', (gitText) => read(ignore, '.ignore', (ignoreText) => done(gitText, ignoreText)));
}

/**
 * Rules from above the root: when the root is inside a git repository, the repository's
 * .git/info/exclude (lowest precedence) and the .gitignore files of the directories between the
 * repository root and the search root. Outside a repository, parent directories are not consulted.
 */
async function loadOuterRules(root: string): Promise<IgnoreChain | null> {
  const between: string[] = [];
  let dir = root;
  let gitDir = await findGitDir(dir);
  while (gitDir === null) {
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
    between.push(dir);
    gitDir = await findGitDir(dir);
  }
  let chain: IgnoreChain | null = null;
  const exclude = await readText(path.join(gitDir, 'info', 'exclude'));
  const excludeRules = exclude === null ? null : IgnoreRules.parse(exclude, '', outerPrefix(dir, root));
  if (excludeRules) chain = { rules: excludeRules, parent: chain };
  // From the repository root down to the search root's parent: nearer files take precedence.
  for (let i = between.length - 1; i >= 0; i--) {
    const d = between[i]!;
    for (const file of ['.gitignore', '.ignore']) {
      const text = await readText(path.join(d, file));
      const rules = text === null ? null : IgnoreRules.parse(text, '', outerPrefix(d, root));
      if (rules) chain = { rules, parent: chain };
    }
  }
  return chain;
}

/** `root` relative to `dir` plus '/', '' when they are the same directory. */
function outerPrefix(dir: string, root: string): string {
  const rel = path.relative(dir, root).split(path.sep).join('/');
  return rel ? rel + '/' : '';
}

/** The git directory of a work tree root: `.git` itself, or where a `.git` file (worktree, submodule) points. */
async function findGitDir(dir: string): Promise<string | null> {
  const dotGit = path.join(dir, '.git');
  try {
    const st = await fs.promises.stat(dotGit);
    if (st.isDirectory()) return dotGit;
    const text = await fs.promises.readFile(dotGit, 'utf8');
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(text);
    return m ? path.resolve(dir, m[1]!) : null;
  } catch {
    return null;
  }
}

async function readText(file: string): Promise<string | null> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return null;
  }
}
