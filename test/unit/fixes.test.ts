import * as assert from 'assert';
import { applyFixes, lineEndingOf } from '../../server/src/service';

const at = (line: number, character: number) => ({ line, character });
const edit = (sl: number, sc: number, el: number, ec: number, newText: string) => ({ range: { start: at(sl, sc), end: at(el, ec) }, newText });

describe('applyFixes', () => {
  it('applies non-overlapping edits in any order', () => {
    const r = applyFixes('one two three\nfour', [edit(1, 0, 1, 4, '4'), edit(0, 4, 0, 7, 'TWO')]);
    assert.deepStrictEqual(r, { text: 'one TWO three\n4', applied: 2 });
  });
  it('refuses overlapping edits and leaves the text alone', () => {
    const r = applyFixes('abcdef', [edit(0, 1, 0, 4, 'X'), edit(0, 3, 0, 5, 'Y')]);
    assert.strictEqual(r.refused, 'overlap');
    assert.strictEqual(r.text, 'abcdef');
    assert.strictEqual(applyFixes('abc', [edit(0, 1, 0, 1, 'X'), edit(0, 1, 0, 1, 'Y')]).refused, 'overlap');
  });
  it('accepts edits that only touch', () => {
    assert.strictEqual(applyFixes('abcdef', [edit(0, 0, 0, 2, 'X'), edit(0, 2, 0, 4, 'Y')]).text, 'XYef');
  });
  it('refuses positions outside the text', () => {
    assert.strictEqual(applyFixes('abc', [edit(0, 5, 0, 6, 'X')]).refused, 'out-of-range');
    assert.strictEqual(applyFixes('abc', [edit(2, 0, 2, 0, 'X')]).refused, 'out-of-range');
  });
  it('keeps CRLF and CR documents in their own line ending', () => {
    assert.strictEqual(lineEndingOf('a\r\nb'), '\r\n');
    assert.strictEqual(lineEndingOf('a\rb'), '\r');
    assert.strictEqual(lineEndingOf('ab'), '\n');
    assert.strictEqual(applyFixes('a\r\nb', [edit(1, 0, 1, 0, 'HEADING\n\n')]).text, 'a\r\nHEADING\r\n\r\nb');
    assert.strictEqual(applyFixes('a\rb', [edit(1, 1, 1, 1, '\nx')]).text, 'a\rb\rx');
  });
});
