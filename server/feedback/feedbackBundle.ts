// feedback/upload without a network: writes a local bundle under $CODEX_HOME/feedback/ with the
// report, the server log and the thread's rollout, so a user can attach it to a bug report.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ClientRequestParams } from '../protocol/clientRequests';
import { VERSION } from '../util/version';

export interface FeedbackSources {
  readonly codexHome: string;
  readonly logFile: string | null;
  /** Rollout path of a thread, if it is known. */
  readonly rolloutPathOf: (threadId: string) => Promise<string | null>;
  readonly newId: () => string;
}

export async function writeFeedbackBundle(
  params: ClientRequestParams<'feedback/upload'>,
  sources: FeedbackSources,
): Promise<{ threadId: string; promptHash: null; bundleDir: string }> {
  const threadId = params.threadId ?? sources.newId();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = join(sources.codexHome, 'feedback', `${stamp}-${threadId}`);
  mkdirSync(dir, { recursive: true });
  const included: string[] = [];
  const copy = (file: string, as: string): void => {
    if (!existsSync(file)) return;
    copyFileSync(file, join(dir, as));
    included.push(as);
  };
  if (params.includeLogs !== false && sources.logFile) copy(sources.logFile, 'app-server.log');
  if (params.threadId) {
    const rollout = await sources.rolloutPathOf(params.threadId);
    if (rollout) copy(rollout, basename(rollout));
  }
  for (const [i, file] of (params.extraLogFiles ?? []).entries()) copy(file, `extra-${i}-${basename(file)}`);
  const report = {
    classification: params.classification,
    reason: params.reason ?? null,
    threadId,
    tags: params.tags ?? {},
    version: VERSION,
    platform: `${process.platform} ${process.arch}`,
    createdAt: new Date().toISOString(),
    files: included,
  };
  writeFileSync(join(dir, 'feedback.json'), `${JSON.stringify(report, null, 2)}\n`);
  return { threadId, promptHash: null, bundleDir: dir };
}
