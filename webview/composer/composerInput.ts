// Small input helpers of the composer: the send hint for the Enter setting, and what a drop
// carries (image files become attachments; file URIs dragged from the explorer become file chips).
import { t } from '../l10n';
import type { ComposerEnterBehavior } from './enterBehavior';

export function sendHint(behavior: ComposerEnterBehavior, mac: boolean): string {
  const mod = mac ? '⌘' : 'Ctrl';
  switch (behavior) {
    case 'enter':
      return t('Enter to send, Shift+Enter for a new line');
    case 'cmdIfMultiline':
      return t('Enter to send, {0}+Enter for multi-line prompts', mod);
    case 'cmdAlways':
      return t('{0}+Enter to send', mod);
  }
}

/** The image files and the local file paths (file: URIs) of a drop. */
export function dropFiles(data: DataTransfer): { images: File[]; paths: string[] } {
  const images = [...data.files].filter((f) => f.type.startsWith('image/'));
  const paths: string[] = [];
  if (images.length === 0) {
    for (const line of data.getData('text/uri-list').split(/\r?\n/)) {
      const uri = line.trim();
      if (!uri.startsWith('file:')) continue;
      try {
        paths.push(decodeURIComponent(new URL(uri).pathname).replace(/^\/([A-Za-z]:)/, '$1'));
      } catch {
        // not a URI: ignore
      }
    }
  }
  return { images, paths };
}
