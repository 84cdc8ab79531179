// What goes with the next message besides its text: context chips (a selection, a file or a TODO
// from the editor, via composer/addContext) and images (pasted, dropped or picked), each removable.
import type { ContextChip } from '../../bridge/messages';
import { t } from '../l10n';
import type { ImageAttachment } from './buildInput';
import { baseName } from './mentions';

export function chipLabel(chip: ContextChip): string {
  switch (chip.type) {
    case 'selection':
      return chip.startLine === chip.endLine
        ? `${baseName(chip.path)}:${chip.startLine}`
        : `${baseName(chip.path)}:${chip.startLine}-${chip.endLine}`;
    case 'file':
      return baseName(chip.path);
    case 'todo':
      return t('TODO {0}:{1}', baseName(chip.path), chip.line);
  }
}

const CHIP_ICON: Record<ContextChip['type'], string> = { selection: 'selection', file: 'file', todo: 'checklist' };

export function Attachments(props: {
  chips: readonly ContextChip[];
  images: readonly ImageAttachment[];
  onRemoveChip(index: number): void;
  onRemoveImage(id: string): void;
}): React.JSX.Element | null {
  if (props.chips.length === 0 && props.images.length === 0) return null;
  return (
    <div className="codex-attachments" data-testid="attachments">
      {props.chips.map((chip, i) => (
        <span key={`${chip.type}:${chip.path}:${i}`} className="codex-chip" data-testid="context-chip" title={chip.path}>
          <span className={`codicon codicon-${CHIP_ICON[chip.type]}`} aria-hidden="true" />
          {chipLabel(chip)}
          <button type="button" className="codex-chip-remove" aria-label={t('Remove {0}', chipLabel(chip))} onClick={() => props.onRemoveChip(i)}>
            <span className="codicon codicon-close" aria-hidden="true" />
          </button>
        </span>
      ))}
      {props.images.map((image) => (
        <span key={image.id} className="codex-chip codex-image-chip" data-testid="image-chip" title={image.name}>
          <img src={image.dataUrl} alt={image.name} className="codex-image-thumb" />
          <button type="button" className="codex-chip-remove" aria-label={t('Remove {0}', image.name)} onClick={() => props.onRemoveImage(image.id)}>
            <span className="codicon codicon-close" aria-hidden="true" />
          </button>
        </span>
      ))}
    </div>
  );
}

/** Reads image files (paste, drop) as data URLs; other files are skipped. */
export async function readImages(files: Iterable<File>): Promise<ImageAttachment[]> {
  const images = [...files].filter((f) => f.type.startsWith('image/'));
  return Promise.all(
    images.map(
      (file) =>
        new Promise<ImageAttachment>((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve({ id: newAttachmentId(), name: file.name || 'image', dataUrl: String(reader.result) });
          reader.onerror = () => reject(reader.error ?? new Error('could not read the image'));
          reader.readAsDataURL(file);
        }),
    ),
  );
}

let attachmentCounter = 0;
export function newAttachmentId(): string {
  return `img${++attachmentCounter}`;
}
