/**
 * What a difference between a letter's words and a quotation's words does to the meaning: a
 * negation added or lost ("recommended" for "not recommended"), a number changed ("2 weeks" for
 * "4 weeks"), or a word replaced by its opposite ("passive" for "active", "exceeds" for "meets").
 * The opposites are data (server/data/quotations.json `antonyms`), not code.
 */
import { isNegation, isNumber, tokenize } from './quotation-tokens';

export type Meaning = 'negation' | 'number' | 'antonym';

/** Word pairs of opposite meaning, in both directions, on normalised tokens ("first-line" is "firstline"). */
export class Opposites {
  private readonly pairs = new Map<string, Set<string>>();

  constructor(table: ReadonlyArray<readonly [string, string]> = []) {
    for (const [a, b] of table) {
      const na = tokenize(a).map((t) => t.norm).join(' ');
      const nb = tokenize(b).map((t) => t.norm).join(' ');
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
 * (so "not X" for "X" is a negation, "2" for "4" a number); an antonym is the whole changed run
 * (one word or a listed phrase) against the whole source run, after equal words at its ends.
 */
export function meaningOf(found: string[], expected: string[], opposites: Opposites): Meaning | undefined {
  const count = (words: string[], test: (w: string) => boolean) => words.filter(test).sort().join(' ');
  if (count(found, isNegation) !== count(expected, isNegation)) return 'negation';
  if (count(found, isNumber) !== count(expected, isNumber)) return 'number';
  if (!found.length || !expected.length) return undefined;
  if (opposites.opposite(found.join(' '), expected.join(' '))) return 'antonym';
  // One word of a short run replaced by its opposite, the rest equal ("long-term use" for "short-term use").
  if (found.length === expected.length) {
    const differing = found.map((w, i) => [w, expected[i]] as const).filter(([a, b]) => a !== b);
    if (differing.length === 1 && opposites.opposite(differing[0][0], differing[0][1])) return 'antonym';
  }
  return undefined;
}
