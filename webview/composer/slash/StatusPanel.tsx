// /status: the thread id, model and effort, mode, working folder, context usage and the account's
// rate limits (account/rateLimits/read, updated by account/rateLimits/updated).
import { useEffect, useState } from 'react';
import type { RateLimitSnapshot } from '@protocol';
import { useHost } from '../../chrome/hostContext';
import { useHostInfo, useStore, useThread } from '../../state/hooks';
import { t } from '../../l10n';
import { contextPercent, formatTokens } from '../../threads/TokenUsage';
import { useComposer } from '../composerStore';
import { modeLabel } from '../FooterPickers';
import { PanelFrame, errorText } from './PanelFrame';

function windowText(window: NonNullable<RateLimitSnapshot['primary']>): string {
  const resets = window.resetsAt !== null ? t(', resets {0}', new Date(window.resetsAt * 1000).toLocaleTimeString()) : '';
  const span = window.windowDurationMins !== null ? t(' of the {0}-minute window', window.windowDurationMins) : '';
  return t('{0}% used{1}{2}', Math.round(window.usedPercent), span, resets);
}

export function StatusPanel(props: { threadId: string | null; onClose(): void }): React.JSX.Element {
  const client = useHost();
  const thread = useThread(props.threadId);
  const cwd = useHostInfo()?.cwd ?? null;
  const prefs = useComposer((c) => c.prefs);
  const mode = useComposer((c) => c.sentMode);
  const pushed = useStore((s) => s.rateLimits);
  const [limits, setLimits] = useState<RateLimitSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.rpc('account/rateLimits/read', {}).then(
      (r) => setLimits(r.rateLimits),
      (err: unknown) => setError(errorText(err)),
    );
  }, [client]);
  const rate = pushed ?? limits;
  const usage = thread?.tokenUsage ?? null;
  const percent = usage ? contextPercent(usage) : null;
  const rows: [string, string][] = [
    [t('Thread'), props.threadId ?? t('(new chat, not started)')],
    [t('Model'), `${thread?.meta?.model ?? prefs.model ?? t('default')}${prefs.effort ? ` (${prefs.effort})` : ''}`],
    [t('Mode'), (mode === null ? t('As configured') : modeLabel(mode)) + (prefs.plan ? ` + ${t('Plan')}` : '')],
    [t('Folder'), thread?.meta?.cwd ?? cwd ?? t('(none)')],
    [
      t('Context'),
      usage
        ? percent !== null
          ? t('{0}% used ({1} of {2} tokens)', percent, formatTokens(usage.last.totalTokens), formatTokens(usage.modelContextWindow ?? 0))
          : t('{0} tokens', formatTokens(usage.last.totalTokens))
        : t('no turns yet'),
    ],
    [t('Primary limit'), rate?.primary ? windowText(rate.primary) : error ? error : t('unknown')],
    [t('Secondary limit'), rate?.secondary ? windowText(rate.secondary) : t('unknown')],
  ];
  return (
    <PanelFrame id="status" title={t('Status')} icon="info" onClose={props.onClose}>
      <dl className="codex-card-facts" data-testid="status-facts">
        {rows.map(([k, v]) => (
          <div key={k} className="codex-fact-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </PanelFrame>
  );
}
