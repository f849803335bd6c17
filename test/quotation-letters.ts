/**
 * Shared by the quotation tests: a one-item letter around a rationale, and the single-word
 * opposites of the catalog's antonym table (what an injected defect swaps).
 */
import { tokenize } from '../server/src/service/catalog/quotations';

/** A letter with one Upheld item whose MAXIMUS line is `maximusLine` and whose rationale is `rationale`. */
export function oneItemLetter(maximusLine: string, rationale: string): string {
  return [
    'HOW THE IMR FINAL DETERMINATION WAS MADE',
    'An expert reviewer reviewed the file.',
    '',
    'CLINICAL CASE SUMMARY',
    'A 50 year old driver has low back pain.',
    '',
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'The Final Determination was based on decisions for the disputed items/services set forth below:',
    '',
    'Physical therapy x 12: Upheld',
    '',
    'Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.',
    '',
    maximusLine,
    '',
    `Decision rationale: ${rationale}`,
    '',
  ].join('\n');
}

/** Opposites by normalised word, with the word to write (one word each side; the raw pairs keep their hyphen, "long-term"). */
export function oppositeWords(): Map<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data = require('../server/data/quotations.json') as { antonyms?: Array<[string, string]> };
  const out = new Map<string, string>();
  for (const [a, b] of data.antonyms ?? []) {
    if (a.includes(' ') || b.includes(' ')) continue;
    const na = tokenize(a)[0]?.norm;
    const nb = tokenize(b)[0]?.norm;
    if (na && nb && !out.has(na)) out.set(na, b);
    if (na && nb && !out.has(nb)) out.set(nb, a);
  }
  return out;
}
