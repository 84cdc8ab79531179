// POSIX-shell word splitting for rule examples (`match = ["git push origin"]`), the way Python's
// shlex.split (and the shlex crate Codex uses) reads them: whitespace separates words; single quotes
// are literal; double quotes allow \" \\ \$ \` escapes; a backslash outside quotes escapes the next
// character. No expansion of any kind. Returns null on an unterminated quote or trailing backslash.

export function splitShellWords(text: string): string[] | null {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i += 1;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return null;
      word += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) return null;
        const d = text[i] as string;
        if (d === '"') break;
        if (d === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1] as string)) {
          if (text[i + 1] !== '\n') word += text[i + 1];
          i += 2;
          continue;
        }
        word += d;
        i += 1;
      }
      i += 1;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= text.length) return null;
      if (text[i + 1] !== '\n') word += text[i + 1];
      i += 2;
      continue;
    }
    word += c;
    i += 1;
  }
  if (inWord) words.push(word);
  return words;
}
