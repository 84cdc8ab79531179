// What a review looks at: the target's instructions for the reviewer, the label shown to the user,
// and the changes themselves computed with git in the thread's cwd (uncommitted: `git diff HEAD`
// plus untracked files; a base branch: the diff against the merge base; a commit: `git show`).
import { execFile } from 'node:child_process';
import type { ReviewTarget } from '../protocol/turnMethods';

/** The longest diff sent to the reviewer (characters); the rest is cut with a note. */
const MAX_DIFF_CHARS = 200_000;
/** git's empty tree: the base of a repository without commits. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface ReviewRequest {
  /** What the reviewer is asked to do (the user message, before the diff). */
  readonly instructions: string;
  /** The short label for enteredReviewMode and the thread history. */
  readonly hint: string;
  /** The changes to review (null for custom reviews). */
  readonly diff: string | null;
}

export class ReviewTargetError extends Error {}

interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function git(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 128) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

async function gitOk(cwd: string, args: string[], what: string): Promise<string> {
  const result = await git(cwd, args);
  if (result.code !== 0) throw new ReviewTargetError(`${what} failed: ${result.stderr.trim() || `git ${args.join(' ')} exited with ${result.code}`}`);
  return result.stdout;
}

function capped(diff: string): string {
  if (diff.length <= MAX_DIFF_CHARS) return diff;
  return `${diff.slice(0, MAX_DIFF_CHARS)}\n[… diff truncated: ${diff.length - MAX_DIFF_CHARS} more characters not shown]\n`;
}

/** Staged, unstaged and untracked changes against HEAD (or against nothing in a repo without commits). */
async function uncommittedDiff(cwd: string): Promise<string> {
  const hasHead = (await git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD'])).code === 0;
  let diff = await gitOk(cwd, ['diff', '--no-color', '--no-ext-diff', hasHead ? 'HEAD' : EMPTY_TREE], 'git diff');
  const untracked = (await gitOk(cwd, ['ls-files', '--others', '--exclude-standard', '-z'], 'git ls-files')).split('\0').filter(Boolean);
  for (const path of untracked) {
    // --no-index exits with 1 when the files differ, which they always do here.
    const result = await git(cwd, ['diff', '--no-color', '--no-ext-diff', '--no-index', '--', '/dev/null', path]);
    if (result.code <= 1) diff += result.stdout;
  }
  return diff;
}

async function ensureRepo(cwd: string): Promise<void> {
  const inside = await git(cwd, ['rev-parse', '--is-inside-work-tree']);
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') throw new ReviewTargetError(`cannot review: ${cwd} is not inside a git repository`);
}

/** Resolves a review target into what the reviewer is told and shown. */
export async function resolveReviewTarget(cwd: string, target: ReviewTarget): Promise<ReviewRequest> {
  switch (target.type) {
    case 'custom': {
      const instructions = target.instructions.trim();
      return { instructions, hint: instructions.split('\n')[0]?.slice(0, 200) ?? instructions, diff: null };
    }
    case 'uncommittedChanges': {
      await ensureRepo(cwd);
      const diff = await uncommittedDiff(cwd);
      return {
        instructions: 'Review the current changes in the working tree (staged, unstaged and new untracked files), shown below as a diff against HEAD, and report prioritized findings.',
        hint: 'current changes',
        diff: capped(diff),
      };
    }
    case 'baseBranch': {
      await ensureRepo(cwd);
      const base = (await gitOk(cwd, ['merge-base', 'HEAD', target.branch], `finding the merge base with ${target.branch}`)).trim();
      const diff = await gitOk(cwd, ['diff', '--no-color', '--no-ext-diff', base], 'git diff');
      return {
        instructions: `Review the changes of this branch against the base branch '${target.branch}' (merge base ${base}), shown below as a diff, and report prioritized findings.`,
        hint: `changes against '${target.branch}'`,
        diff: capped(diff),
      };
    }
    case 'commit': {
      await ensureRepo(cwd);
      const sha = (await gitOk(cwd, ['rev-parse', '--verify', `${target.sha}^{commit}`], `resolving commit ${target.sha}`)).trim();
      const title = target.title?.trim() || (await gitOk(cwd, ['log', '-1', '--format=%s', sha], 'git log')).trim();
      const diff = await gitOk(cwd, ['show', '--no-color', '--no-ext-diff', '--format=commit %H%nAuthor: %an <%ae>%n%n%B', sha], 'git show');
      const short = sha.slice(0, 7);
      return {
        instructions: `Review the changes introduced by commit ${sha}${title ? ` ("${title}")` : ''}, shown below, and report prioritized findings.`,
        hint: title ? `commit ${short}: ${title}` : `commit ${short}`,
        diff: capped(diff),
      };
    }
  }
}
