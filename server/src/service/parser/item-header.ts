/** An item's header paragraph: the treatment under review, its decision, a partial certification. */
import { editDistance, isWhiteSpace, JoinedText } from '../text';
import type { Decision, ItemHeader, PartialCertification, Span } from './model';
import { DECISION_LIKE, VALID_DECISIONS } from './vocabulary';
import { parseCounts, TextCache } from './cache';

export type SpanIn = (j: JoinedText, from: number, to: number) => Span;

function decisionWordLike(word: string): boolean {
  if (DECISION_LIKE.test(word)) return true;
  const lower = word.toLowerCase();
  return VALID_DECISIONS.some((d) => editDistance(lower, d.toLowerCase(), 2) <= 2);
}

interface FoundDecision {
  wordStart: number;
  wordEnd: number;
  treatmentEnd: number;
  afterColon: boolean;
}

export function findDecision(text: string): FoundDecision | undefined {
  let end = text.length;
  while (end > 0 && isWhiteSpace(text.charCodeAt(end - 1))) end--;
  if (text[end - 1] === '.') end--;
  const colon = text.lastIndexOf(':', end);
  if (colon >= 0) {
    const after = text.slice(colon + 1, end);
    const word = DECISION_WORD.exec(after);
    if (word && decisionWordLike(word[1])) {
      const wordStart = colon + 1 + after.indexOf(word[1]);
      return { wordStart, wordEnd: wordStart + word[1].length, treatmentEnd: colon, afterColon: true };
    }
  }
  const bare = DECISION_BARE.exec(text.slice(0, end));
  if (bare) {
    const wordStart = bare.index + 1;
    return { wordStart, wordEnd: wordStart + bare[1].length, treatmentEnd: bare.index, afterColon: false };
  }
  return undefined;
}

// Linear on any input (docs/architecture.md, "Linear time"): no quantifier can take over what the
// next one matches: a white-space run starts after a non-space ((?<!\s), (?<=\S)), and free text
// is bounded ({1,300}).
const PARTIAL_REMAINING = /\b(?:The\s+remaining\s+IMR\s+eligible\s+portion\s+of\s+the\s+original\s+request|The\s+original\s+request),?\s+/i;
const PARTIAL_ORIGINAL = /^(.*?\S)\s+was\s+the\s+original\s+request\./i;
const PARTIAL_AUTHORIZED = /(?<!\s)\s+was\s+authorized\s+by\s+the\s+Claims\s+Administrator\./i;
const PARTIAL_IS = /(?<!\s)\s+is$/i;
const PARTIAL_LEAVING = /The\s+Claims\s+Administrator\s+authorized\s+(\S.{0,300}?),\s+leaving\b/i;
const DECISION_BARE = /\s(Upheld|Overturned)$/i;
const DECISION_WORD = /^\s*([A-Za-z][A-Za-z-]*)\s*$/;

/** The patterns of this module that run over letter text, for the adversarial tests. */
export const ITEM_HEADER_PATTERNS: Readonly<Record<string, RegExp>> = {
  PARTIAL_REMAINING,
  PARTIAL_ORIGINAL,
  PARTIAL_AUTHORIZED,
  PARTIAL_IS,
  PARTIAL_LEAVING,
  DECISION_BARE,
  DECISION_WORD,
};

/** Offsets [from, to) into the header text. */
type Extent = readonly [number, number];

/** What an item header says, as offsets into its text: it depends on the text alone (cached by it). */
interface HeaderPlan {
  text: Extent;
  treatment: Extent;
  decision?: { word: Extent; value?: Decision['value']; afterColon: boolean };
  partial?: { remaining: Extent; original?: Extent; authorized?: Extent };
}

/** Plans by the exact header text (treatments and decisions repeat across letters and edits). */
const PLANS = new TextCache<HeaderPlan>(512);

export function buildHeader(joined: JoinedText, spanIn: SpanIn): ItemHeader {
  const plan = PLANS.get(joined.text, (key) => {
    parseCounts.headersParsed++;
    return planHeader(key);
  });
  const span = (e: Extent) => spanIn(joined, e[0], e[1]);
  let decision: Decision | undefined;
  if (plan.decision) decision = { word: span(plan.decision.word), value: plan.decision.value, afterColon: plan.decision.afterColon };
  let partial: PartialCertification | undefined;
  if (plan.partial) {
    partial = { remaining: span(plan.partial.remaining) };
    if (plan.partial.original) partial.original = span(plan.partial.original);
    if (plan.partial.authorized) partial.authorized = span(plan.partial.authorized);
  }
  return { text: span(plan.text), treatment: span(plan.treatment), decision, partial };
}

function planHeader(text: string): HeaderPlan {
  let end = text.length;
  while (end > 0 && isWhiteSpace(text.charCodeAt(end - 1))) end--;
  const found = findDecision(text);
  let treatmentEnd = found ? found.treatmentEnd : end;
  let decision: HeaderPlan['decision'];
  if (found) {
    const word = text.slice(found.wordStart, found.wordEnd);
    const value = VALID_DECISIONS.find((d) => d === word);
    decision = { word: [found.wordStart, found.wordEnd], value, afterColon: found.afterColon };
  }
  while (treatmentEnd > 0 && isWhiteSpace(text.charCodeAt(treatmentEnd - 1))) treatmentEnd--;
  let treatmentStart = 0;
  let partial: HeaderPlan['partial'];
  const partialRemaining = new RegExp(PARTIAL_REMAINING.source, 'gi');
  let remaining: RegExpExecArray | null = null;
  for (let m = partialRemaining.exec(text); m && m.index < treatmentEnd; m = partialRemaining.exec(text)) remaining = m;
  if (remaining) {
    treatmentStart = remaining.index + remaining[0].length;
    let remEnd = treatmentEnd;
    const is = PARTIAL_IS.exec(text.slice(treatmentStart, remEnd));
    if (is) remEnd -= is[0].length;
    partial = { remaining: [treatmentStart, remEnd] };
    treatmentEnd = remEnd;
    const before = text.slice(0, remaining.index);
    const original = PARTIAL_ORIGINAL.exec(before);
    if (original) partial.original = [0, original[1].length];
    const authorized = PARTIAL_AUTHORIZED.exec(before);
    if (authorized) {
      // The authorized treatment is the sentence before "was authorized ...": it starts after
      // "<original> was the original request." or, failing that, at the letter's own text.
      let at = original ? original[0].length : 0;
      while (at < authorized.index && isWhiteSpace(text.charCodeAt(at))) at++;
      if (authorized.index > at) partial.authorized = [at, authorized.index];
    }
    const leaving = PARTIAL_LEAVING.exec(before);
    if (leaving && !partial.authorized) {
      const at = leaving.index + leaving[0].indexOf(leaving[1]);
      partial.authorized = [at, at + leaving[1].length];
    }
  }
  return { text: [0, end], treatment: [treatmentStart, Math.max(treatmentStart, treatmentEnd)], decision, partial };
}
