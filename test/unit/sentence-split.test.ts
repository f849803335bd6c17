/**
 * The sentence split (parser/rationale.ts) runs ABBREVIATION before a period only when few
 * enough word characters end the text before it (`mayEndWithAbbreviation`): where it is not run,
 * it could not have matched.
 */
import * as assert from 'assert';
import { mayEndWithAbbreviation, RATIONALE_PATTERNS } from '../../server/src/service/parser/rationale';
import { numbers } from '../util';

describe('sentence split: the abbreviation test', () => {
  it('is skipped only where ABBREVIATION cannot match (random texts of abbreviations, words, digits, marks)', () => {
    const pieces = ['a', 'B', 'approx', 'xapprox', 'e.g', 'i.e', 'No', 'Mrs', 'Fig', 'St', '1', '_', ' ', '.', '(', '-', 'word', 'é', 'etc'];
    const next = numbers(7);
    let skipped = 0;
    let tested = 0;
    for (let t = 0; t < 20000; t++) {
      let text = '';
      const count = next() % 6;
      for (let k = 0; k < count; k++) text += pieces[next() % pieces.length];
      // As splitSentences reads it: at most 8 characters before the period.
      const from = Math.max(0, text.length - 8);
      const slice = text.slice(from);
      const matches = RATIONALE_PATTERNS.ABBREVIATION.test(slice);
      if (!mayEndWithAbbreviation(text, from, text.length)) {
        skipped++;
        assert.strictEqual(matches, false, JSON.stringify(slice));
      } else tested++;
    }
    assert.ok(skipped > 1000 && tested > 1000, `${skipped} skipped, ${tested} tested`);
  });

  it('is run before an abbreviation and skipped after a long word', () => {
    for (const text of ['e.g', 'See Fig', 'approx', 'Dr', 'vs', 'the patient B'])
      assert.ok(mayEndWithAbbreviation(text, Math.max(0, text.length - 8), text.length), text);
    for (const text of ['is necessary', 'certified', 'xapprox', 'CM16_0213037'])
      assert.ok(!mayEndWithAbbreviation(text, Math.max(0, text.length - 8), text.length), text);
  });
});
