// What a key press in the composer does: send, insert a newline (the textarea's default), or send
// with the follow-up behaviour reversed (Ctrl/Cmd+Shift+Enter). Pure, so the rules are unit-tested
// apart from the component; `codex.composerEnterBehavior` decides plain Enter.
import type { WebviewSettings } from '../../bridge/messages';

export type ComposerEnterBehavior = WebviewSettings['composerEnterBehavior'];

export interface EnterKey {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** True while an IME composition is open: Enter then confirms the composition. */
  readonly isComposing: boolean;
}

export type EnterAction =
  /** Not ours: let the textarea handle the key (a newline for Enter). */
  | { readonly kind: 'default' }
  | { readonly kind: 'send'; readonly reverseFollowUp: boolean };

const DEFAULT: EnterAction = { kind: 'default' };

export function enterAction(behavior: ComposerEnterBehavior, key: EnterKey, text: string): EnterAction {
  if (key.key !== 'Enter' || key.isComposing || key.altKey) return DEFAULT;
  const modifier = key.ctrlKey || key.metaKey;
  if (modifier && key.shiftKey) return { kind: 'send', reverseFollowUp: true };
  if (modifier) return { kind: 'send', reverseFollowUp: false };
  if (key.shiftKey) return DEFAULT;
  switch (behavior) {
    case 'enter':
      return { kind: 'send', reverseFollowUp: false };
    case 'cmdIfMultiline':
      return text.includes('\n') ? DEFAULT : { kind: 'send', reverseFollowUp: false };
    case 'cmdAlways':
      return DEFAULT;
  }
}
