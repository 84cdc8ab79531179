// Exec tools: token estimates and head+tail truncation with Codex's exact marker arithmetic, the
// "Total output lines" form, and the bounded head+tail output buffer.
import { strict as assert } from 'node:assert';
import { capturedText, HeadTailBuffer } from '../../server/process/outputBuffer';
import {
  approxTokenCount,
  countLines,
  formatCaptured,
  formattedTruncateText,
  truncateCaptured,
  truncateMiddle,
} from '../../server/tools/exec/truncate';

describe('exec: truncation', () => {
  it('estimates tokens as ceil(utf8 bytes / 4)', () => {
    assert.equal(approxTokenCount(''), 0);
    assert.equal(approxTokenCount('hello\n'), 2);
    assert.equal(approxTokenCount('abcd'), 1);
    assert.equal(approxTokenCount('abcde'), 2);
    assert.equal(approxTokenCount('😀'), 1);
    assert.equal(approxTokenCount('é'), 1);
  });

  it('leaves text within budget alone', () => {
    assert.deepEqual(truncateMiddle('short output', 100), { text: 'short output', originalTokens: null });
    assert.deepEqual(truncateMiddle('', 0), { text: '', originalTokens: null });
    assert.deepEqual(truncateMiddle('abcdefgh', 2), { text: 'abcdefgh', originalTokens: null });
  });

  it('a zero budget leaves only the marker', () => {
    assert.deepEqual(truncateMiddle('abcdef', 0), { text: '…2 tokens truncated…', originalTokens: 2 });
  });

  it('keeps half the budget from each end, at character boundaries (Codex example)', () => {
    const s = '😀😀😀😀😀😀😀😀😀😀\nsecond line with text\n';
    assert.deepEqual(truncateMiddle(s, 8), { text: '😀😀😀😀…8 tokens truncated… line with text\n', originalTokens: 16 });
  });

  it('ASCII: exact head and tail bytes', () => {
    const s = 'a'.repeat(50) + 'b'.repeat(50);
    // budget 10 tokens = 40 bytes: 20 + 20; removed 60 bytes = 15 tokens
    assert.equal(truncateMiddle(s, 10).text, `${'a'.repeat(20)}…15 tokens truncated…${'b'.repeat(20)}`);
  });

  it('never splits a multi-byte character', () => {
    const s = 'é'.repeat(100); // 200 bytes
    const { text } = truncateMiddle(s, 5); // 20 bytes → 10 + 10
    assert.equal(text, `${'é'.repeat(5)}…45 tokens truncated…${'é'.repeat(5)}`);
    const odd = 'ab' + '日'.repeat(20); // 2 + 60 bytes; left 10 → 'ab' + 2 chars (8 bytes)
    assert.equal(truncateMiddle(odd, 5).text, `ab日日…11 tokens truncated…${'日'.repeat(3)}`);
  });

  it('formatted form adds "Total output lines" only when something was cut', () => {
    assert.equal(formattedTruncateText('a\nb\n', 10), 'a\nb\n');
    const s = '😀😀😀😀😀😀😀😀😀😀\nsecond line with text\n';
    assert.equal(formattedTruncateText(s, 8), 'Total output lines: 2\n\n😀😀😀😀…8 tokens truncated… line with text\n');
  });

  it('counts lines like Rust str::lines', () => {
    assert.equal(countLines(''), 0);
    assert.equal(countLines('a'), 1);
    assert.equal(countLines('a\n'), 1);
    assert.equal(countLines('a\nb'), 2);
    assert.equal(countLines('\n\n'), 2);
  });
});

describe('exec: head+tail output buffer', () => {
  it('keeps everything under capacity', () => {
    const b = new HeadTailBuffer(100);
    b.push('hello\n');
    b.push('world');
    assert.deepEqual(b.snapshot(), { head: 'hello\nworld', omittedBytes: 0, tail: '', totalBytes: 11, lineCount: 2 });
  });

  it('drops the middle past capacity and counts everything', () => {
    const b = new HeadTailBuffer(20);
    for (let i = 0; i < 10; i += 1) b.push(`line${i}\n`); // 60 bytes
    const c = b.snapshot();
    assert.equal(c.head, 'line0\nline');
    assert.equal(c.tail, 'ne8\nline9\n');
    assert.equal(c.omittedBytes, 40);
    assert.equal(c.totalBytes, 60);
    assert.equal(c.lineCount, 10);
    assert.equal(capturedText(c), 'line0\nline\n[… 40 bytes of output omitted …]\nne8\nline9\n');
  });

  it('cuts at character boundaries', () => {
    const b = new HeadTailBuffer(10);
    b.push('日'.repeat(10)); // 30 bytes; head 5 → one char (3 bytes); tail 5 → one char
    const c = b.snapshot();
    assert.equal(c.head, '日');
    assert.equal(c.tail, '日');
    assert.equal(c.omittedBytes, 24);
  });

  it('take() empties the buffer', () => {
    const b = new HeadTailBuffer(10);
    b.push('abc');
    assert.equal(b.take().head, 'abc');
    assert.deepEqual(b.take(), { head: '', omittedBytes: 0, tail: '', totalBytes: 0, lineCount: 0 });
  });

  it('truncation of an elided capture reports the true original size', () => {
    const b = new HeadTailBuffer(40);
    b.push('x'.repeat(1000) + '\n');
    const c = b.snapshot();
    const t = truncateCaptured(c, 4); // 16 bytes: 8 head + 8 tail; removed 1001 - 16 = 985 bytes
    assert.equal(t.originalTokens, 251);
    assert.equal(t.text, `${'x'.repeat(8)}…247 tokens truncated…${'x'.repeat(7)}\n`);
    assert.equal(formatCaptured(c, 4), `Total output lines: 1\n\n${t.text}`);
    // A large budget still shows the gap.
    assert.match(truncateCaptured(c, 1000).text, /^x{20}…241 tokens truncated…x{19}\n$/);
  });
});
