// apply_patch context matching: the strictness levels in order, the start position, end-of-file
// anchoring and the defensive edge cases.
import { strict as assert } from 'node:assert';
import { seekSequence } from '../../server/tools/applyPatch';

describe('apply_patch seek', () => {
  it('finds an exact match first', () => {
    assert.deepEqual(seekSequence(['foo', 'bar', 'baz'], ['bar', 'baz'], 0, false), { index: 1, level: 'exact' });
  });

  it('prefers an exact match later in the file over a fuzzy one earlier', () => {
    assert.deepEqual(seekSequence(['x  ', 'y', 'x'], ['x'], 0, false), { index: 2, level: 'exact' });
  });

  it('then ignores trailing whitespace', () => {
    assert.deepEqual(seekSequence(['foo   ', 'bar\t\t'], ['foo', 'bar'], 0, false), { index: 0, level: 'trailingWhitespace' });
  });

  it('then ignores leading and trailing whitespace', () => {
    assert.deepEqual(seekSequence(['    foo   ', '   bar\t'], ['foo', '  bar'], 0, false), { index: 0, level: 'whitespace' });
  });

  it('then reads typographic quotes, dashes and odd spaces as ASCII', () => {
    const file = ['const s = “hello” – it’s\u00A0here;'];
    assert.deepEqual(seekSequence(file, ['const s = "hello" - it\'s here;'], 0, false), { index: 0, level: 'punctuation' });
    assert.equal(seekSequence(file, ['const s = "hullo" - it\'s here;'], 0, false), null);
  });

  it('searches from the start position on', () => {
    assert.deepEqual(seekSequence(['a', 'b', 'a', 'b'], ['a'], 1, false), { index: 2, level: 'exact' });
    assert.equal(seekSequence(['a', 'b'], ['a'], 1, false), null);
  });

  it('matches an end-of-file pattern only at the end', () => {
    const lines = ['x', 'y', 'x'];
    assert.deepEqual(seekSequence(lines, ['x'], 0, true), { index: 2, level: 'exact' });
    assert.equal(seekSequence(lines, ['y'], 0, true), null);
  });

  it('handles an empty pattern and one longer than the file', () => {
    assert.deepEqual(seekSequence(['a'], [], 1, false), { index: 1, level: 'exact' });
    assert.equal(seekSequence(['one'], ['too', 'many', 'lines'], 0, false), null);
  });
});
