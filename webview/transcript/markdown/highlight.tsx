// Syntax highlighting for code blocks without innerHTML or eval: lowlight (highlight.js grammars)
// turns code into a syntax tree, rendered here as React spans with highlight.js class names that
// the transcript styles colour from VS Code's theme. The grammars are lowlight's `common` set.
import { type ReactNode } from 'react';
import { common, createLowlight } from 'lowlight';

const lowlight = createLowlight(common);

/** Language aliases models use that the grammars do not register under that name. */
const ALIASES: Record<string, string> = { sh: 'bash', zsh: 'bash', console: 'shell', tsx: 'typescript', jsx: 'javascript', yml: 'yaml', toml: 'ini', html: 'xml', py: 'python', rs: 'rust', kt: 'kotlin', 'c++': 'cpp', cs: 'csharp', patch: 'diff' };

/** Highlighting work per block is bounded: longer code is shown plain. */
const MAX_HIGHLIGHT_CHARS = 20_000;

interface HastText {
  type: 'text';
  value: string;
}
interface HastElement {
  type: 'element';
  properties?: { className?: unknown };
  children: HastNode[];
}
type HastNode = HastText | HastElement | { type: string };

export function languageOf(info: string | undefined): string | null {
  const name = (info ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (name === '') return null;
  const resolved = ALIASES[name] ?? name;
  return lowlight.registered(resolved) ? resolved : null;
}

/** The code as highlighted React nodes, or the plain text when the language is unknown. */
export function highlight(code: string, language: string | null): ReactNode {
  if (language === null || code.length > MAX_HIGHLIGHT_CHARS) return code;
  try {
    const tree = lowlight.highlight(language, code);
    return tree.children.map((node, i) => renderNode(node as HastNode, i));
  } catch {
    return code;
  }
}

function renderNode(node: HastNode, key: number): ReactNode {
  if (node.type === 'text') return (node as HastText).value;
  if (node.type !== 'element') return null;
  const element = node as HastElement;
  const className = Array.isArray(element.properties?.className) ? element.properties.className.join(' ') : undefined;
  return (
    <span key={key} className={className}>
      {element.children.map((child, i) => renderNode(child, i))}
    </span>
  );
}
