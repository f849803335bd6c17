/**
 * What a difference between a letter's words and a quotation's words does to the meaning: a
 * negation added or lost ("recommended" for "not recommended"), a number changed ("2 weeks" for
 * "4 weeks"), or a word replaced by its opposite ("passive" for "active", "exceeds" for "meets").
 * The opposites are data (server/data/quotations.json `antonyms`), not code.
 */
import { isNegation, isNumber, tokenize } from './quotation-tokens';

export type Meaning = 'negation' | 'number' | 'antonym';

/** Words of degree: with one of them, a changed run is a paraphrase ("less clear" / "unclear"), not an opposite. */
const DEGREE = new Set(['less', 'least', 'more', 'most', 'hardly', 'barely', 'poorly', 'somewhat', 'fairly']);

/** True for a word of degree ("less", "more"): beside one, an opposite word is a paraphrase. */
export function isDegree(norm: string): boolean {
  return DEGREE.has(norm);
}

/** Word pairs of opposite meaning, in both directions, on normalised tokens ("first-line" is "firstline"). */
export class Opposites {
  private readonly pairs = new Map<string, Set<string>>();

  constructor(table: ReadonlyArray<readonly [string, string]> = []) {
    for (const [a, b] of table) {
      const na = tokenize(a)
        .map((t) => t.norm)
        .join(' ');
      const nb = tokenize(b)
        .map((t) => t.norm)
        .join(' ');
      if (!na || !nb || na === nb) continue;
      this.add(na, nb);
      this.add(nb, na);
    }
  }

  private add(a: string, b: string): void {
    let set = this.pairs.get(a);
    if (!set) this.pairs.set(a, (set = new Set()));
    set.add(b);
  }

  /** True when `a` and `b` (normalised words or word runs joined by one space) are listed as opposites. */
  opposite(a: string, b: string): boolean {
    return this.pairs.get(a)?.has(b) ?? false;
  }

  get size(): number {
    return this.pairs.size;
  }
}

/**
 * The meaning a changed run of words carries. A negation or a number is counted as a multiset
 * (so "not X" for "X" is a negation, "2" for "4" a number); an opposite is the whole changed run
 * against the whole source run (a listed phrase: "after" for "prior to"), or one word only the
 * letter has against one word only the source has.
 */
/**
 * The two runs have the same words that pass `test` (in any order). Most runs of the aligner's
 * differences (every keystroke in a rationale aligns some) have none: no arrays are made then.
 */
function sameWordsOf(found: string[], expected: string[], test: (w: string) => boolean): boolean {
  if (!found.some(test) && !expected.some(test)) return true;
  return found.filter(test).sort().join(' ') === expected.filter(test).sort().join(' ');
}

export function meaningOf(found: string[], expected: string[], opposites: Opposites): Meaning | undefined {
  if (!sameWordsOf(found, expected, isNegation)) return 'negation';
  if (!sameWordsOf(found, expected, isNumber)) return 'number';
  if (!found.length || !expected.length) return undefined;
  if (opposites.opposite(found.join(' '), expected.join(' '))) return 'antonym';
  // A word of the run replaced by its opposite, whatever else changed around it ("nonspecific
  // nerve root" for "specific nerve"): a word only the letter has against a word only the source has.
  const onlyFound = found.filter((w) => !expected.includes(w));
  const onlyExpected = expected.filter((w) => !found.includes(w));
  // "unclear" for "less clear" says the same: a word of degree beside the other word makes it a paraphrase.
  if (onlyFound.some(isDegree) || onlyExpected.some(isDegree)) return undefined;
  if (onlyFound.some((a) => onlyExpected.some((b) => opposites.opposite(a, b)))) return 'antonym';
  return undefined;
}
