/**
 * catalog/word-verdicts.ts answers as a map keyed by the lower-case word would: on seeded random
 * words (few letters, so that many hashes meet and words of one length share prefixes), through
 * its resizes and its clearing at its limit, in the two ways a word is looked up (a run of ASCII
 * letters in a line, lower-cased by the table; a lower-case word as given).
 */
import * as assert from 'assert';
import { hashStep, wordHash, WordVerdicts } from '../../server/src/service/catalog/word-verdicts';
import { numbers } from '../util';

/** The slot of `line[from, to)` looked up as a scan does (ASCII letters, hashed in lower case). */
function slotInLine(table: WordVerdicts<string>, line: string, from: number, to: number): number {
  let hash = 0;
  for (let i = from; i < to; i++) hash = hashStep(hash, line.charCodeAt(i) | 0x20);
  return table.slotOf(hash, line, from, to, true);
}

describe('WordVerdicts (catalog/word-verdicts.ts)', () => {
  it('gives the verdict kept for each word, and none for a word not kept, like a map (20,000 random words, limit 3,000)', () => {
    const next = numbers(11);
    const table = new WordVerdicts<string>(3000);
    const expected = new Map<string, string | null>();
    for (let k = 0; k < 20000; k++) {
      const length = 1 + (next() % 9);
      let word = '';
      for (let i = 0; i < length; i++) word += 'abcdeABCDE'[next() % 10];
      const lower = word.toLowerCase();
      // Half the time in a line, as a scan meets it; otherwise as a lower-case word.
      const inLine = next() % 2 === 0;
      const line = `--${word}..`;
      const slot = inLine ? slotInLine(table, line, 2, 2 + length) : table.slotOf(wordHash(lower), lower, 0, length, false);
      assert.strictEqual(slot >= 0, expected.has(lower), lower);
      if (slot >= 0) {
        assert.strictEqual(table.value(slot), expected.get(lower), lower);
        continue;
      }
      const verdict = next() % 3 === 0 ? `verdict of ${lower}` : null;
      table.add(slot, wordHash(lower), lower, verdict);
      // At its limit the table drops every word first (then holds this one).
      if (table.size === 1) expected.clear();
      expected.set(lower, verdict);
      assert.ok(table.size <= 3000);
    }
  });

  it('keeps a word longer than its pool at first, and other words after it', () => {
    const table = new WordVerdicts<string>(100);
    const long = 'x'.repeat(200_000);
    table.add(table.slotOf(wordHash(long), long, 0, long.length, false), wordHash(long), long, 'long');
    table.add(table.slotOf(wordHash('short'), 'short', 0, 5, false), wordHash('short'), 'short', null);
    assert.strictEqual(table.value(table.slotOf(wordHash(long), long, 0, long.length, false)), 'long');
    assert.strictEqual(table.value(table.slotOf(wordHash('short'), 'short', 0, 5, false)), null);
    assert.ok(table.slotOf(wordHash('shore'), 'shore', 0, 5, false) < 0);
  });
});
