// Output truncation for what the model sees, with Codex's arithmetic: a token is approximated as 4
// UTF-8 bytes (rounded up); a text over budget keeps its first half-budget and last half-budget of
// bytes (cut at character boundaries) around a marker `…N tokens truncated…`, where N is the
// over-budget byte count in tokens; and the "formatted" form prefixes `Total output lines: L\n\n`
// whenever anything was cut. Works on CapturedOutput too, whose middle may already be gone.
import { charBoundaryAfter, charBoundaryBefore, type CapturedOutput } from '../../process/outputBuffer';

export const APPROX_BYTES_PER_TOKEN = 4;
/** max_output_tokens when the model gives none (Codex's default). */
export const DEFAULT_MAX_OUTPUT_TOKENS = 10_000;

export function approxTokensFromBytes(bytes: number): number {
  return Math.ceil(Math.max(0, bytes) / APPROX_BYTES_PER_TOKEN);
}

/** Approximate token count of a text: ceil(UTF-8 bytes / 4). */
export function approxTokenCount(text: string): number {
  return approxTokensFromBytes(Buffer.byteLength(text, 'utf8'));
}

export function truncationMarker(removedTokens: number): string {
  return `…${removedTokens} tokens truncated…`;
}

/** Lines of a text counted like Rust's `str::lines()`. */
export function countLines(text: string): number {
  if (text === '') return 0;
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n += 1;
  return text.endsWith('\n') ? n : n + 1;
}

export interface TruncatedText {
  text: string;
  /** Approximate tokens of the original, when something was cut; null when the text fit. */
  originalTokens: number | null;
}

/** Keeps the start and end of `text` within `maxTokens`, with a marker in the middle. */
export function truncateMiddle(text: string, maxTokens: number): TruncatedText {
  return truncateCaptured({ head: text, omittedBytes: 0, tail: '', totalBytes: Buffer.byteLength(text, 'utf8'), lineCount: 0 }, maxTokens);
}

/** truncateMiddle for a capture whose middle may already have been dropped by a HeadTailBuffer. */
export function truncateCaptured(c: CapturedOutput, maxTokens: number): TruncatedText {
  const budget = Math.max(0, Math.floor(maxTokens)) * APPROX_BYTES_PER_TOKEN;
  const total = c.totalBytes;
  if (total === 0) return { text: '', originalTokens: null };
  if (c.omittedBytes === 0 && budget > 0 && total <= budget) return { text: c.head + c.tail, originalTokens: null };
  const originalTokens = approxTokensFromBytes(total);
  if (budget === 0) return { text: truncationMarker(originalTokens), originalTokens };
  const left = Math.floor(budget / 2);
  const right = budget - left;
  if (c.omittedBytes === 0) {
    const buf = Buffer.from(c.head + c.tail, 'utf8');
    const prefixEnd = charBoundaryBefore(buf, left);
    const suffixStart = Math.max(prefixEnd, charBoundaryAfter(buf, buf.length - right));
    const marker = truncationMarker(approxTokensFromBytes(total - budget));
    return { text: buf.subarray(0, prefixEnd).toString('utf8') + marker + buf.subarray(suffixStart).toString('utf8'), originalTokens };
  }
  const head = Buffer.from(c.head, 'utf8');
  const tail = Buffer.from(c.tail, 'utf8');
  const prefix = head.subarray(0, charBoundaryBefore(head, Math.min(left, head.length)));
  const suffix = tail.subarray(charBoundaryAfter(tail, Math.max(0, tail.length - right)));
  const marker = truncationMarker(approxTokensFromBytes(total - prefix.length - suffix.length));
  return { text: prefix.toString('utf8') + marker + suffix.toString('utf8'), originalTokens };
}

/** Codex's formatted truncation: the text as is when it fits, else `Total output lines: L\n\n` + truncateMiddle. */
export function formattedTruncateText(text: string, maxTokens: number): string {
  return formatCaptured({ head: text, omittedBytes: 0, tail: '', totalBytes: Buffer.byteLength(text, 'utf8'), lineCount: countLines(text) }, maxTokens);
}

/** formattedTruncateText for a CapturedOutput (its lineCount is used for the header). */
export function formatCaptured(c: CapturedOutput, maxTokens: number): string {
  const cut = truncateCaptured(c, maxTokens);
  if (cut.originalTokens === null) return cut.text;
  return `Total output lines: ${c.lineCount}\n\n${cut.text}`;
}
