// Focus for a card that waits on the user: the card takes focus when it appears (so its keyboard
// shortcuts work at once) unless the user is typing somewhere, and a key handler maps keys to
// actions while focus is inside the card (but not inside one of its text fields).
import { type KeyboardEvent, type RefObject, useEffect, useRef } from 'react';

function isTyping(element: Element | null): boolean {
  if (!element) return false;
  const tag = element.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'input' || tag === 'vscode-textfield' || tag === 'vscode-textarea') {
    const value = (element as HTMLInputElement).value;
    return typeof value === 'string' && value.length > 0;
  }
  return (element as HTMLElement).isContentEditable === true;
}

export function useCardFocus<T extends HTMLElement>(autoFocus: boolean): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    if (!autoFocus || !ref.current) return;
    if (isTyping(document.activeElement)) return;
    ref.current.focus({ preventScroll: false });
  }, [autoFocus]);
  return ref;
}

/**
 * Whether a key event belongs to the focused control rather than to the card's shortcuts: any key
 * in a text field or select, Enter/Space on a button or checkbox (they press what has focus).
 */
export function fromTextField(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement;
  const tag = target.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || tag === 'vscode-textfield' || tag === 'vscode-textarea' || target.isContentEditable) return true;
  if (tag === 'input') {
    const type = (target as HTMLInputElement).type;
    if (type !== 'radio' && type !== 'checkbox') return true;
  }
  const pressKey = event.key === 'Enter' || event.key === ' ';
  return pressKey && (tag === 'button' || tag === 'vscode-button' || tag === 'input' || tag === 'a');
}
