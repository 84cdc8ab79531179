// Git facts about a thread's cwd (commit, branch, origin URL) for session_meta and thread/list.
// Best effort with a short timeout: a folder that is not a repository simply has none.
import { execFile } from 'node:child_process';
import type { RolloutGitInfo } from './store';

function git(cwd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 2000, windowsHide: true }, (error, stdout) => {
      resolve(error ? null : stdout.trim() || null);
    });
  });
}

export async function readGitInfo(cwd: string): Promise<RolloutGitInfo | null> {
  const [commit, branch, origin] = await Promise.all([
    git(cwd, ['rev-parse', 'HEAD']),
    git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']),
    git(cwd, ['config', '--get', 'remote.origin.url']),
  ]);
  if (commit === null && branch === null) return null;
  return { commit_hash: commit, branch: branch === 'HEAD' ? null : branch, repository_url: origin };
}
