/**
 * The aligner: shingle hits of one quotation form grow into anchors (runs of equal words), the
 * best chain of anchors is the alignment of a passage, and the gaps between anchors are the
 * differing words, each classified (changed, added, dropped; a negation, a number or an
 * opposite) with the edit that restores the source wording.
 */
import type { Quotation, QuotationVariant, QuoteEdit, QuoteMatch } from './quotation-types';
import { isDegree, meaningOf, Opposites } from './quotation-meaning';
import { GAP, isNegation, isNumber, Token } from './quotation-tokens';

/** A run of equal words: text tokens [t, t + length) equal variant tokens [v, v + length). */
export interface Anchor {
  /** Index of the first token in the text. */
  t: number;
  /** Index of the first token in the variant. */
  v: number;
  length: number;
}

/** What the aligner needs from the library: accepted wording pairs per quotation, and the opposites table. */
export interface AlignContext {
  equivalents(quotation: Quotation): ReadonlyArray<[string[], string[]]>;
  opposites: Opposites;
}

/** Differences longer than this (in words, on either side) are the writer's own words or a left-out part. */
export const MAX_EDIT_WORDS = 4;
/**
 * How far the aligner reads text tokens beyond the anchors it grows from a form's shingle hits
 * (each anchor stays on its hit's diagonal, within the form's extent there): the opening quote
 * mark up to MAX_EDIT_WORDS + 1 tokens back, a closing one MAX_EDIT_WORDS forward, an opposite
 * word 3 tokens away and a word of degree beside it. The index builds only the tokens within
 * this reach (quotation-index.ts); a change here that reads further must raise it.
 */
export const REACH = 2 * MAX_EDIT_WORDS;
/** Anchors further apart than this (text words) belong to separate passages (the index's `hitsOf` counts on it). */
export const MAX_SPLIT = 30;

