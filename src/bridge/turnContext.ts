// IDE context on turns: the host adds one `text` input built by formatIdeContext() (the block that
// begins with `# Context from my IDE setup:`) to every `turn/start` a webview sends. The webview
// may already carry its composer chips as such a block (formatIdeContext(null, chips)); the host
// then merges the editor state into that block instead of adding a second one. With auto context
// off only the chips are sent.
import type { UserInput } from '@protocol';
import { formatIdeContext, type IdeContext, parseIdeContext } from '../../bridge/ideContext';
import type { ContextChip } from '../../bridge/messages';
import type { TurnStartAugmenter } from './rpc';

export interface TurnContextDeps {
  /** Whether auto context is on (the /auto-context toggle). */
  autoContext(): boolean;
  /** The editor state now (EXT-EDITOR's collector); null when there is nothing to tell. */
  collect(): IdeContext | null | Promise<IdeContext | null>;
  toServerPath(hostPath: string): string;
}

type TextInput = Extract<UserInput, { type: 'text' }>;

function isTextInput(value: unknown): value is TextInput {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'text' &&
    typeof (value as { text?: unknown }).text === 'string';
}

export function createTurnStartAugmenter(deps: TurnContextDeps): TurnStartAugmenter {
  return async (params) => {
    if (typeof params !== 'object' || params === null) return params;
    const input = (params as { input?: unknown }).input;
    if (!Array.isArray(input)) return params;
    const items: unknown[] = [...input];
    let chips: ContextChip[] = [];
    const blockIndex = items.findIndex((item) => isTextInput(item) && parseIdeContext(item.text) !== null);
    if (blockIndex >= 0) {
      const parsed = parseIdeContext((items[blockIndex] as TextInput).text);
      chips = parsed?.chips ?? [];
      // The official single-text form carries the user's words after the block: keep them.
      const request = parsed?.request ?? null;
      items.splice(blockIndex, 1, ...(request ? [{ type: 'text', text: request, text_elements: [] } satisfies TextInput] : []));
    }
    const context = deps.autoContext() ? await deps.collect() : null;
    const block = formatIdeContext(context, chips, { toServerPath: (p) => deps.toServerPath(p) });
    if (block !== null) {
      const text: TextInput = { type: 'text', text: block, text_elements: [] };
      items.push(text);
    }
    return { ...params, input: items };
  };
}
