/**
 * The words of a text as the quotation matcher sees them (DOMAIN.md 2.5 step 5): curly quotes and
 * dashes folded, hyphens dropped, lower case; number words as digits; author-year references and
 * "[sic]" skipped; an ellipsis becomes a gap token. Each token keeps its offsets in the text.
 *
 * The tokenizer is split in two so that a text can be tokenized a piece at a time
 * (quotation-pieces.ts): `scan` reads one piece, char code by char code, and `finish` applies what
 * depends on the whole text (whether ellipses count at all, and range words between two numbers).
 */
/** A word of a text: its normalised form and where it stands ([start, end) in the text). */
export interface Token {
  norm: string;
  start: number;
  end: number;
}

/** The token an ellipsis ("...", "…") becomes: it stands for words left out on purpose. */
export const GAP = '\u2026';

export const NUMBER_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    one: '1',
    two: '2',
    three: '3',
    four: '4',
    five: '5',
    six: '6',
    seven: '7',
    eight: '8',
    nine: '9',
    ten: '10',
    eleven: '11',
    twelve: '12',
    fifteen: '15',
    twenty: '20',
    thirty: '30',
  }),
);

const NEGATIONS = new Set(['not', 'no', 'never', 'cannot', 'nor', 'none', 'neither', 'without', 'non', 'dont', 'doesnt', 'isnt', 'arent', 'wont', 'shouldnt']);

