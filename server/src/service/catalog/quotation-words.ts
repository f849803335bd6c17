/**
 * The library's words looked up from a text's char codes (a word token of `TokenScan`), with no
 * string made for the word: most words of a searched text are only looked up (their vocabulary
 * id, for the shingles), and the aligner reads the norms of a few (quotation-pieces.ts builds
 * them then). An open-addressing table (its slots a typed array) keyed by the word's spelling:
 * its characters in lower case without apostrophes or dashes, the norm before number words
 * become digits (quotation-tokens.ts `wordNorm`).
 */
import { EXACT_SPELLING, NUMBER_WORDS, spellingHash } from './quotation-tokens';

/** Role bits of a token in `finish` (quotation-tokens.ts): digits only, "to" or "or", an ellipsis. */
export const DIGITS = 1;
export const RANGE_WORD = 2;
export const ELLIPSIS = 4;

/** `WordTable.code`: the id shifted left by these bits, the role bits in them. */
const ID_BITS = 3;

export class WordTable {
  /**
   * Four numbers per slot, so that a probe reads one cache line: the hash of the entry's spelling,
   * its code (`codeOf` its vocabulary id and its roles; never 0: an entry has an id or a role, and
   * 0 marks an empty slot), and where its spelling's char codes stand in `chars` (start, length).
   * (Arrays per entry, and a string per spelling, made a probe read four places in memory.)
   */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** 32 minus the bits of a slot number (`slotOf`). */
  private readonly shift: number;
  /** The spellings' char codes (lower-case ASCII letters and digits), one after the other. */
  private readonly chars: Uint8Array;
  private used = 0;

  /**
   * `words`: the vocabulary by id (`words[id]`, none at 0). Each word is its own spelling; a
   * number word's spelling has the id of its digits (the norm the tokenizer gives it), and "to"
   * and "or" are entries whether the library has them or not (their role).
   */
  constructor(words: readonly string[]) {
    let size = 16;
    while (size < 4 * (words.length + NUMBER_WORDS.size + 2)) size *= 2;
    this.slots = new Int32Array(4 * size);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
    let length = 0;
    for (const word of words) length += word.length;
    for (const word of NUMBER_WORDS.keys()) length += word.length;
    this.chars = new Uint8Array(length + 4);
    // The ids of the words of digits only (the number words' norms), and of "to" and "or".
    const ids = new Map<string, number>();
    for (let id = 1; id < words.length; id++) {
      const word = words[id];
      // (A vocabulary word of other characters, such as the ellipsis token, is no word's spelling.)
      if (!SPELLING.test(word)) continue;
      const digits = DIGITS_ONLY.test(word);
      if (digits || word === 'to' || word === 'or') ids.set(word, id);
      // A number word's spelling is never a norm (the tokenizer gives its digits): its entry is the digits' (below).
      if (!NUMBER_WORDS.has(word) && word !== 'to' && word !== 'or') this.add(word, codeOf(id, digits ? DIGITS : 0));
    }
    for (const [word, digits] of NUMBER_WORDS) this.add(word, codeOf(ids.get(digits) ?? 0, DIGITS));
    for (const word of ['to', 'or']) this.add(word, codeOf(ids.get(word) ?? 0, RANGE_WORD));
  }

  private add(spelling: string, code: number): void {
    const hash = spellingHash(spelling, 0, spelling.length);
    let s = slotOf(hash, this.shift);
    while (this.slots[4 * s + 1]) s = (s + 1) & this.mask;
    this.slots[4 * s] = hash;
    this.slots[4 * s + 1] = code;
    this.slots[4 * s + 2] = this.used;
    this.slots[4 * s + 3] = spelling.length;
    for (let k = 0; k < spelling.length; k++) this.chars[this.used++] = spelling.charCodeAt(k);
  }

  /**
   * The code of the word token [start, end) of `text` (`hash`: the hash of its spelling,
   * quotation-tokens.ts `spellingHash`): its vocabulary id (0: a word the library does not have)
   * shifted left by ID_BITS, plus its role bits (DIGITS, RANGE_WORD). Read with `idOf` and `rolesOf`.
   * A token of EXACT_SPELLING characters at most has a spelling that long at most, whose hash no
   * other such spelling has (quotation-tokens.ts `spellingStep`): an entry that short with its hash
   * is its spelling, and a longer entry is not. A longer token's spelling is compared char by char
   * on a hash hit (a hash never stands for a longer word).
   */
  code(text: string, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const short = end - start <= EXACT_SPELLING;
    for (let s = slotOf(hash, this.shift); slots[4 * s + 1]; s = (s + 1) & this.mask) {
      if (slots[4 * s] !== hash) continue;
      if (short ? slots[4 * s + 3] <= EXACT_SPELLING : this.sameSpelling(text, start, end, slots[4 * s + 2], slots[4 * s + 3])) return slots[4 * s + 1];
    }
    return isDigitsOnly(text, start, end) ? DIGITS : 0;
  }

  /** True when the spelling of [start, end) of `text` is the `length` char codes of `chars` from `from`. */
  private sameSpelling(text: string, start: number, end: number, from: number, length: number): boolean {
    const chars = this.chars;
    if (end - start < length) return false;
    if (end - start === length) {
      // As long as the spelling: char for char (an apostrophe or a dash, `| 32` or not, is no
      // letter or digit: it matches none of the spelling's).
      for (let k = 0; k < length; k++) if ((text.charCodeAt(start + k) | 32) !== chars[from + k]) return false;
      return true;
    }
    let k = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (!counts(c)) continue;
      if (k >= length || (c | 32) !== chars[from + k]) return false;
      k++;
    }
    return k === length;
  }
}

/** The code of vocabulary id `id` with role bits `roles`. */
export function codeOf(id: number, roles: number): number {
  return (id << ID_BITS) | roles;
}

export function idOf(code: number): number {
  return code >> ID_BITS;
}

export function rolesOf(code: number): number {
  return code & ((1 << ID_BITS) - 1);
}

/** The first slot to look at for a spelling's hash: the high bits of its product with an odd constant (well mixed). */
function slotOf(hash: number, shift: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> shift;
}

/**
 * The characters of a word that make its spelling: letters and digits (a word holds ASCII
 * letters and digits, apostrophes and dashes only; the others are all below "0" or above "z").
 */
function counts(c: number): boolean {
  return c >= 48 && c <= 122;
}

// The table is built once per catalog, at the first search, by cold code: a regular expression
// tests a vocabulary word in one call where a loop would step through its characters.
const SPELLING = /^[a-z0-9]+$/;
const DIGITS_ONLY = /^[0-9]+$/;

/** True when [start, end) of `text` is digits only, and not empty. */
function isDigitsOnly(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) < 48 || text.charCodeAt(i) > 57) return false;
  return end > start;
}
