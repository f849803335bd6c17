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

/**
 * The tokens of one piece: references and "[sic]" blanked first (regular expressions, rarely
 * matching), then one pass over the char codes that reads words and ellipses. A word is letters
 * and digits, with inner apostrophes before letters ("patient's") and inner hyphens or dashes
 * before letters or digits ("long-term"); "729.1" is two words.
 */
export function scan(text: string): ScannedTokens {
  let masked = text.includes('(') ? blank(text, REFERENCE) : text;
  if (masked.includes('[')) masked = blank(masked, SIC);
  const lower = masked.toLowerCase();
  // Lower case of a few non-ASCII letters is longer: then offsets in `lower` are not the text's.
  const aligned = lower.length === masked.length;
  const tokens: Token[] = [];
  const n = masked.length;
  for (let i = 0; i < n;) {
    const c = masked.charCodeAt(i);
    if (isAlnum(c)) {
      const end = wordEnd(masked, i);
      pushWord(masked, aligned ? lower.slice(i, end) : masked.slice(i, end).toLowerCase(), i, tokens);
      i = end;
    } else if (c === 0x2026) {
      tokens.push({ norm: GAP, start: i, end: i + 1 });
      i++;
    } else if (c === 46 && codeAt(masked, i + 1) !== 46 && !isSpace(codeAt(masked, i + 1))) {
      i++; // a period alone: no ellipsis starts here
    } else if (c === 46 && ellipsisEnd(masked, i) > 0) {
      tokens.push({ norm: GAP, start: i, end: i + 1 });
      i = ellipsisEnd(masked, i);
    } else i++;
  }
  return { tokens, dotted: masked.includes('..') || masked.includes('\u2026') };
}

/** A global copy of a pattern, for one call (no lastIndex shared between calls). */
export function everywhere(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, `${pattern.flags}g`);
}

function blank(text: string, pattern: RegExp): string {
  return text.replace(everywhere(pattern), (m) => ' '.repeat(m.length));
}

/** Where the word starting at `i` ends: letters and digits, then apostrophe and hyphen groups in any order. */
function wordEnd(text: string, i: number): number {
  i = skipAlnum(text, i);
  for (;;) {
    const c = codeAt(text, i);
    if (isApostrophe(c) && isLetter(codeAt(text, i + 1))) i = skipLetters(text, i + 1);
    else if (isDash(c) && isAlnum(codeAt(text, i + 1))) i = skipAlnum(text, i + 1);
    else return i;
  }
}

// The readers never read past the end (`codeAt`), and each skip has one test: optimised code
// reading past a string's end, or calling a test it did not see yet, is thrown away and compiled
// again (a de-optimisation).
function skipAlnum(text: string, i: number): number {
  while (i < text.length && isAlnum(text.charCodeAt(i))) i++;
  return i;
}

function skipLetters(text: string, i: number): number {
  while (i < text.length && isLetter(text.charCodeAt(i))) i++;
  return i;
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

/**
 * Pushes the token(s) of one word (`lower` is its lower case). A hyphenated word of letters is
 * one token ("longterm"); one with digits or number words is one token per part ("9-10",
 * "three-week", "ICD9-729").
 */
function pushWord(text: string, lower: string, start: number, out: Token[]): void {
  const end = start + lower.length;
  if (!hasDash(lower)) {
    out.push({ norm: normWord(lower), start, end });
    return;
  }
  const parts = lower.split(/[-\u2010\u2011\u2013\u2014]/);
  if (parts.every((p) => !hasDigit(p) && !NUMBER_WORDS.has(p))) {
    out.push({ norm: normWord(parts.join('')), start, end });
    return;
  }
  let at = start;
  for (const p of parts) {
    out.push({ norm: normWord(p), start: at, end: at + p.length });
    at += p.length + 1;
  }
}

/** A lower-case word without its apostrophes, a number word as digits. */
function normWord(lower: string): string {
  if (lower.includes("'") || lower.includes('\u2019')) lower = lower.replace(/['\u2019]/g, '');
  if (lower.length > 7) return lower;
  return NUMBER_WORDS.get(lower) ?? lower;
}

function hasDash(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (isDash(word.charCodeAt(i))) return true;
  return false;
}

function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (isDigit(word.charCodeAt(i))) return true;
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
