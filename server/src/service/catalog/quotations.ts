/**
 * The standard quotation library (server/data/quotations.json) and its index.
 *
 * Matching works on words, not characters: a text is split into normalised tokens (DOMAIN.md 2.5
 * step 5: curly quotes and dashes folded, hyphens dropped, lower case; number words as digits;
 * author-year references and "[sic]" skipped; an ellipsis becomes a gap token). Candidate
 * quotations are found through an index of word shingles (three consecutive tokens), never by
 * comparing a text with every entry. Shingle hits grow into anchors (runs of equal tokens); the
 * best chain of anchors is the alignment, and the gaps between anchors are the differing words.
 */
import quotationData from '../../../data/quotations.json';
import type { Catalog, Confidence } from './index';

export type QuotationKind = 'mtus' | 'non-mtus' | 'boilerplate';

export interface Quotation {
  id: string;
  title: string;
  kind: QuotationKind;
  /** The exact wording. */
  text: string;
  partId?: string;
  year?: number;
  section?: string;
  alsoSections?: string[];
  /** Other parts repeating the wording (ACOEM chapters). */
  alsoIn?: string[];
  pages?: string;
  topics: string[];
  drugClasses?: string[];
  keywords?: string[];
  leadIns?: string[];
  equivalents?: Array<[string, string]>;
  source: string;
  confidence: Confidence;
}

export interface QuotationTemplate {
  id: string;
  title: string;
  description: string;
  body: string;
  source: string;
  confidence: Confidence;
}

export interface QuotationData {
  /** Accepted wording pairs for every quotation (abbreviations). */
  equivalents?: Array<[string, string]>;
  quotations: Quotation[];
  templates: QuotationTemplate[];
}

/** A word of a text: its normalised form and where it stands ([start, end) in the text). */
export interface Token {
  norm: string;
  start: number;
  end: number;
}

/** The token an ellipsis ("...", "…") becomes: it stands for words left out on purpose. */
export const GAP = '\u2026';

const NUMBER_WORDS: ReadonlyMap<string, string> = new Map(Object.entries({
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', fifteen: '15', twenty: '20', thirty: '30',
}));

const NEGATIONS = new Set(['not', 'no', 'never', 'cannot', 'nor', 'none', 'neither', 'without', 'non', 'dont', 'doesnt', 'isnt', 'arent', 'wont', 'shouldnt']);

