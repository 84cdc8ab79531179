// Tells the client about config problems with `configWarning` notifications (summary naming file,
// line, column and key; `path` and `range` when the problem is in a file), and logs them. Each
// distinct problem is sent once per server process: thread starts re-check the config every time,
// and the same broken line must not produce a warning per thread.
import type { ServerNotifications } from '../protocol/notifications';
import type { Logger } from '../util/log';
import { isAbsolute } from 'node:path';
import { describeProblem } from './layers';
import type { ConfigProblem } from './tomlFile';

export type ConfigWarningNotify = (method: 'configWarning', params: ServerNotifications['configWarning']) => void;

export function warningFor(problem: ConfigProblem): ServerNotifications['configWarning'] {
  const params: ServerNotifications['configWarning'] = {
    summary: describeProblem(problem),
    details:
      problem.severity === 'warning'
        ? null
        : problem.key === null
          ? 'This config file was left out; the other layers still apply.'
          : 'This value was left out; the rest of the file still applies.',
  };
  if (isAbsolute(problem.file)) params.path = problem.file;
  if (problem.line !== null) {
    const position = { line: problem.line, column: problem.column ?? 1 };
    params.range = { start: position, end: position };
  }
  return params;
}

export class ConfigWarnings {
  private readonly sent = new Set<string>();

  constructor(
    private readonly log: Logger,
    private notify: ConfigWarningNotify | null = null,
  ) {}

  /** Set once the client can hear notifications; problems seen before that are sent then. */
  attach(notify: ConfigWarningNotify): void {
    this.notify = notify;
  }

  report(problems: readonly ConfigProblem[]): void {
    for (const problem of problems) {
      const params = warningFor(problem);
      const id = `${params.summary}|${params.details ?? ''}`;
      if (this.sent.has(id) || this.notify === null) continue;
      this.sent.add(id);
      this.log.warn(`config: ${params.summary}`);
      this.notify('configWarning', params);
    }
  }
}
