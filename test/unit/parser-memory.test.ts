/**
 * What the parser keeps per line of a big document (issue 11: one 5 MB document): the lines are
 * columns of numbers (parser/lines.ts, LineTable), read by index: the parse makes no line object
 * (a `SourceLine` is made on demand for a caller that wants one). Proved by counting the objects
 * made, never by timing.
 */
import * as assert from 'assert';
import { buildCatalog } from '../../server/src/service/catalog';
import { parseLetter } from '../../server/src/service/parser/parse';
import { LineTable, splitLines } from '../../server/src/service/parser/lines';
import { exampleLetter } from '../letters';

const catalog = buildCatalog();

/** Line objects made while `run` ran. */
function linesMade(run: () => void): number {
  const before = LineTable.made;
  run();
  return LineTable.made - before;
}

describe('parser memory per line (counted, not timed)', () => {
  it('makes no line object for a document of 50 letters', () => {
    const one = exampleLetter('clean-letter.imr');
    const single = linesMade(() => parseLetter(one, 'one', 1, catalog));
    const big = Array.from({ length: 50 }, (_, k) => `${one}\nCopy ${k}.\n`).join('');
    const lineCount = big.split('\n').length;
    const made = linesMade(() => parseLetter(big, 'big', 1, catalog));
    // Every step reads the table (paragraphs, headings, the header, the summary, the credentials).
    assert.strictEqual(single, 0);
    assert.strictEqual(made, 0, `${made} line objects for ${lineCount} lines`);
    assert.ok(made < lineCount / 5, `${made} line objects for ${lineCount} lines`);
  });

  it('keeps the same line facts as objects made on demand', () => {
    const text = 'A\r\n\f  B  \n\n   \nC';
    const table = splitLines(text, [0, 3, 10, 11, 15]);
    const lines = table.slice(0);
    assert.deepStrictEqual(
      lines.map((l) => [l.line, l.start, l.length, l.lead, l.end, l.ff, l.blank, l.text]),
      [
        [0, 0, 1, 0, 1, false, false, 'A'],
        [1, 3, 6, 3, 4, true, false, '\f  B  '],
        [2, 10, 0, 0, 0, false, true, ''],
        [3, 11, 3, 3, 3, false, true, '   '],
        [4, 15, 1, 0, 1, false, false, 'C'],
      ],
    );
    const logical = table.withoutEmpty();
    assert.deepStrictEqual(
      logical.slice(0).map((l) => l.line),
      [0, 1, 3, 4],
    );
  });
});
