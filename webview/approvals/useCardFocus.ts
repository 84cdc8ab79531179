// Focus and keyboard shortcuts for cards that wait on the user. The card tries to take focus when
// it appears (unless the user is typing somewhere). Its shortcuts work while focus is inside it —
// except in its text fields, and Enter/Space on its buttons — and, for the oldest waiting card,
// also while nothing in particular has focus (the page body), so a keypress answers it at once
// (letter keys and Escape only there: a stray Enter must not approve anything).
import { type RefObject, useEffect, useRef } from 'react';

function isTyping(element: Element | null): boolean {
  if (!element) return false;
  const tag = element.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'input' || tag === 'vscode-textfield' || tag === 'vscode-textarea') {
    const value = (element as HTMLInputElement).value;
    return typeof value === 'string' && value.length > 0;
  }
  return (element as HTMLElement).isContentEditable === true;
}

/**
 * Whether a key event belongs to the focused control rather than to the card's shortcuts: any key
 * in a text field or select, Enter/Space on a button or checkbox (they press what has focus).
 */
export function fromTextField(event: { key: string; target: EventTarget | null }): boolean {
  const target = event.target as HTMLElement | null;
  if (!target || typeof target.tagName !== 'string') return false;
  const tag = target.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || tag === 'vscode-textfield' || tag === 'vscode-textarea' || target.isContentEditable) return true;
  if (tag === 'input') {
    const type = (target as HTMLInputElement).type;
    if (type !== 'radio' && type !== 'checkbox') return true;
  }
  const pressKey = event.key === 'Enter' || event.key === ' ';
  return pressKey && (tag === 'button' || tag === 'vscode-button' || tag === 'input' || tag === 'a');
}

export interface CardKey {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

/**
 * The card's element ref. `onKey` gets the card's key presses (see above) and returns true when it
 * used the key; `first` marks the oldest waiting card, which also answers keys pressed on the body.
 */
export function useCard<T extends HTMLElement>(first: boolean, onKey: (key: CardKey) => boolean): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  const handler = useRef(onKey);
  handler.current = onKey;

  useEffect(() => {
    if (!first) return;
    // After the virtualised list has placed the row; a few frames, until it sticks.
    let tries = 0;
    let frame = 0;
    const attempt = (): void => {
      const element = ref.current;
      if (!element || isTyping(document.activeElement) || element.contains(document.activeElement)) return;
      element.focus({ preventScroll: false });
      if (document.activeElement !== element && ++tries < 10) frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [first]);

  useEffect(() => {
    const listener = (event: KeyboardEvent): void => {
      const element = ref.current;
      if (event.defaultPrevented || event.isComposing || !element) return;
      const target = event.target as Node | null;
      const inside = target !== null && element.contains(target);
      const onBody = first && (target === null || target === document.body || target === document.documentElement);
      if (!inside && !onBody) return;
      if (!inside && event.key === 'Enter') return;
      if (inside && fromTextField(event)) return;
      if (handler.current(event)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [first]);

  return ref;
}
