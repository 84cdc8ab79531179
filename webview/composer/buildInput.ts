// Turns the composer's contents into the protocol's UserInput items: the text, a `mention` for each
// picked file whose `@name` is still in the text, and an `image` (data URL) per attached image.
import type { UserInput } from '@protocol';

export interface Mention {
  readonly name: string;
  /** Absolute path (host path; the host translates it for the server). */
  readonly path: string;
}

export interface ImageAttachment {
  readonly id: string;
  readonly name: string;
  readonly dataUrl: string;
}

export interface ComposerContent {
  readonly text: string;
  readonly mentions: readonly Mention[];
  readonly images: readonly ImageAttachment[];
}

export function isEmptyContent(content: ComposerContent): boolean {
  return content.text.trim() === '' && content.images.length === 0;
}

/** Mentions whose `@name` still appears in the text as a token (deduplicated by path). */
export function liveMentions(text: string, mentions: readonly Mention[]): Mention[] {
  const seen = new Set<string>();
  return mentions.filter((m) => {
    if (seen.has(m.path)) return false;
    const escaped = m.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const present = new RegExp(`(^|\\s)@${escaped}(?=$|\\s|[,.;:!?)])`).test(text);
    if (present) seen.add(m.path);
    return present;
  });
}

export function buildUserInput(content: ComposerContent): UserInput[] {
  const input: UserInput[] = [];
  const text = content.text.trim();
  if (text !== '') input.push({ type: 'text', text, text_elements: [] });
  for (const image of content.images) input.push({ type: 'image', url: image.dataUrl });
  for (const mention of liveMentions(text, content.mentions)) input.push({ type: 'mention', name: mention.name, path: mention.path });
  return input;
}
