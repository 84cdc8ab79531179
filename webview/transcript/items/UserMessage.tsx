// The user's message: its text, attached images, mentions and skills, and the IDE context that
// was sent with it shown as chips (parsed back from the context block by parseIdeContext).
import { type ReactNode } from 'react';
import type { ThreadItem } from '@protocol';
import type { ContextChip } from '../../../bridge/messages';
import { parseIdeContext, type ParsedIdeContext } from '../../../bridge/ideContext';
import { t } from '../../l10n';
import { baseName, useOpenFile } from './common';

type UserMessageItem = Extract<ThreadItem, { type: 'userMessage' }>;

export function UserMessage({ item }: { item: UserMessageItem }): ReactNode {
  const openFile = useOpenFile();
  const texts: string[] = [];
  const contexts: ParsedIdeContext[] = [];
  for (const part of item.content) {
    if (part.type !== 'text') continue;
    const parsed = parseIdeContext(part.text);
    if (parsed) {
      contexts.push(parsed);
      if (parsed.request) texts.push(parsed.request);
    } else texts.push(part.text);
  }
  const chips = contexts.flatMap(contextChips);
  return (
    <div className="tx-user" data-testid="item-userMessage">
      {texts.map((text, i) => (
        <div key={i} className="tx-user-text">
          {text}
        </div>
      ))}
      <div className="tx-user-attachments">
        {item.content.map((part, i) => {
          switch (part.type) {
            case 'image': {
              // A Codex server may report an uploaded file's image by id: a chip, like a remote URL.
              const url = 'url' in part ? part.url : null;
              return url?.startsWith('data:image/') ? (
                <img key={i} className="tx-user-image" src={url} alt={t('Attached image')} />
              ) : (
                <span key={i} className="tx-chip" title={url ?? undefined}>
                  <span className="codicon codicon-file-media" aria-hidden="true" /> {t('Image')}
                </span>
              );
            }
            case 'localImage':
              return (
                <button key={i} type="button" className="tx-chip" title={part.path} onClick={() => openFile(part.path)}>
                  <span className="codicon codicon-file-media" aria-hidden="true" /> {baseName(part.path)}
                </button>
              );
            case 'mention':
            case 'skill':
              return (
                <button key={i} type="button" className="tx-chip" title={part.path} onClick={() => openFile(part.path)}>
                  <span className={`codicon ${part.type === 'skill' ? 'codicon-lightbulb' : 'codicon-mention'}`} aria-hidden="true" /> {part.name}
                </button>
              );
            default:
              return null;
          }
        })}
        {chips.map((chip, i) => (
          <button
            key={`ctx${i}`}
            type="button"
            className="tx-chip tx-context-chip"
            data-testid="context-chip"
            title={chip.title}
            onClick={() => openFile(chip.path, chip.line)}
          >
            <span className={`codicon ${chip.icon}`} aria-hidden="true" /> {chip.label}
          </button>
        ))}
      </div>
    </div>
  );
}

interface ChipView {
  readonly icon: string;
  readonly label: string;
  readonly title: string;
  readonly path: string;
  readonly line?: number;
}

function contextChips(parsed: ParsedIdeContext): ChipView[] {
  const views: ChipView[] = [];
  const { activeFile, selection, diagnostics } = parsed.context;
  if (activeFile) {
    views.push({
      icon: 'codicon-file',
      label: baseName(activeFile.path) + (activeFile.cursorLine ? `:${activeFile.cursorLine}` : ''),
      title: t('Active file: {0}', activeFile.path),
      path: activeFile.path,
      ...(activeFile.cursorLine ? { line: activeFile.cursorLine } : {}),
    });
    if (selection) {
      views.push({
        icon: 'codicon-selection',
        label: `${baseName(activeFile.path)}:${selection.startLine}-${selection.endLine}`,
        title: t('Selection in {0}', activeFile.path),
        path: activeFile.path,
        line: selection.startLine,
      });
    }
    if (diagnostics.length > 0) {
      views.push({ icon: 'codicon-warning', label: t('{0} problems', diagnostics.length), title: diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'), path: activeFile.path, line: diagnostics[0]?.line ?? 1 });
    }
  }
  for (const chip of parsed.chips) views.push(chipView(chip));
  return views;
}

function chipView(chip: ContextChip): ChipView {
  switch (chip.type) {
    case 'selection':
      return { icon: 'codicon-selection', label: `${baseName(chip.path)}:${chip.startLine}-${chip.endLine}`, title: chip.path, path: chip.path, line: chip.startLine };
    case 'file':
      return { icon: 'codicon-file', label: baseName(chip.path), title: chip.path, path: chip.path };
    case 'todo':
      return { icon: 'codicon-checklist', label: `TODO ${baseName(chip.path)}:${chip.line}`, title: chip.comment, path: chip.path, line: chip.line };
  }
}