// "(Baillargeon, 2003)", "(van Tulder, 2006)", "(Clinical Pharmacology, 2008)": references, not words of the rule.
const REFERENCE = /\((?:[A-Z][A-Za-z'\u2019.-]*\s?){1,4}(?:et al\.?\s?)?,?\s(?:19|20)\d\d[a-z]?\)/;
const SIC = /\[\s*sic\s*\]/i;

/** The tokens of one piece of text, before `finish`. */
export interface ScannedTokens {
  /** Every word and every ellipsis (a `GAP` token), in text order; no range word dropped yet. */
  tokens: Token[];
  /** True when the piece holds ".." or "…": only then do its ellipses count (see `finish`). */
  dotted: boolean;
}

/** Splits a text into normalised word tokens with their offsets in `text`. */
export function tokenize(text: string): Token[] {
  const scanned = scan(text);
  return finish(scanned.tokens, scanned.dotted);
}

/**
 * What depends on the whole text, on its scanned tokens (of all its pieces, in order): an ellipsis
 * is a gap only when the text holds ".." or "…" somewhere (". . ." alone is not looked for), and
 * "2 to 3", "3 or 4", "2-3" are the same range: "to"/"or" between two numbers is dropped.
 */
export function finish(scanned: Token[], dotted: boolean): Token[] {
  const tokens = dotted ? scanned : scanned.filter((t) => t.norm !== GAP);
  return tokens.filter((t, i) => !(isRangeWord(t.norm) && isDigits(tokens[i - 1]?.norm) && isDigits(tokens[i + 1]?.norm)));
}

/** "to" or "or": dropped between two numbers (`finish`). */
export function isRangeWord(norm: string): boolean {
  return norm === 'to' || norm === 'or';
}

/** True for a token of digits only ("2", not "2nd"). */
export function isDigits(norm: string | undefined): boolean {
  if (!norm) return false;
  for (let i = 0; i < norm.length; i++) if (!isDigit(norm.charCodeAt(i))) return false;
  return true;
}

/** The kinds of a scanned token (`TokenScan.bounds`). */
export const WORD = 0;
export const ELLIPSIS_TOKEN = 1;

/**
 * The tokens of one piece as numbers, without a string or an object per token: references and
 * "[sic]" blanked first (regular expressions, rarely matching), then one pass over the char codes
 * that reads words and ellipses. A word is letters and digits, with inner apostrophes before
 * letters ("patient's") and inner hyphens or dashes before letters or digits ("long-term");
 * "729.1" is two words. A word's characters are ASCII letters and digits, apostrophes and dashes
 * only: its norm is its characters in lower case without apostrophes or dashes, a number word as
 * digits (`wordNorm`), so that a caller can look a word up by its char codes (quotation-words.ts)
 * and make its norm only when it needs the string.
 */
export class TokenScan {
  /**
   * Four numbers per token: start, end ([start, end) in the text), kind (WORD or
   * ELLIPSIS_TOKEN) and, of a word, the hash of its spelling (`spellingHash`), computed as it is read.
   */
  bounds = new Int32Array(4 * 64);
  /** Tokens in `bounds`. */
  count = 0;
  /** True when the text holds ".." or "\u2026": only then do its ellipses count (see `finish`). */
  dotted = false;

  /**
   * Its own global copies of REFERENCE and SIC for `blank`: `replace` starts each call at 0 and
   * leaves lastIndex at 0, and nothing else uses them (a copy per call was made for every new
   * sentence with a "(").
   */
  private readonly references = everywhere(REFERENCE);
  private readonly sics = everywhere(SIC);

  /** Scans `text` (the results replace the last scan's). */
  read(text: string): void {
    let masked = text.includes('(') ? blank(text, this.references) : text;
    if (masked.includes('[')) masked = blank(masked, this.sics);
    this.count = 0;
    const n = masked.length;
    for (let i = 0; i < n;) {
      const c = masked.charCodeAt(i);
      if (c < 128 && DIGIT_OF[c] !== 0)
        i = this.word(masked, i, c); // a letter or a digit
      else if (c === 0x2026) {
        this.push(i, i + 1, ELLIPSIS_TOKEN, 0);
        i++;
      } else if (c === 46) {
        // A period: an ellipsis starts here when two more dots follow (at most one space before each).
        const end = ellipsisEnd(masked, i);
        if (end > 0) this.push(i, i + 1, ELLIPSIS_TOKEN, 0);
        i = end > 0 ? end : i + 1;
      } else i++;
    }
    this.dotted = masked.includes('..') || masked.includes('\u2026');
  }

  /**
   * Reads the word that starts at `start` (`c`, its first char code, a letter or a digit) and
   * returns where it ends: letters and digits, then apostrophe groups (letters only after the
   * apostrophe) and hyphen groups (letters and digits) in any order. The hash of its spelling
   * (its letters and digits) is computed as it is read. Its state in locals, a tight loop per kind
   * of group: this runs for every character of every new sentence's words (a method per group,
   * sharing the hash in a field, took about 30% longer on the open workload's sentences).
   */
  private word(text: string, start: number, c: number): number {
    const n = text.length;
    let h = SPELLING_SEED;
    let dashes = false;
    let i = start;
    for (;;) {
      // Letters and digits (`c` is one): a char code is one when it has a digit (`DIGIT_OF`).
      h = spellingStep(h, c);
      let d = 0;
      while (++i < n && (c = text.charCodeAt(i)) < 128 && (d = DIGIT_OF[c]) !== 0) h = (Math.imul(h, 37) + d) | 0;
      // Apostrophe groups: letters only (digits above 10).
      while (i + 1 < n && isApostrophe(c) && isLetter(text.charCodeAt(i + 1))) {
        h = spellingStep(h, text.charCodeAt(++i));
        while (++i < n && (c = text.charCodeAt(i)) < 128 && (d = DIGIT_OF[c]) > 10) h = (Math.imul(h, 37) + d) | 0;
      }
      // A hyphen group: letters and digits again.
      if (i + 1 < n && isDash(c) && isAlnum(text.charCodeAt(i + 1))) {
        dashes = true;
        c = text.charCodeAt(++i);
        continue;
      }
      break;
    }
    if (dashes) this.dashed(text, start, i, h);
    else this.push(start, i, WORD, h);
    return i;
  }

  /**
   * A word with dashes: one token when its parts are letters ("long-term": "longterm"), one token
   * per part when a part has a digit or is a number word ("9-10", "three-week", "ICD9-729").
   */
  private dashed(text: string, start: number, end: number, hash: number): void {
    let split = false;
    for (let from = start; from < end && !split; from = partEnd(text, from, end) + 1) {
      const to = partEnd(text, from, end);
      split = hasDigit(text, from, to) || NUMBER_WORDS.has(text.slice(from, to).toLowerCase());
    }
    if (!split) return this.push(start, end, WORD, hash);
    for (let from = start; from < end; from = partEnd(text, from, end) + 1) {
      const to = partEnd(text, from, end);
      this.push(from, to, WORD, spellingHash(text, from, to));
    }
  }

  /** Gives back a large `bounds` (the next scan starts small again). */
  release(): void {
    this.bounds = new Int32Array(4 * 64);
    this.count = 0;
  }

  private push(start: number, end: number, kind: number, hash: number): void {
    if (4 * this.count + 4 > this.bounds.length) {
      const grown = new Int32Array(2 * this.bounds.length);
      grown.set(this.bounds);
      this.bounds = grown;
    }
    const at = 4 * this.count++;
    this.bounds[at] = start;
    this.bounds[at + 1] = end;
    this.bounds[at + 2] = kind;
    this.bounds[at + 3] = hash;
  }
}

/**
 * The hash of a word's spelling: its letters and digits in lower case, apostrophes and dashes
 * left out, each a digit from 1 to 36 ("0" to "9" 1 to 10, "a" to "z" 11 to 36), read as a
 * number in base 37 modulo 2 ** 32 (Horner's rule). Computed char by char as the scanner reads a
 * word (`spellingStep` from `SPELLING_SEED`), or of a span of text (`spellingHash`).
 *
 * For a spelling of at most EXACT_SPELLING (6) characters the hash is the number itself (37 ** 6
 * is less than 2 ** 32, so nothing is lost modulo 2 ** 32), and numbers in base 37 whose digits
 * are all 1 or more are equal only for equal digit strings (a longer one is the larger): equal
 * hashes of two such spellings are equal spellings, and quotation-words.ts compares no characters
 * for them. A longer spelling's hash is only a hash.
 */
export const SPELLING_SEED = 0;

/** Spellings this long at most have a hash no other spelling this long at most has (`spellingStep`). */
export const EXACT_SPELLING = 6;

/** Per ASCII char code, its digit in a spelling's hash: "0" to "9" 1 to 10, letters 11 to 36 (either case), others 0. */
const DIGIT_OF = new Uint8Array(128);
for (let c = 48; c <= 57; c++) DIGIT_OF[c] = c - 47;
for (let c = 97; c <= 122; c++) DIGIT_OF[c] = DIGIT_OF[c - 32] = c - 86;

/** `h` followed by char code `c` (an ASCII letter or digit). */
export function spellingStep(h: number, c: number): number {
  return (Math.imul(h, 37) + DIGIT_OF[c]) | 0;
}

/** `spellingStep` over the letters and digits of [start, end) of `text`. */
export function spellingHash(text: string, start: number, end: number): number {
  let h = SPELLING_SEED;
  for (let i = start; i < end; i++) if (isAlnum(text.charCodeAt(i))) h = spellingStep(h, text.charCodeAt(i));
  return h;
}

/** The scanner of `scan` (its results are copied out at once). */
const scanner = new TokenScan();

/** The tokens of one piece (`TokenScan`), as Token objects. */
export function scan(text: string): ScannedTokens {
  scanner.read(text);
  const tokens: Token[] = [];
  const bounds = scanner.bounds;
  for (let k = 0; k < scanner.count; k++) {
    const start = bounds[4 * k];
    const end = bounds[4 * k + 1];
    tokens.push({ norm: bounds[4 * k + 2] === WORD ? wordNorm(text, start, end) : GAP, start, end });
  }
  return { tokens, dotted: scanner.dotted };
}

/**
 * The norm of the word token [start, end) of `text` (of a scan): lower case, without its
 * apostrophes and dashes, a number word as digits. (Its characters are the same in the text and
 * in the scanned copy with references blanked: a word never runs into a blanked span.)
 * `numberWord` false: the caller knows the word is no number word (quotation-words.ts: its
 * spelling has no DIGITS role), and its spelling is not looked up among them.
 */
export function wordNorm(text: string, start: number, end: number, numberWord = true): string {
  let lower = text.slice(start, end).toLowerCase();
  // Its characters other than letters and digits are apostrophes and dashes: all left out.
  if (!isSpelled(text, start, end)) lower = lower.replace(/['\u2019\-\u2010\u2011\u2013\u2014]/g, '');
  if (!numberWord || lower.length > 7) return lower;
  return NUMBER_WORDS.get(lower) ?? lower;
}

/** True when [start, end) of `text` is letters and digits only. */
function isSpelled(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isAlnum(text.charCodeAt(i))) return false;
  return true;
}

/** A global copy of a pattern, for one call (no lastIndex shared between calls). */
export function everywhere(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, `${pattern.flags}g`);
}

/** `text` with the matches of `pattern` (a global copy) replaced by as many spaces. */
function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, spaces);
}

function spaces(match: string): string {
  return ' '.repeat(match.length);
}

/** Where the part of a word that starts at `from` ends: at its next dash, or at the word's `end`. */
function partEnd(text: string, from: number, end: number): number {
  while (from < end && !isDash(text.charCodeAt(from))) from++;
  return from;
}

/** The char code at `i`, or -1 past the end (no class). */
function codeAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1;
}

/** The end of "...", ". . ." (one white space at most between dots) starting at `i`, or -1. */
function ellipsisEnd(text: string, i: number): number {
  for (let dots = 1; dots < 3; dots++) {
    i++;
    if (isSpace(codeAt(text, i))) i++;
    if (codeAt(text, i) !== 46) return -1;
  }
  return i + 1;
}

function hasDigit(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isDigit(text.charCodeAt(i))) return true;
  return false;
}

// Character classes by char code (-1, past the end, is no class).
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLetter(c: number): boolean {
  const l = c | 32; // ASCII upper case to lower case
  return l >= 97 && l <= 122;
}
function isAlnum(c: number): boolean {
  return isLetter(c) || isDigit(c);
}
function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}
function isDash(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011 || c === 0x2013 || c === 0x2014;
}
/** The characters of a regular expression's `\s`. */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function isNegation(norm: string): boolean {
  return NEGATIONS.has(norm);
}

export function isNumber(norm: string): boolean {
  return /\d/.test(norm);
}
