/**
 * The words of a text as the quotation matcher sees them (DOMAIN.md 2.5 step 5): curly quotes and
 * dashes folded, hyphens dropped, lower case; number words as digits; author-year references and
 * "[sic]" skipped; an ellipsis becomes a gap token. Each token keeps its offsets in the text.
 */
/** A word of a text: its normalised form and where it stands ([start, end) in the text). */
export interface Token {
  norm: string;
  start: number;
  end: number;
}

/** The token an ellipsis ("...", "…") becomes: it stands for words left out on purpose. */
export const GAP = '\u2026';

const NUMBER_WORDS: ReadonlyMap<string, string> = new Map(
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

// A word with inner apostrophes, hyphens or periods between digits ("long-term", "patient's",
// "729.1" stays two tokens "729" "1"; "9-10" two tokens).
// Not global (no lastIndex shared between calls): each call makes its own global copy (`everywhere`).
const WORD = /[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*(?:[-\u2010\u2011\u2013\u2014][A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*)*/;
const ELLIPSIS = /\.\s?\.\s?\.|\u2026/;
// "(Baillargeon, 2003)", "(van Tulder, 2006)", "(Clinical Pharmacology, 2008)": references, not words of the rule.
const REFERENCE = /\((?:[A-Z][A-Za-z'\u2019.-]*\s?){1,4}(?:et al\.?\s?)?,?\s(?:19|20)\d\d[a-z]?\)/;
const SIC = /\[\s*sic\s*\]/i;

/** A global copy of a pattern, for one call. */
function everywhere(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, `${pattern.flags}g`);
}

function blank(text: string, pattern: RegExp): string {
  return text.replace(everywhere(pattern), (m) => ' '.repeat(m.length));
}

/** Splits a text into normalised word tokens with their offsets in `text`. */
export function tokenize(text: string): Token[] {
  let masked = text.includes('(') ? blank(text, REFERENCE) : text;
  if (/\[\s*sic/i.test(masked)) masked = blank(masked, SIC);
  const gaps: number[] = [];
  if (masked.includes('..') || masked.includes('\u2026')) {
    masked = masked.replace(everywhere(ELLIPSIS), (m, offset: number) => {
      gaps.push(offset);
      return ' '.repeat(m.length);
    });
  }
  const out: Token[] = [];
  const lower = masked.toLowerCase();
  let g = 0;
  const words = everywhere(WORD);
  for (let m = words.exec(masked); m; m = words.exec(masked)) {
    while (g < gaps.length && gaps[g] < m.index) out.push({ norm: GAP, start: gaps[g], end: gaps[g++] + 1 });
    if (!HYPHENATED.test(m[0])) {
      out.push({
        norm: normWord(lower.length === masked.length ? lower.slice(m.index, m.index + m[0].length) : m[0]),
        start: m.index,
        end: m.index + m[0].length,
      });
      continue;
    }
    const parts = m[0].split(/[-\u2010\u2011\u2013\u2014]/);
    const joinable = parts.every((p) => /^[A-Za-z'\u2019]+$/.test(p) && !NUMBER_WORDS.has(p.toLowerCase()));
    if (joinable) {
      out.push({ norm: normWord(parts.join('')), start: m.index, end: m.index + m[0].length });
      continue;
    }
    // "9-10", "three-week", "ICD9-729": one token per part.
    let at = m.index;
    for (const p of parts) {
      if (p) out.push({ norm: normWord(p), start: at, end: at + p.length });
      at += p.length + 1;
    }
  }
  while (g < gaps.length) out.push({ norm: GAP, start: gaps[g], end: gaps[g++] + 1 });
  return dropRangeWords(out);
}

const HYPHENATED = /[-\u2010\u2011\u2013\u2014]/;

function normWord(word: string): string {
  let lower = word.toLowerCase();
  if (lower.includes("'") || lower.includes('\u2019')) lower = lower.replace(/['\u2019]/g, '');
  if (lower.length > 7) return lower;
  return NUMBER_WORDS.get(lower) ?? lower;
}

/** "2 to 3", "3 or 4", "2-3" are the same range: drop "to"/"or" between two numbers. */
function dropRangeWords(tokens: Token[]): Token[] {
  const isNumber = (t: Token | undefined) => t !== undefined && /^\d+$/.test(t.norm);
  return tokens.filter((t, i) => !((t.norm === 'to' || t.norm === 'or') && isNumber(tokens[i - 1]) && isNumber(tokens[i + 1])));
}

export function isNegation(norm: string): boolean {
  return NEGATIONS.has(norm);
}

export function isNumber(norm: string): boolean {
  return /\d/.test(norm);
}