/** Grows shingle hits (pairs: text token, variant token) into anchors and chains them into passages (each a list of anchors). */
export function segments(tokens: Token[], variant: QuotationVariant, hits: ArrayLike<number>, from = 0, to = hits.length): Anchor[][] {
  const vt = variant.tokens;
  const anchors: Anchor[] = [];
  // Hits come in text order: one already inside an anchor on its diagonal adds nothing.
  const covered = new Map<number, number>();
  for (let k = from; k < to; k += 2) {
    let t = hits[k];
    let v = hits[k + 1];
    if ((covered.get(t - v) ?? -1) > t) continue;
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

export function evaluate(ctx: AlignContext, text: string, tokens: Token[], variant: QuotationVariant, chain: Anchor[]): QuoteMatch | undefined {
  const vt = variant.tokens;
  const quotation = variant.quotation;
  const matchedTokens = chain.reduce((n, a) => n + a.length, 0);
  if (matchedTokens < variant.needed) return undefined;
  const edits: QuoteEdit[] = [];
  const first = chain[0];
  const last = chain[chain.length - 1];
  let matched = matchedTokens;
  const matchedAt: number[] = [];
  for (const a of chain) for (let t = a.t; t < a.t + a.length; t++) matchedAt.push(tokens[t].start);
  const quoteAt = openingQuote(text, tokens, first.t);

  // Before the first anchor: inside an opening quote mark, the quotation's first words.
  let headDone = false;
  let startT = first.t;
  if (first.v > 0 && first.v <= MAX_EDIT_WORDS) {
    if (quoteAt !== undefined && quoteAt < first.t && tokens[quoteAt].norm === vt[0].norm) {
      headDone = true;
      startT = quoteAt;
      matched++;
      matchedAt.unshift(tokens[quoteAt].start);
      gap(ctx, text, tokens, variant, quoteAt + 1, first.t, 1, first.v, edits);
    }
  }
  // "Not recommended ..." quoted without its first word: a lost negation, not an omitted clause.
  const opening = first.v - 1;
  if (!headDone && opening >= variant.leadTokens && first.v - variant.leadTokens === 1 && isNegation(vt[opening].norm)) {
    const previous = tokens[first.t - 1];
    if (!previous || !isNegation(previous.norm)) gap(ctx, text, tokens, variant, first.t, first.t, opening, first.v, edits);
  }
  // The word or two just before the first anchor replaced by their opposite ("the achievement of
  // negative symptomatic ... gains" for "positive"), or, at the start of a sentence or a
  // quotation, by another number ("Passive therapy is based on ..." for "Active therapy ...").
  for (let k = 1; !headDone && k <= 2 && k <= first.v && k <= first.t; k++) {
    const foundHead = tokens.slice(first.t - k, first.t).map((t) => t.norm);
    const expectedHead = vt.slice(first.v - k, first.v).map((t) => t.norm);
    const meaning = meaningOf(foundHead, expectedHead, ctx.opposites);
    const opens = startsPassage(text, tokens, first.t - k);
    if ((meaning === 'antonym' && (k === 1 || opens)) || (meaning === 'number' && opens && first.v - k === variant.leadTokens)) {
      headDone = opens && first.v - k <= variant.leadTokens;
      startT = first.t - k;
      gap(ctx, text, tokens, variant, first.t - k, first.t, first.v - k, first.v, edits, true);
      break;
    }
  }
  if (!headDone) {
    const near = oppositeNear(ctx, tokens, vt, first.t, first.v, -1, 0, first.t, 0, first.v);
    if (near && !edits.some((e) => e.start === tokens[near[0]].start)) {
      startT = Math.min(startT, near[0]);
      gap(ctx, text, tokens, variant, near[0], near[0] + 1, near[1], near[1] + 1, edits, true);
    }
  }
  for (let i = 1; i < chain.length; i++) {
    const a = chain[i - 1];
    const b = chain[i];
    gap(ctx, text, tokens, variant, a.t + a.length, b.t, a.v + a.length, b.v, edits);
  }
  // After the last anchor: the last words of the quotation (or of its sentence, where the letter
  // stops quoting) changed before a closing quote mark or a period.
  const vEnd = last.v + last.length;
  const tEnd = last.t + last.length;
  const sentenceEnd = endOfSentence(variant, vEnd);
  // How far the passage covers the quotation, its compared tail included.
  let tailTo = vEnd;
  if (vEnd < vt.length && sentenceEnd - vEnd <= MAX_EDIT_WORDS) {
    const close = closingAfter(text, tokens, tEnd);
    const shares = () => tokens.slice(tEnd, close!.end).some((t) => vt.slice(vEnd, sentenceEnd).some((w) => w.norm === t.norm && !FILLER.has(t.norm)));
    if (close && (close.quote || close.end - tEnd === sentenceEnd - vEnd || shares())) {
      gap(ctx, text, tokens, variant, tEnd, close.end, vEnd, sentenceEnd, edits);
      tailTo = sentenceEnd;
    }
  }
  // The word just after the last anchor replaced by its opposite, where the letter goes on in its own words.
  if (vEnd < vt.length && tEnd < tokens.length && !edits.some((e) => e.start >= tokens[tEnd].start)) {
    const near = oppositeNear(ctx, tokens, vt, tEnd, vEnd, 1, tEnd, tokens.length, vEnd, vt.length);
    if (near) gap(ctx, text, tokens, variant, near[0], near[0] + 1, near[1], near[1] + 1, edits, true);
  }
  const start = tokens[startT].start;
  const end = tokens[tEnd - 1].end;
  return {
    quotation,
    variant,
    start,
    end,
    matched,
    complete: (headDone ? 0 : first.v) <= variant.leadTokens && tailTo === vt.length,
    quoted: quoteAt !== undefined,
    matchedAt,
    edits,
  };
}

/** Compares text tokens [t0, t1) with variant tokens [v0, v1) and records the difference. */
function gap(
  ctx: AlignContext,
  text: string,
  tokens: Token[],
  variant: QuotationVariant,
  t0: number,
  t1: number,
  v0: number,
  v1: number,
  edits: QuoteEdit[],
  head = false,
): void {
  const vt = variant.tokens;
  // An ellipsis stands for left-out words: compare only the words on either side of it with
  // the quotation's words just after the gap's start and just before its end.
  for (let g = t0; g < t1; g++) {
    if (tokens[g].norm !== GAP) continue;
    const pre = g - t0;
    const post = t1 - g - 1;
    if (pre > 0 && pre <= MAX_EDIT_WORDS && v0 + pre <= v1) gap(ctx, text, tokens, variant, t0, g, v0, v0 + pre, edits);
    if (post > 0 && post <= MAX_EDIT_WORDS && v1 - post >= v0 + pre) gap(ctx, text, tokens, variant, g + 1, t1, v1 - post, v1, edits);
    return;
  }
  if (t1 - t0 > MAX_EDIT_WORDS || v1 - v0 > MAX_EDIT_WORDS) {
    // A long difference is the writer's own words, but the sentence the anchor before it ends, or
    // the one the anchor after it starts, may still be the source's with a word changed: compare
    // those edges when both sides have the same number of words there.
    edgeOfSentence(ctx, text, tokens, variant, t0, t1, v0, v1, edits);
    return;
  }
  if (t1 <= t0 && v1 <= v0) return;
  // A quote mark the quotation does not have: the letter closed one quotation and opened another
  // (at the head of a passage, the quote mark before it opens the quotation).
  const textBetween = text.slice(
    head ? tokens[t0].start : t0 > 0 ? tokens[t0 - 1].end : 0,
    t1 > t0 ? tokens[t1 - 1].end : t1 < tokens.length ? tokens[t1].start : text.length,
  );
  const sourceBetween = variant.text.slice(
    head ? vt[v0].start : v0 > 0 ? vt[v0 - 1].end : 0,
    v1 > v0 ? vt[v1 - 1].end : v1 < vt.length ? vt[v1].start : variant.text.length,
  );
  if (countQuotes(textBetween) > countQuotes(sourceBetween)) return;
  // Trim equal words and accepted variants ("IW" for "the patient") at both ends of the gap.
  for (let changed = true; changed;) {
    changed = false;
    while (t0 < t1 && v0 < v1 && tokens[t0].norm === vt[v0].norm) {
      t0++;
      v0++;
    }
    while (t0 < t1 && v0 < v1 && tokens[t1 - 1].norm === vt[v1 - 1].norm) {
      t1--;
      v1--;
    }
    // Index loops here and below: the aligner runs on every keystroke in a rationale, and an
    // unoptimised for-of (with its destructuring) allocates an iterator result per step.
    const pairs = ctx.equivalents(variant.quotation);
    for (let k = 0; k < pairs.length; k++) {
      const a = pairs[k][0];
      const b = pairs[k][1];
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
  // Words changed in place with equal words between them ("first-line option for long-term" for
  // "second-line option for short-term"): one difference per changed run, each at its own words.
  if (t1 - t0 === v1 - v0 && t1 - t0 > 2) {
    const same = (k: number) => tokens[t0 + k].norm === vt[v0 + k].norm;
    let inner = false;
    for (let k = 1; k < t1 - t0 - 1; k++) if (same(k)) inner = true;
    if (inner) {
      for (let k = 0; k < t1 - t0;) {
        if (same(k)) {
          k++;
          continue;
        }
        let e = k;
        while (e < t1 - t0 && !same(e)) e++;
        gap(ctx, text, tokens, variant, t0 + k, t0 + e, v0 + k, v0 + e, edits);
        k = e;
      }
      return;
    }
  }
  const found = tokens.slice(t0, t1);
  const expected = vt.slice(v0, v1);
  // The words' norms, made once: `tolerated` and `meaningOf` read them (neither changes them).
  const foundNorms = found.map((t) => t.norm);
  const expectedNorms = expected.map((t) => t.norm);
  if (tolerated(foundNorms, expectedNorms)) return;
  // "low back pain (LBP)" for "LBP": the letter spells out the abbreviation that follows.
  if (!expected.length && tokens[t1] && found.map((t) => t.norm[0]).join('') === tokens[t1].norm) return;
  let expectedText = v1 > v0 ? variant.text.slice(vt[v0].start, vt[v1 - 1].end) : '';
  // "Not recommended" opens the source's sentence; inside the letter's sentence it is "not recommended".
  const letterBefore = text.slice(0, t0 < tokens.length ? tokens[t0].start : text.length).trimEnd();
  if (/^[A-Z][a-z]/.test(expectedText) && letterBefore && !'.!?:"\u201c('.includes(letterBefore[letterBefore.length - 1]))
    expectedText = expectedText[0].toLowerCase() + expectedText.slice(1);
  const meaning = meaningOf(foundNorms, expectedNorms, ctx.opposites);
  // A changed number or opposite at one end of a longer difference ("until after a 4" for "unless a
  // three"): the meaning is reported at that word, the rest of the difference apart.
  if ((meaning === 'number' || meaning === 'antonym') && found.length && expected.length && (found.length > 1 || expected.length > 1)) {
    const single = (a: number, b: number) => {
      const m = meaningOf([tokens[a].norm], [vt[b].norm], ctx.opposites);
      return m === 'number' || m === 'antonym';
    };
    if (single(t1 - 1, v1 - 1)) {
      gap(ctx, text, tokens, variant, t0, t1 - 1, v0, v1 - 1, edits, head);
      gap(ctx, text, tokens, variant, t1 - 1, t1, v1 - 1, v1, edits, true);
      return;
    }
    if (single(t0, v0)) {
      gap(ctx, text, tokens, variant, t0, t0 + 1, v0, v0 + 1, edits, head);
      gap(ctx, text, tokens, variant, t0 + 1, t1, v0 + 1, v1, edits, true);
      return;
    }
  }
  if (t1 > t0) {
    const start = tokens[t0].start;
    const end = tokens[t1 - 1].end;
    if (v1 > v0) {
      edits.push({
        kind: 'changed',
        start,
        end,
        found: text.slice(start, end),
        expected: expectedText,
        repair: { from: start, to: end, insert: expectedText },
        meaning,
      });
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
  if (sameJoined(allFound, allExpected)) return true;
  const found = allFound.filter(isNotFiller);
  const expected = allExpected.filter(isNotFiller);
  if (!found.length && !expected.length) return true;
  if (sameJoined(found, expected)) return true;
  if (found.length === 1 && expected.length === 1) {
    const shorter = found[0].length <= expected[0].length;
    const a = shorter ? found[0] : expected[0];
    const b = shorter ? expected[0] : found[0];
    return a.length >= 5 && b.startsWith(a) && b.length - a.length <= 3 && !isNumber(a) && !isNegation(a) && !isNegation(b);
  }
  return false;
}

const isNotFiller = (w: string): boolean => !FILLER.has(w);

/** `a.join('') === b.join('')`, without making either string (the aligner tests every difference it meets). */
function sameJoined(a: readonly string[], b: readonly string[]): boolean {
  let i = 0;
  let j = 0;
  let ci = 0;
  let cj = 0;
  for (;;) {
    while (i < a.length && ci === a[i].length) {
      i++;
      ci = 0;
    }
    while (j < b.length && cj === b[j].length) {
      j++;
      cj = 0;
    }
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a[i].charCodeAt(ci++) !== b[j].charCodeAt(cj++)) return false;
  }
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

/** The sentence edges of a long gap: the end of the sentence before it and the start of the one after it. */
function edgeOfSentence(
  ctx: AlignContext,
  text: string,
  tokens: Token[],
  variant: QuotationVariant,
  t0: number,
  t1: number,
  v0: number,
  v1: number,
  edits: QuoteEdit[],
): void {
  const vt = variant.tokens;
  // Sentence end after the anchor before the gap: the same number of words up to a period on both sides.
  if (t0 > 0 && v0 > 0) {
    const tStop = closingAfter(text, tokens, t0);
    const vStop = endOfSentence(variant, v0);
    if (tStop && !tStop.quote && tStop.end <= t1 && vStop <= v1 && tStop.end - t0 === vStop - v0 && vStop - v0 <= MAX_EDIT_WORDS) {
      const meaning = meaningOf(
        tokens.slice(t0, tStop.end).map((t) => t.norm),
        vt.slice(v0, vStop).map((t) => t.norm),
        ctx.opposites,
      );
      if (meaning === 'antonym' || meaning === 'number') gap(ctx, text, tokens, variant, t0, tStop.end, v0, vStop, edits);
    }
  }
  // The word right after the anchor before the gap, or right before the anchor after it, replaced by its opposite.
  const before = edits.length;
  const after = t0 > 0 && v0 > 0 ? oppositeNear(ctx, tokens, vt, t0, v0, 1, t0, t1, v0, v1) : undefined;
  if (after) gap(ctx, text, tokens, variant, after[0], after[0] + 1, after[1], after[1] + 1, edits, true);
  const ahead = t1 < tokens.length ? oppositeNear(ctx, tokens, vt, t1, v1, -1, after ? after[0] + 1 : t0, t1, after ? after[1] + 1 : v0, v1) : undefined;
  if (ahead) gap(ctx, text, tokens, variant, ahead[0], ahead[0] + 1, ahead[1], ahead[1] + 1, edits, true);
  if (edits.length > before) return;
  // Sentence start before the anchor after the gap.
  if (t1 < tokens.length && v1 < vt.length) {
    for (let k = 1; k <= MAX_EDIT_WORDS && t1 - k >= t0 && v1 - k >= v0; k++) {
      const tOpens = startsPassage(text, tokens, t1 - k);
      const vOpens = v1 - k === 0 || /[.;:]/.test(variant.text.slice(vt[v1 - k - 1].end, vt[v1 - k].start));
      if (!tOpens && !vOpens) continue;
      if (tOpens && vOpens) {
        const meaning = meaningOf(
          tokens.slice(t1 - k, t1).map((t) => t.norm),
          vt.slice(v1 - k, v1).map((t) => t.norm),
          ctx.opposites,
        );
        if (meaning === 'antonym' || meaning === 'number') gap(ctx, text, tokens, variant, t1 - k, t1, v1 - k, v1, edits, true);
      }
      break;
    }
  }
}

/**
 * A word near an anchor replaced by its opposite where the words around it differ too: within
 * `reach` words of the anchor on both sides (going backwards from text token `t` and variant
 * token `v` when `dir` is -1, forwards when 1), a letter word and a source word at about the same
 * distance (one word apart at most) that are listed opposites. Returns their indexes.
 */
function oppositeNear(
  ctx: AlignContext,
  tokens: Token[],
  vt: Token[],
  t: number,
  v: number,
  dir: -1 | 1,
  tMin: number,
  tMax: number,
  vMin: number,
  vMax: number,
): [number, number] | undefined {
  const reach = 3;
  for (let i = 0; i < reach; i++) {
    const ti = dir < 0 ? t - 1 - i : t + i;
    if (ti < tMin || ti >= tMax) break;
    for (let j = Math.max(0, i - 1); j <= i + 1 && j < reach + 1; j++) {
      const vj = dir < 0 ? v - 1 - j : v + j;
      if (vj < vMin || vj >= vMax) continue;
      if (!ctx.opposites.opposite(tokens[ti].norm, vt[vj].norm)) continue;
      // "unclear" for "less clear": a word of degree beside either makes it a paraphrase.
      const degree = (list: Token[], k: number) => [k - 1, k + 1].some((x) => x >= 0 && x < list.length && isDegree(list[x].norm));
      if (degree(tokens, ti) || degree(vt, vj)) continue;
      return [ti, vj];
    }
  }
  return undefined;
}

/** True when token `t` opens the text, a sentence, a clause or a quotation. */
function startsPassage(text: string, tokens: Token[], t: number): boolean {
  if (t === 0) return true;
  return /[.:;!?"\u201c(]/.test(text.slice(tokens[t - 1].end, tokens[t].start));
}

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
