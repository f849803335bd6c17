/**
 * LineMap and JoinedText remember where their last lookup landed (a cursor, so that positions
 * asked in document order cost no binary search): the answers must not depend on the order of the
 * questions.
 */
import * as assert from 'assert';
import { JoinedText, LineMap } from '../../server/src/service/text';
import { numbers } from '../util';

describe('position cursors (LineMap, JoinedText)', () => {
  const short = 'first line\nsecond\r\n\r\nfourth line here\rfifth\n\nseventh\n';
  const next = numbers(3);
  const breaks = ['\n', '\r\n', '\r', '\n\n'];
  let long = '';
  for (let i = 0; i < 2000; i++) long += 'x'.repeat(next() % 12) + breaks[next() % breaks.length];

  for (const [name, text] of [
    ['a short text', short],
    ['2,000 lines (long jumps)', long],
  ])
    it(`LineMap.positionAt gives the same answer in any order, before, inside and after ${name}`, () => {
      // Line starts after each break (\r\n is one break), by a linear scan.
      const starts = [0];
      for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
      const expected = (offset: number) => {
        const clamped = Math.max(0, Math.min(offset, text.length));
        let line = 0;
        while (line + 1 < starts.length && starts[line + 1] <= clamped) line++;
        return { line, character: clamped - starts[line] };
      };
      const map = new LineMap(text);
      for (let offset = -2; offset <= text.length + 2; offset++) assert.deepStrictEqual(map.positionAt(offset), expected(offset), `in order, ${offset}`);
      for (let offset = text.length + 2; offset >= -2; offset--) assert.deepStrictEqual(map.positionAt(offset), expected(offset), `backwards, ${offset}`);
      for (let k = 0; k < 500; k++) {
        const offset = (next() % (text.length + 5)) - 2;
        assert.deepStrictEqual(map.positionAt(offset), expected(offset), `random, ${offset}`);
      }
      assert.deepStrictEqual(map.positionAt(NaN), { line: 0, character: NaN });
    });

  it('JoinedText.offsetAt gives the same answer in any order (empty pieces and separators included)', () => {
    const source = 'alpha beta\n  gamma-\ndelta\n\nepsilon';
    const build = () => {
      const j = new JoinedText();
      j.append(source, 0, 10, ' ');
      j.append(source, 13, 19, ' ');
      j.append(source, 20, 25, '');
      j.append(source, 26, 26, ' ');
      j.append(source, 27, 34, ' ');
      return j;
    };
    const reference = build();
    const length = reference.text.length;
    const inOrder: number[] = [];
    for (let i = 0; i <= length; i++) inOrder.push(reference.offsetAt(i));
    const shuffled = build();
    const next = numbers(11);
    for (let k = 0; k < 500; k++) {
      const i = next() % (length + 1);
      assert.strictEqual(shuffled.offsetAt(i), inOrder[i], `index ${i}`);
    }
    for (let i = length; i >= 0; i--) assert.strictEqual(shuffled.offsetAt(i), inOrder[i], `backwards, index ${i}`);
  });
});
