// A fenced code block: highlighted code, its language, and a copy button (clipboard API, with
// the textarea + execCommand fallback for hosts that deny it).
import { memo, type ReactNode, useMemo, useState } from 'react';
import { t } from '../../l10n';
import { highlight, languageOf } from './highlight';

export const CodeBlock = memo(function CodeBlock({ code, info }: { code: string; info: string | undefined }): ReactNode {
  const language = languageOf(info);
  const highlighted = useMemo(() => highlight(code, language), [code, language]);
  const [copied, setCopied] = useState(false);
  const copy = async (): Promise<void> => {
    await copyText(code);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="md-code" data-language={language ?? undefined}>
      <div className="md-code-bar">
        <span className="md-code-lang">{(info ?? '').trim().split(/\s+/)[0] || t('text')}</span>
        <button type="button" className="icon-button md-copy" title={t('Copy code')} aria-label={t('Copy code')} onClick={() => void copy()}>
          <span className={`codicon ${copied ? 'codicon-check' : 'codicon-copy'}`} aria-hidden="true" />
          {copied && <span className="md-copied">{t('Copied')}</span>}
        </button>
      </div>
      <pre>
        <code className={language ? `hljs language-${language}` : 'hljs'}>{highlighted}</code>
      </pre>
    </div>
  );
});

export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Fall through: clipboard API denied (no focus or permission).
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}
