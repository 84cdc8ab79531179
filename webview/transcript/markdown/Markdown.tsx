// Markdown as React elements (no HTML strings, so nothing to sanitise): marked's lexer (GFM)
// gives tokens, rendered here; raw HTML in the text is shown as text. Top-level blocks are memoised
// by their source, so while a message streams only its last block re-renders. Code blocks are
// highlighted (highlight.tsx) and have a copy button; links to files open in the editor.
import { memo, type ReactNode, useMemo, useRef } from 'react';
import { Lexer, type Token, type Tokens } from 'marked';
import { CodeBlock } from './CodeBlock';

export interface MarkdownProps {
  readonly text: string;
  /** Opens a file link (`path`, `path:12`, `path#L12`) in the editor; without it they are plain links. */
  readonly onOpenFile?: (path: string, line: number | undefined) => void;
  readonly className?: string;
  /**
   * The text only grows (a streaming message): each change re-lexes from the start of the last
   * block instead of the whole text. The final text is lexed whole once streaming ends.
   */
  readonly streaming?: boolean;
}

const lex = (text: string): Token[] => new Lexer({ gfm: true, breaks: false }).lex(text);

/**
 * Lexes `text`, reusing the blocks of `previous` before its last two when `text` extends it (the
 * last two: a trailing blank-line token can belong to a list the new text continues).
 */
export function lexAppended(previous: { text: string; tokens: Token[] }, text: string): Token[] {
  if (!text.startsWith(previous.text) || previous.tokens.length < 3) return lex(text);
  const kept = previous.tokens.slice(0, -2);
  let offset = 0;
  for (const token of kept) offset += token.raw.length;
  // Tokens must cover the text exactly (link definitions and the like do not): else lex it all.
  if (offset > previous.text.length || previous.text.slice(0, offset) !== kept.map((t) => t.raw).join('')) return lex(text);
  return [...kept, ...lex(text.slice(offset))];
}

export function Markdown({ text, onOpenFile, className, streaming = false }: MarkdownProps): ReactNode {
  const previous = useRef<{ text: string; tokens: Token[] } | null>(null);
  const tokens = useMemo(() => {
    const next = streaming && previous.current ? lexAppended(previous.current, text) : lex(text);
    previous.current = { text, tokens: next };
    return next;
  }, [text, streaming]);
  return (
    <div className={className ? `md ${className}` : 'md'}>
      {tokens.map((token, i) => (
        <Block key={i} token={token} onOpenFile={onOpenFile} />
      ))}
    </div>
  );
}

const Block = memo(
  function Block({ token, onOpenFile }: { token: Token; onOpenFile: MarkdownProps['onOpenFile'] }): ReactNode {
    return renderBlock(token, 0, onOpenFile);
  },
  (a, b) => a.token.raw === b.token.raw && a.token.type === b.token.type && a.onOpenFile === b.onOpenFile,
);

type OpenFile = MarkdownProps['onOpenFile'];

function renderBlocks(tokens: readonly Token[], open: OpenFile): ReactNode[] {
  return tokens.map((t, i) => renderBlock(t, i, open));
}

function renderBlock(token: Token, key: number, open: OpenFile): ReactNode {
  const t = token as Tokens.Generic;
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'code':
      return <CodeBlock key={key} code={(t as Tokens.Code).text} info={(t as Tokens.Code).lang} />;
    case 'heading': {
      const h = t as Tokens.Heading;
      const Tag = `h${Math.min(Math.max(h.depth, 1), 6)}` as 'h1';
      return <Tag key={key}>{renderInline(h.tokens, open)}</Tag>;
    }
    case 'hr':
      return <hr key={key} />;
    case 'blockquote':
      return <blockquote key={key}>{renderBlocks((t as Tokens.Blockquote).tokens, open)}</blockquote>;
    case 'list': {
      const list = t as Tokens.List;
      const items = list.items.map((item, i) => (
        <li key={i} className={item.task ? 'md-task' : undefined}>
          {item.task && <input type="checkbox" checked={item.checked === true} readOnly disabled />}
          {renderBlocks(item.tokens.filter((c) => c.type !== 'checkbox'), open)}
        </li>
      ));
      return list.ordered ? (
        <ol key={key} start={typeof list.start === 'number' ? list.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'paragraph':
      return <p key={key}>{renderInline((t as Tokens.Paragraph).tokens, open)}</p>;
    case 'table': {
      const table = t as Tokens.Table;
      const align = (i: number): 'left' | 'right' | 'center' | undefined => table.align[i] ?? undefined;
      return (
        <div key={key} className="md-table">
          <table>
            <thead>
              <tr>
                {table.header.map((cell, i) => (
                  <th key={i} style={{ textAlign: align(i) }}>
                    {renderInline(cell.tokens, open)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => (
                    <td key={i} style={{ textAlign: align(i) }}>
                      {renderInline(cell.tokens, open)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case 'html':
      return <p key={key}>{t.raw}</p>;
    case 'text':
      return t.tokens ? <span key={key}>{renderInline(t.tokens, open)}</span> : <span key={key}>{t.text as string}</span>;
    default:
      return t.tokens ? <div key={key}>{renderInline(t.tokens, open)}</div> : <p key={key}>{t.raw}</p>;
  }
}

function renderInline(tokens: readonly Token[] | undefined, open: OpenFile): ReactNode[] {
  return (tokens ?? []).map((token, key) => {
    const t = token as Tokens.Generic;
    switch (token.type) {
      case 'text':
        return t.tokens ? <span key={key}>{renderInline(t.tokens, open)}</span> : decodeEntities(t.text as string);
      case 'escape':
        return decodeEntities(t.text as string);
      case 'strong':
        return <strong key={key}>{renderInline(t.tokens, open)}</strong>;
      case 'em':
        return <em key={key}>{renderInline(t.tokens, open)}</em>;
      case 'del':
        return <del key={key}>{renderInline(t.tokens, open)}</del>;
      case 'codespan':
        return <code key={key}>{decodeEntities(t.text as string)}</code>;
      case 'br':
        return <br key={key} />;
      case 'link':
        return <MdLink key={key} link={t as Tokens.Link} open={open} />;
      case 'image': {
        const image = t as Tokens.Image;
        return image.href.startsWith('data:image/') ? <img key={key} src={image.href} alt={image.text} /> : image.text || image.href;
      }
      case 'html':
        return t.raw;
      default:
        return t.raw;
    }
  });
}

const FILE_LINK = /^(?:file:\/\/)?((?:\/|[A-Za-z]:[\\/]|\.{0,2}\/?[\w.-]+\/)[^\s#:?]*[^\s#:?/])(?:(?::|#L)(\d+)(?:[-:,]\d+)*)?$/;

function MdLink({ link, open }: { link: Tokens.Link; open: OpenFile }): ReactNode {
  const children = renderInline(link.tokens, open);
  const href = link.href;
  if (/^(https?|mailto):/i.test(href)) {
    return (
      <a href={href} title={link.title ?? href}>
        {children}
      </a>
    );
  }
  const file = open ? FILE_LINK.exec(safeDecode(href)) : null;
  if (file && open && file[1]) {
    const path = file[1];
    const line = file[2] ? Number(file[2]) : undefined;
    return (
      <a
        href="#"
        className="md-file-link"
        title={path + (line ? `:${line}` : '')}
        onClick={(event) => {
          event.preventDefault();
          open(path, line);
        }}
      >
        {children}
      </a>
    );
  }
  return <span className="md-link-text">{children}</span>;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.includes('&') ? text.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name] ?? _) : text;
}
