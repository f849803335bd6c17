/**
 * The standard quotation library (server/data/quotations.json): the bundled data, and the one
 * import for its types (quotation-types.ts) and matcher. The matcher is split along its seams:
 * - quotation-tokens.ts: the tokenizer (DOMAIN.md 2.5 step 5: curly quotes and dashes folded,
 *   hyphens dropped, lower case; number words as digits; author-year references and "[sic]"
 *   skipped; an ellipsis becomes a gap token);
 * - quotation-index.ts: the shingle index (three consecutive tokens), built once per catalog, that
 *   finds the candidate quotations of a text without comparing it with every entry, and
 *   remembers the passages it found;
 * - quotation-pieces.ts: a searched text read a sentence at a time, with a memory of sentences;
 * - quotation-shingles.ts: the shingles as integers in a hash table;
 * - quotation-align.ts: the aligner, which grows shingle hits into anchors, chains them and
 *   classifies the gaps between anchors (the differing words);
 * - quotation-meaning.ts: what a difference does to the meaning (negation, number, opposite word).
 */
import quotationData from '../../../data/quotations.json';
import type { QuotationData } from './quotation-types';

export { QuotationIndex } from './quotation-index';
export type { IndexStats } from './quotation-index';
export { GAP, isNegation, isNumber, tokenize } from './quotation-tokens';
export type { Token } from './quotation-tokens';
export { meaningOf, Opposites } from './quotation-meaning';
export type { Meaning } from './quotation-meaning';
export type { Quotation, QuotationData, QuotationKind, QuotationTemplate, QuotationVariant, QuoteEdit, QuoteMatch } from './quotation-types';

/** The bundled quotation library. */
export const QUOTATIONS = quotationData as unknown as QuotationData;
