/**
 * A LineMap made from an earlier version's map and the common start of the two texts (an edit)
 * must have exactly the line starts of a map made from the new text alone, whatever the breaks
 * around the edit (\r, \n, \r\n split or joined by it).
 */
import * as assert from 'assert';
import { LineMap } from '../../server/src/service/text';
import { commonPrefixLength, commonSuffixLength } from '../../server/src/service/text-change';
import { getLanguageService } from '../../server/src/service';
import { ItemReuse, parseLetter } from '../../server/src/service/parser/parse';
import { exampleLetter } from '../letters';
import { numbers } from '../util';

/** The line starts of `text` found one character at a time (\r\n, \n and \r breaks). */
function naiveStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\r' || c === '\n') starts.push(i + 1);
  }
  return starts;
}

describe('LineMap line starts (one pass, through a scratch array kept between maps)', () => {
  it('has every start of texts longer and shorter than the scratch array, in any order', () => {
    // 70,000 lines: more than the scratch array keeps (65,536); then short texts reuse it.
    const long = Array.from({ length: 70_000 }, (_, i) => 'l' + (i % 7)).join('\n');
    const longCR = Array.from({ length: 3_000 }, (_, i) => 'x'.repeat(i % 3) + ['\r\n', '\r', '\n'][i % 3]).join('');
    for (const text of [long, 'a\nb\n', longCR, '', '\n', 'one line', long.slice(0, 5_000), 'a\r\nb\rc\n\nd']) {
      assert.deepStrictEqual([...new LineMap(text).starts], naiveStarts(text), JSON.stringify(text.slice(0, 20)));
    }
  });
});

describe('LineMap from an earlier version (edits)', () => {
  const pieces = ['\n', '\r\n', '\r', 'ab', ' ', 'line', '\n\n', ''];
  const next = numbers(11);
  const texts: string[] = [];
  for (let t = 0; t < 40; t++) {
    let text = '';
    for (let i = 0; i < 30; i++) text += pieces[next() % pieces.length];
    texts.push(text);
  }

  it('has the line starts of the new text, for every edit of random texts', () => {
    let checked = 0;
    for (const before of texts) {
      const old = new LineMap(before);
      for (let k = 0; k < 30; k++) {
        const at = next() % (before.length + 1);
        const removed = next() % 3;
        const inserted = pieces[next() % pieces.length] + pieces[next() % pieces.length];
        const after = before.slice(0, at) + inserted + before.slice(at + removed);
        const head = commonPrefixLength(before, after);
        const tail = commonSuffixLength(before, after, Math.min(before.length, after.length) - head);
        assert.deepStrictEqual([...new LineMap(after, old, head, tail).starts], [...new LineMap(after).starts], JSON.stringify({ before, after }));
        // The common start alone (a caller that did not look at the end).
        assert.deepStrictEqual([...new LineMap(after, old, head).starts], [...new LineMap(after).starts], JSON.stringify({ before, after }));
        checked++;
      }
    }
    assert.strictEqual(checked, 1200);
  });

  it('splits and joins a CR LF break at the edge of the common start', () => {
    for (const [before, after] of [
      ['a\rb', 'a\r\nb'],
      ['a\r\nb', 'a\rb'],
      ['a\r', 'a\r\n'],
      ['a\nb\r', 'a\nb\rc'],
      ['x\n', 'x\n\r'],
      ['a\rb', 'a\r\rb'],
      ['a\nb', 'a\r\nb'],
      ['a\r\nb', 'a\r\r\nb'],
      ['\nb', '\r\nb'],
    ]) {
      const head = commonPrefixLength(before, after);
      const tail = commonSuffixLength(before, after, Math.min(before.length, after.length) - head);
      assert.deepStrictEqual(
        [...new LineMap(after, new LineMap(before), head, tail).starts],
        [...new LineMap(after).starts],
        JSON.stringify({ before, after }),
      );
    }
  });

  it('finds a NUL typed after the common start (binary), and a next version without it', () => {
    const service = getLanguageService();
    const text = 'HEADER\nCLINICAL CASE SUMMARY\nSome text.\n';
    const version = (v: number, t: string) => service.parse({ uri: 'file:///nul.imr', version: v, getText: () => t });
    assert.strictEqual(version(1, text).binary, false);
    assert.strictEqual(version(2, text + 'x\u0000').binary, true);
    assert.strictEqual(version(3, text + 'x').binary, false);
  });

  it('parses an edited letter as it parses its text from scratch (line columns taken from the earlier version)', () => {
    const catalog = getLanguageService().catalog;
    const letter = exampleLetter('defective-letter.imr');
    // The same letter double-spaced (its spacer lines dropped by the parse) and with CR LF breaks.
    for (const before of [letter, letter.replace(/\n/g, '\n\n'), letter.replace(/\n/g, '\r\n')]) {
      const earlier = parseLetter(before, 'u', 1, catalog, new ItemReuse());
      // In and before each heading (a heading spoiled or made), and elsewhere.
      const headings = earlier.sections.flatMap((section) => {
        const start = earlier.lines.offsetAt(section.heading.range.start);
        return [start, start + 3, start - 1];
      });
      assert.ok(headings.length >= 6, `${headings.length} heading offsets`);
      for (const at of [1, 40, Math.floor(before.length / 3), Math.floor(before.length / 2), before.length - 5, before.length, ...headings]) {
        // Characters inserted at `at`, or `at` and the next characters deleted (removed.length of them).
        for (const [inserted, removed] of [
          ['x', 0],
          ['\n', 0],
          ['\r', 0],
          ['CLINICAL CASE SUMMARY\n', 0],
          ['\n\n', 0],
          ['\u0000', 0],
          ['', 3],
          ['y', 1],
        ] as const) {
          const after = before.slice(0, at) + inserted + before.slice(at + removed);
          const head = commonPrefixLength(before, after);
          const tail = commonSuffixLength(before, after, Math.min(before.length, after.length) - head);
          const edited = parseLetter(after, 'u', 2, catalog, new ItemReuse(), { model: earlier, head, tail });
          assert.strictEqual(JSON.stringify(edited), JSON.stringify(parseLetter(after, 'u', 2, catalog)), JSON.stringify({ at, inserted, removed }));
        }
      }
    }
  });
});