// A word with inner apostrophes, hyphens or periods between digits ("long-term", "patient's",
// "729.1" stays two tokens "729" "1"; "9-10" two tokens).
const WORD = /[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*(?:[-\u2010\u2011\u2013\u2014][A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*)*/g;
const ELLIPSIS = /\.\s?\.\s?\.|\u2026/g;
// "(Baillargeon, 2003)", "(van Tulder, 2006)", "(Clinical Pharmacology, 2008)": references, not words of the rule.
const REFERENCE = /\((?:[A-Z][A-Za-z'\u2019.-]*\s?){1,4}(?:et al\.?\s?)?,?\s(?:19|20)\d\d[a-z]?\)/g;
const SIC = /\[\s*sic\s*\]/gi;

function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => ' '.repeat(m.length));
}

/** Splits a text into normalised word tokens with their offsets in `text`. */
export function tokenize(text: string): Token[] {
  let masked = text.includes('(') ? blank(text, REFERENCE) : text;
  if (/\[\s*sic/i.test(masked)) masked = blank(masked, SIC);
  const gaps: number[] = [];
  if (masked.includes('..') || masked.includes('\u2026')) {
    masked = masked.replace(ELLIPSIS, (m, offset: number) => {
      gaps.push(offset);
      return ' '.repeat(m.length);
    });
  }
  const out: Token[] = [];
  const lower = masked.toLowerCase();
  let g = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(masked); m; m = WORD.exec(masked)) {
    while (g < gaps.length && gaps[g] < m.index) out.push({ norm: GAP, start: gaps[g], end: gaps[g++] + 1 });
    if (!HYPHENATED.test(m[0])) {
      out.push({ norm: normWord(lower.length === masked.length ? lower.slice(m.index, m.index + m[0].length) : m[0]), start: m.index, end: m.index + m[0].length });
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

/** One way a quotation is written: its text, or a lead-in followed by its text. */
export interface QuotationVariant {
  quotation: Quotation;
  /** The variant's text ("Benzodiazepines are Not recommended ..." keeps the source's case). */
  text: string;
  tokens: Token[];
  /** How many leading tokens come from the lead-in. */
  leadTokens: number;
  /** Matching tokens a passage needs to count as following this form. */
  needed: number;
}

/** A difference between a letter's text and the quotation it follows. */
export interface QuoteEdit {
  kind: 'changed' | 'added' | 'dropped';
  /** [start, end) in the letter text: the differing words, or for a dropped word the word after the gap. */
  start: number;
  end: number;
  /** The letter's words ('' when dropped). */
  found: string;
  /** The quotation's words ('' when added). */
  expected: string;
  /** The letter edit that restores the quotation: replace [from, to) with `insert`. */
  repair: { from: number; to: number; insert: string };
  /** What the change does to the meaning, when it is a negation or a number. */
  meaning?: 'negation' | 'number';
}

/** A passage of a text that follows a standard quotation. */
export interface QuoteMatch {
  quotation: Quotation;
  variant: QuotationVariant;
  /** [start, end) in the text of the aligned passage. */
  start: number;
  end: number;
  /** Tokens equal in the text and the quotation. */
  matched: number;
  /** True when the passage covers the whole quotation. */
  complete: boolean;
  /** True when an opening quote mark stands just before the passage. */
  quoted: boolean;
  /** Text offsets of the tokens equal to the quotation's (ascending). */
  matchedAt: number[];
  edits: QuoteEdit[];
}

interface Anchor {
  /** Index of the first token in the text. */
  t: number;
  /** Index of the first token in the variant. */
  v: number;
  length: number;
}

const SHINGLE = 3;
/** Differences longer than this (in words, on either side) are the writer's own words or a left-out part. */
const MAX_EDIT_WORDS = 4;
/** Anchors further apart than this (text words) belong to separate passages. */
const MAX_SPLIT = 30;

export class QuotationIndex {
  readonly quotations: readonly Quotation[];
  readonly templates: readonly QuotationTemplate[];
  readonly variants: QuotationVariant[] = [];
  /** Shingles by number: (id1 * V + id2) * V + id3 over the library's vocabulary (V words). */
  private readonly shingles = new Map<number, Array<{ variant: number; at: number }>>();
  private readonly vocabulary = new Map<string, number>();
  private readonly byId = new Map<string, Quotation>();
  private readonly equivalents = new Map<Quotation, Array<[string[], string[]]>>();

  constructor(data: QuotationData) {
    this.quotations = data.quotations;
    this.templates = data.templates;
    for (const q of data.quotations) {
      this.byId.set(q.id, q);
      const pairs: Array<[string[], string[]]> = [];
      for (const [a, b] of [...(data.equivalents ?? []), ...(q.equivalents ?? [])]) {
        const ta = tokenize(a).map((t) => t.norm);
        const tb = tokenize(b).map((t) => t.norm);
        pairs.push([ta, tb], [tb, ta]);
      }
      this.equivalents.set(q, pairs);
      for (const lead of ['', ...(q.leadIns ?? [])]) {
        const text = lead ? `${lead} ${q.text}` : q.text;
        const tokens = tokenize(text);
        const leadTokens = lead ? tokenize(lead).length : 0;
        const index = this.variants.length;
        // Strong enough to be a quotation: most of a short entry, or a long run of a long one.
        const own = tokens.length - leadTokens;
        const needed = Math.min(own, Math.max(6, Math.min(12, Math.ceil(own * 0.5))));
        this.variants.push({ quotation: q, text, tokens, leadTokens, needed });
        const ids = tokens.map((t) => {
          let id = this.vocabulary.get(t.norm);
          if (id === undefined) this.vocabulary.set(t.norm, (id = this.vocabulary.size + 1));
          return id;
        });
        for (let i = 0; i + SHINGLE <= tokens.length; i++) {
          const k = this.shingleKey(ids, i);
          let list = this.shingles.get(k);
          if (!list) this.shingles.set(k, (list = []));
          list.push({ variant: index, at: i });
        }
      }
    }
  }

  private shingleKey(ids: number[], i: number): number {
    const v = 1 << 17;
    return (ids[i] * v + ids[i + 1]) * v + ids[i + 2];
  }

  get(id: string): Quotation | undefined {
    return this.byId.get(id);
  }

  /** Passages of `text` that follow a standard quotation, each with its differing words, in text order. */
  /**
   * The quotations a text follows. Results depend on the text alone, so they are remembered per
   * text (bounded): while a reviewer types, every paragraph but one is unchanged.
   */
  find(text: string): QuoteMatch[] {
    const known = this.recent.get(text);
    if (known) return known;
    const found = this.search(text);
    if (this.recent.size >= 512) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(text, found);
    return found;
  }

  private readonly recent = new Map<string, QuoteMatch[]>();

  private search(text: string): QuoteMatch[] {
    const tokens = tokenize(text);
    const hits = new Map<number, Array<{ t: number; v: number }>>();
    // Words the library does not have (id 0) start no shingle.
    const ids = tokens.map((t) => this.vocabulary.get(t.norm) ?? 0);
    for (let i = 0; i + SHINGLE <= tokens.length; i++) {
      if (!ids[i] || !ids[i + 1] || !ids[i + 2]) continue;
      const list = this.shingles.get(this.shingleKey(ids, i));
      if (!list) continue;
      for (const h of list) {
        let l = hits.get(h.variant);
        if (!l) hits.set(h.variant, (l = []));
        l.push({ t: i, v: h.at });
      }
    }
    // Best passage per quotation and text region: the variant covering the most words wins.
    const found: QuoteMatch[] = [];
    for (const [index, list] of hits) {
      const variant = this.variants[index];
      // An anchor of n words holds n - 2 shingles: fewer hits than needed / 3 cannot be enough.
      if (list.length < 2 || list.length * SHINGLE < variant.needed) continue;
      for (const segment of this.segments(tokens, variant, list)) {
        const match = this.evaluate(text, tokens, variant, segment);
        if (match) found.push(match);
      }
    }
    found.sort((a, b) => a.start - b.start || b.matched - a.matched || a.edits.length - b.edits.length);
    // Overlapping passages: the same quotation found through two of its forms, or two quotations
    // that share words (the neck and low back imaging criteria). Forms of one quotation differ
    // only in their lead-in: the one covering more words wins, even with a difference (that is
    // what it found). Different quotations: the one matching more words where they overlap wins.
    const kept: QuoteMatch[] = [];
    const better = (a: QuoteMatch, b: QuoteMatch) => {
      if (a.quotation === b.quotation) return a.matched > b.matched || (a.matched === b.matched && a.edits.length < b.edits.length);
      const from = Math.max(a.start, b.start);
      const to = Math.min(a.end, b.end);
      const within = (m: QuoteMatch) => m.matchedAt.filter((o) => o >= from && o < to).length;
      if (within(a) !== within(b)) return within(a) > within(b);
      return a.matched > b.matched || (a.matched === b.matched && a.edits.length < b.edits.length);
    };
    for (const m of found) {
      const rivals = kept.filter((k) => k.start < m.end && m.start < k.end && (k.quotation === m.quotation || overlap(k, m) >= 0.6));
      if (rivals.every((r) => better(m, r))) {
        for (const r of rivals) kept.splice(kept.indexOf(r), 1);
        kept.push(m);
      }
    }
    return kept.sort((a, b) => a.start - b.start);
  }

  /** Grows shingle hits into anchors and chains them into passages (each a list of anchors). */
  private segments(tokens: Token[], variant: QuotationVariant, list: Array<{ t: number; v: number }>): Anchor[][] {
    const vt = variant.tokens;
    const anchors: Anchor[] = [];
    // Hits come in text order: one already inside an anchor on its diagonal adds nothing.
    const covered = new Map<number, number>();
    for (const h of list) {
      if ((covered.get(h.t - h.v) ?? -1) > h.t) continue;
      let t = h.t;
      let v = h.v;
      while (t > 0 && v > 0 && tokens[t - 1].norm === vt[v - 1].norm) {
        t--;
        v--;
      }
      let length = 0;
      while (t + length < tokens.length && v + length < vt.length && tokens[t + length].norm === vt[v + length].norm) length++;
      covered.set(t - v, t + length);
      anchors.push({ t, v, length });
    }
    anchors.sort((a, b) => a.t - b.t || a.v - b.v);
    const out: Anchor[][] = [];
    let remaining = anchors;
    // A quotation may be followed more than once in a text: take the best chain, then the next.
    for (let round = 0; round < 3 && remaining.length; round++) {
      const chain = bestChain(remaining);
      if (!chain.length) break;
      let current: Anchor[] = [];
      for (const a of chain) {
        const prev = current[current.length - 1];
        if (prev && a.t - (prev.t + prev.length) > MAX_SPLIT) {
          out.push(current);
          current = [];
        }
        current.push(a);
      }
      if (current.length) out.push(current);
      const used = new Set(chain);
      const lastT = chain[chain.length - 1].t;
      const firstT = chain[0].t;
      remaining = remaining.filter((a) => !used.has(a) && (a.t > lastT || a.t + a.length < firstT));
    }
    return out;
  }

  private evaluate(text: string, tokens: Token[], variant: QuotationVariant, chain: Anchor[]): QuoteMatch | undefined {
    const vt = variant.tokens;
    const quotation = variant.quotation;
    const matchedTokens = chain.reduce((n, a) => n + a.length, 0);
    if (matchedTokens < variant.needed) return undefined;
    const edits: QuoteEdit[] = [];
    const first = chain[0];
    const last = chain[chain.length - 1];
    let matched = matchedTokens;
    const matchedAt = chain.flatMap((a) => tokens.slice(a.t, a.t + a.length).map((t) => t.start));
    const quoteAt = openingQuote(text, tokens, first.t);

    // Before the first anchor: inside an opening quote mark, the quotation's first words.
    let headDone = false;
    if (first.v > 0 && first.v <= MAX_EDIT_WORDS) {
      if (quoteAt !== undefined && quoteAt < first.t && tokens[quoteAt].norm === vt[0].norm) {
        headDone = true;
        matched++;
        matchedAt.unshift(tokens[quoteAt].start);
        this.gap(text, tokens, variant, quoteAt + 1, first.t, 1, first.v, edits);
      }
    }
    // "Not recommended ..." quoted without its first word: a lost negation, not an omitted clause.
    const opening = first.v - 1;
    if (!headDone && opening >= variant.leadTokens && first.v - variant.leadTokens === 1 && isNegation(vt[opening].norm)) {
      const previous = tokens[first.t - 1];
      if (!previous || !isNegation(previous.norm)) this.gap(text, tokens, variant, first.t, first.t, opening, first.v, edits);
    }
    for (let i = 1; i < chain.length; i++) {
      const a = chain[i - 1];
      const b = chain[i];
      this.gap(text, tokens, variant, a.t + a.length, b.t, a.v + a.length, b.v, edits);
    }
    // After the last anchor: the last words of the quotation (or of its sentence, where the letter
    // stops quoting) changed before a closing quote mark or a period.
    const vEnd = last.v + last.length;
    const tEnd = last.t + last.length;
    const sentenceEnd = endOfSentence(variant, vEnd);
    if (vEnd < vt.length && sentenceEnd - vEnd <= MAX_EDIT_WORDS) {
      const close = closingAfter(text, tokens, tEnd);
      const shares = () => tokens.slice(tEnd, close!.end).some((t) => vt.slice(vEnd, sentenceEnd).some((w) => w.norm === t.norm && !FILLER.has(t.norm)));
      if (close && (close.quote || close.end - tEnd === sentenceEnd - vEnd || shares())) this.gap(text, tokens, variant, tEnd, close.end, vEnd, sentenceEnd, edits);
    }
    const start = tokens[first.t].start;
    const end = tokens[tEnd - 1].end;
    return {
      quotation,
      variant,
      start,
      end,
      matched,
      complete: (headDone ? 0 : first.v) <= variant.leadTokens && vEnd === vt.length,
      quoted: quoteAt !== undefined,
      matchedAt,
      edits,
    };
  }

  /** Compares text tokens [t0, t1) with variant tokens [v0, v1) and records the difference. */
  private gap(text: string, tokens: Token[], variant: QuotationVariant, t0: number, t1: number, v0: number, v1: number, edits: QuoteEdit[]): void {
    const vt = variant.tokens;
    // An ellipsis stands for left-out words: compare only the words on either side of it with
    // the quotation's words just after the gap's start and just before its end.
    for (let g = t0; g < t1; g++) {
      if (tokens[g].norm !== GAP) continue;
      const pre = g - t0;
      const post = t1 - g - 1;
      if (pre > 0 && pre <= MAX_EDIT_WORDS && v0 + pre <= v1) this.gap(text, tokens, variant, t0, g, v0, v0 + pre, edits);
      if (post > 0 && post <= MAX_EDIT_WORDS && v1 - post >= v0 + pre) this.gap(text, tokens, variant, g + 1, t1, v1 - post, v1, edits);
      return;
    }
    if (t1 - t0 > MAX_EDIT_WORDS || v1 - v0 > MAX_EDIT_WORDS) return;
    if (t1 <= t0 && v1 <= v0) return;
    // A quote mark the quotation does not have: the letter closed one quotation and opened another.
    const textBetween = text.slice(t0 > 0 ? tokens[t0 - 1].end : 0, t1 > t0 ? tokens[t1 - 1].end : t1 < tokens.length ? tokens[t1].start : text.length);
    const sourceBetween = variant.text.slice(v0 > 0 ? vt[v0 - 1].end : 0, v1 > v0 ? vt[v1 - 1].end : v1 < vt.length ? vt[v1].start : variant.text.length);
    if (countQuotes(textBetween) > countQuotes(sourceBetween)) return;
    // Trim equal words and accepted variants ("IW" for "the patient") at both ends of the gap.
    for (let changed = true; changed; ) {
      changed = false;
      while (t0 < t1 && v0 < v1 && tokens[t0].norm === vt[v0].norm) {
        t0++;
        v0++;
      }
      while (t0 < t1 && v0 < v1 && tokens[t1 - 1].norm === vt[v1 - 1].norm) {
        t1--;
        v1--;
      }
      for (const [a, b] of this.equivalents.get(variant.quotation) ?? []) {
        if (startsWith(vt, v0, v1, a) && startsWith(tokens, t0, t1, b)) {
          v0 += a.length;
          t0 += b.length;
          changed = true;
        } else if (endsWith(vt, v0, v1, a) && endsWith(tokens, t0, t1, b)) {
          v1 -= a.length;
          t1 -= b.length;
          changed = true;
        }
      }
    }
    if (t1 <= t0 && v1 <= v0) return;
    const found = tokens.slice(t0, t1);
    const expected = vt.slice(v0, v1);
    if (tolerated(found.map((t) => t.norm), expected.map((t) => t.norm))) return;
    // "low back pain (LBP)" for "LBP": the letter spells out the abbreviation that follows.
    if (!expected.length && tokens[t1] && found.map((t) => t.norm[0]).join('') === tokens[t1].norm) return;
    let expectedText = v1 > v0 ? variant.text.slice(vt[v0].start, vt[v1 - 1].end) : '';
    // "Not recommended" opens the source's sentence; inside the letter's sentence it is "not recommended".
    const letterBefore = text.slice(0, t0 < tokens.length ? tokens[t0].start : text.length).trimEnd();
    if (/^[A-Z][a-z]/.test(expectedText) && letterBefore && !/[.!?:"\u201c(]$/.test(letterBefore)) expectedText = expectedText[0].toLowerCase() + expectedText.slice(1);
    const foundNorms = found.map((t) => t.norm);
    const expectedNorms = expected.map((t) => t.norm);
    const meaning = meaningOf(foundNorms, expectedNorms);
    if (t1 > t0) {
      const start = tokens[t0].start;
      const end = tokens[t1 - 1].end;
      if (v1 > v0) {
        edits.push({ kind: 'changed', start, end, found: text.slice(start, end), expected: expectedText, repair: { from: start, to: end, insert: expectedText }, meaning });
      } else {
        const cut = widenDeletion(text, start, end);
        edits.push({ kind: 'added', start, end, found: text.slice(start, end), expected: '', repair: { from: cut.from, to: cut.to, insert: '' }, meaning });
      }
    } else {
      // Dropped words: shown on the word after the gap; the repair inserts them before it.
      const next = tokens[t1] ?? tokens[t1 - 1];
      const at = tokens[t1] ? next.start : next.end;
      const insert = tokens[t1] ? `${expectedText} ` : ` ${expectedText}`;
      edits.push({ kind: 'dropped', start: next.start, end: next.end, found: '', expected: expectedText, repair: { from: at, to: at, insert }, meaning });
    }
  }
}

function startsWith(tokens: Token[], from: number, to: number, words: string[]): boolean {
  if (to - from < words.length || !words.length) return false;
  return words.every((w, i) => tokens[from + i].norm === w);
}

function endsWith(tokens: Token[], from: number, to: number, words: string[]): boolean {
  if (to - from < words.length || !words.length) return false;
  return words.every((w, i) => tokens[to - words.length + i].norm === w);
}

function countQuotes(text: string): number {
  return (text.match(/["\u201c\u201d]/g) ?? []).length;
}

const FILLER = new Set(['a', 'an', 'the', 'and', 'or']);

/**
 * Differences that are not misquotations: the same letters split differently ("well
 * established" / "well-established", "red flag" / "red-flag"), an article or list conjunction
 * added or left out, and a word's inflection ("trial" / "trials", "neurologic" / "neurological").
 */
function tolerated(allFound: string[], allExpected: string[]): boolean {
  if (allFound.join('') === allExpected.join('')) return true;
  const found = allFound.filter((w) => !FILLER.has(w));
  const expected = allExpected.filter((w) => !FILLER.has(w));
  if (!found.length && !expected.length) return true;
  if (found.join('') === expected.join('')) return true;
  if (found.length === 1 && expected.length === 1) {
    const [a, b] = found[0].length <= expected[0].length ? [found[0], expected[0]] : [expected[0], found[0]];
    return a.length >= 5 && b.startsWith(a) && b.length - a.length <= 3 && !isNumber(a) && !isNegation(a) && !isNegation(b);
  }
  return false;
}

/** How much of the shorter passage the longer one covers (by characters). */
function overlap(a: QuoteMatch, b: QuoteMatch): number {
  const common = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return common / Math.min(a.end - a.start, b.end - b.start);
}

function meaningOf(found: string[], expected: string[]): QuoteEdit['meaning'] {
  const count = (words: string[], test: (w: string) => boolean) => words.filter(test).sort().join(' ');
  if (count(found, isNegation) !== count(expected, isNegation)) return 'negation';
  if (count(found, isNumber) !== count(expected, isNumber)) return 'number';
  return undefined;
}

/** Deleting added words: take the brackets around them and one neighbouring space. */
function widenDeletion(text: string, start: number, end: number): { from: number; to: number } {
  let from = start;
  let to = end;
  if (text[from - 1] === '(' && text[to] === ')') {
    from--;
    to++;
  }
  if (text[to] === ' ') to++;
  else if (text[from - 1] === ' ') from--;
  return { from, to };
}

const OPEN_QUOTES = /["\u201c\u2018]/;
const CLOSE_QUOTES = /["\u201d\u2019]/;

/** The token right after an opening quote mark within the `MAX_EDIT_WORDS` tokens before `t`. */
function openingQuote(text: string, tokens: Token[], t: number): number | undefined {
  for (let k = t; k >= Math.max(0, t - MAX_EDIT_WORDS); k--) {
    const from = k > 0 ? tokens[k - 1].end : 0;
    const between = text.slice(from, tokens[k].start);
    if (OPEN_QUOTES.test(between)) return k;
    if (/[.;:]/.test(between) && k < t) return undefined;
  }
  return undefined;
}

/** The index after the last token of the variant's sentence that holds token `v`. */
function endOfSentence(variant: QuotationVariant, v: number): number {
  const vt = variant.tokens;
  for (let k = v; k < vt.length; k++) {
    const after = variant.text.slice(vt[k].end, k + 1 < vt.length ? vt[k + 1].start : variant.text.length);
    if (/[.;]/.test(after)) return k + 1;
  }
  return vt.length;
}

/** Where a quotation's tail ends: the token index after the last word before a closing quote or a period. */
function closingAfter(text: string, tokens: Token[], t: number): { end: number; quote: boolean } | undefined {
  for (let k = t; k < Math.min(tokens.length, t + MAX_EDIT_WORDS); k++) {
    const after = text.slice(tokens[k].end, k + 1 < tokens.length ? tokens[k + 1].start : text.length);
    if (CLOSE_QUOTES.test(after)) return { end: k + 1, quote: true };
    if (/[.;]/.test(after)) return { end: k + 1, quote: false };
  }
  return undefined;
}

/** The longest chain of anchors increasing in both text and variant positions (weights: lengths). */
function bestChain(anchors: Anchor[]): Anchor[] {
  const n = anchors.length;
  const score = new Array<number>(n);
  const prev = new Array<number>(n).fill(-1);
  let best = -1;
  for (let i = 0; i < n; i++) {
    score[i] = anchors[i].length;
    for (let j = Math.max(0, i - 64); j < i; j++) {
      const a = anchors[j];
      const b = anchors[i];
      if (a.t + a.length <= b.t && a.v + a.length <= b.v && score[j] + b.length > score[i]) {
        score[i] = score[j] + b.length;
        prev[i] = j;
      }
    }
    if (best < 0 || score[i] > score[best]) best = i;
  }
  const chain: Anchor[] = [];
  for (let i = best; i >= 0; i = prev[i]) chain.unshift(anchors[i]);
  return chain;
}

/** The bundled quotation library. */
export const QUOTATIONS = quotationData as unknown as QuotationData;

/** The quotation index of a catalog (built once per catalog, on first use). */
export function quotationIndex(catalog: Catalog): QuotationIndex {
  return catalog.quotations();
}
