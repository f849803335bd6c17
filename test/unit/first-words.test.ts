/**
 * catalog/first-words.ts finds what the expression it replaced found: the stand-alone runs of
 * ASCII letters equal (but for case) to a name's first word, on seeded random texts of letters,
 * digits, hyphens and non-ASCII letters that fold onto ASCII ones under Unicode rules only.
 */
import * as assert from 'assert';
import { FirstWordRuns } from '../../server/src/service/catalog/first-words';
import { numbers } from '../util';

const WORDS = ['a', 'ab', 'ibuprofen', 'ibu', 'norco', 'tramadol', 'k', 'ks', 'st'];
const PIECES = [...WORDS, 'IBUPROFEN', 'Norco', 'xnorco', 'norcox', ' ', ' ', '-', '5', '/', 'é', 'ſt', '\u212A', '\u212As', 'TRAMADOLs', '\n'];

/** The matches of the expression the scan used before (their start and end). */
function byExpression(text: string): string[] {
  const re = new RegExp(`(?<![A-Za-z])(?:${[...WORDS].sort((a, b) => b.length - a.length).join('|')})(?![A-Za-z])`, 'gi');
  return [...text.matchAll(re)].map((m) => `${m.index}-${m.index + m[0].length}`);
}

/** The candidate runs of FirstWordRuns that are words (the scan looks each one up). */
function byRuns(text: string): string[] {
  const runs = new FirstWordRuns(WORDS);
  const found: string[] = [];
  for (let from = 0; runs.next(text, from); from = runs.end) {
    if (WORDS.includes(text.slice(runs.start, runs.end).toLowerCase())) found.push(`${runs.start}-${runs.end}`);
  }
  return found;
}

describe('FirstWordRuns (catalog/first-words.ts)', () => {
  it('finds the first words the expression found, on 2,000 random texts', () => {
    const next = numbers(11);
    for (let t = 0; t < 2000; t++) {
      const count = next() % 12;
      let text = '';
      for (let k = 0; k < count; k++) text += PIECES[next() % PIECES.length];
      assert.deepStrictEqual(byRuns(text), byExpression(text), JSON.stringify(text));
    }
  });

  it('a run that began before the start is not a word start', () => {
    const runs = new FirstWordRuns(WORDS);
    assert.strictEqual(runs.next('xnorco norco', 1), true);
    assert.deepStrictEqual([runs.start, runs.end], [7, 12]);
  });
});
