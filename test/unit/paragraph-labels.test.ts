/**
 * toParagraphs (parser/paragraphs.ts) slices a line for the label patterns only when it starts
 * with a label's first three letters (`mayStartLabelAt`): where it does not, no label's pattern
 * could have matched.
 */
import * as assert from 'assert';
import { LineMap } from '../../server/src/service/text';
import { splitLines } from '../../server/src/service/parser/lines';
import { labelOf, lineMayEndWithDecision, mayStartLabelAt, PARAGRAPH_PATTERNS } from '../../server/src/service/parser/paragraphs';
import { numbers } from '../util';

/**
 * 5,000 lines of `start` and up to three random pieces each, split as the parser splits a letter;
 * a line for which `cut` says so loses the start's first 16 characters.
 */
function randomLines(seed: number, start: string, pieces: readonly string[], cut: (next: () => number) => boolean) {
  const next = numbers(seed);
  const lines: string[] = [];
  for (let t = 0; t < 5000; t++) {
    let line = start;
    const count = (next() >> 8) % 4;
    for (let k = 0; k < count; k++) line += pieces[(next() >> 8) % pieces.length];
    lines.push(cut(next) ? line.slice(16) : line);
  }
  const text = lines.join('\n');
  return splitLines(text, new LineMap(text).starts);
}

describe('paragraphs: the label and decision tests on the first and last characters', () => {
  it('lets every line a label pattern matches through (random lines of label words, cases and marks)', () => {
    const pieces = [
      'Claims Administrator guideline:',
      'CLAIMS  administrator GUIDELINES :',
      'MAXIMUS guideline:',
      'maximus\tguidelines:',
      'Decision rationale:',
      'DECISION RATIONALE :',
      'Claims',
      'cla',
      'Cl',
      'max',
      'dec',
      'de',
      ' ',
      ':',
      '\u0131',
      'x',
      'Continued',
    ];
    const table = randomLines(5, '', pieces, () => false);
    let labels = 0;
    let stopped = 0;
    for (let i = 0; i < table.count; i++) {
      if (table.blank(i)) continue;
      const label = labelOf(table.content(i));
      if (label) labels++;
      if (!mayStartLabelAt(table, i)) {
        stopped++;
        assert.strictEqual(label, undefined, JSON.stringify(table.content(i)));
      }
    }
    assert.ok(labels > 500 && stopped > 500, `${labels} labels, ${stopped} lines stopped`);
  });

  it('lets every line a decision pattern matches through (random line ends of decision words, cases, periods)', () => {
    const pieces = [
      ': Upheld',
      ':OVERTURNED.',
      'Upheld',
      'UPHELD',
      'upheld',
      'Overturned',
      'overTURNED',
      'held',
      'turned',
      'requested',
      'noted',
      'd',
      ':',
      ': ',
      '.',
      '..',
      ' ',
      'x',
      '\u0131',
    ];
    // One line in three without the treatment before the decision words.
    const table = randomLines(9, 'Ibuprofen 800mg', pieces, (next) => (next() >> 8) % 3 === 0);
    let decisions = 0;
    let stopped = 0;
    for (let i = 0; i < table.count; i++) {
      if (table.blank(i)) continue;
      const content = table.content(i);
      const matches = PARAGRAPH_PATTERNS.DECISION_LINE_END.test(content) || PARAGRAPH_PATTERNS.DECISION_ALONE.test(content);
      if (matches) decisions++;
      if (!lineMayEndWithDecision(table, i)) {
        stopped++;
        assert.strictEqual(matches, false, JSON.stringify(content));
      }
    }
    assert.ok(decisions > 100 && stopped > 1000, `${decisions} decisions, ${stopped} lines stopped`);
  });
});
