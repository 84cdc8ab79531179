// Tells the host when this webview page gains or loses the keyboard focus (`ui/focus`): the host
// turns it into the `codex.chatFocused` context key, so Ctrl/Cmd+N means "new chat" only while a
// Codex chat has focus (VS Code's own focus keys do not see inside webview iframes).
import { postToHost } from './vscodeApi';

export function reportFocus(target: Window = window): () => void {
  const onFocus = (): void => postToHost({ type: 'ui/focus', focused: true });
  const onBlur = (): void => postToHost({ type: 'ui/focus', focused: false });
  target.addEventListener('focus', onFocus);
  target.addEventListener('blur', onBlur);
  if (target.document.hasFocus()) onFocus();
  return () => {
    target.removeEventListener('focus', onFocus);
    target.removeEventListener('blur', onBlur);
  };
}
