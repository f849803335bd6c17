/** An item's rationale: its sentences and the conclusion read once for a polarity. */
import { isWhiteSpace, type JoinedText } from '../text';
import type { Conclusion, Rationale, Span } from './model';
import type { SpanIn } from './item-header';
import { type ConclusionReading, readConclusion } from './conclusion';
import { parseCounts, TextCache } from './cache';
import { CONCLUSION_CUE, TAPER_BOILERPLATE } from './vocabulary';

/** Abbreviations whose period ends no sentence (as pattern sources). */
const ABBREVIATIONS = ['e\\.g', 'i\\.e', 'etc', 'vs', 'Dr', 'Mr', 'Mrs', 'Ms', 'No', 'approx', 'al', 'St', 'Jr', 'Fig', 'cf', 'ca', 'pg', 'pp'];
const ABBREVIATION = new RegExp(`(?:\\b(?:${ABBREVIATIONS.join('|')})|\\b[A-Z])$`);
/**
 * The most word characters ([A-Za-z0-9_], as \b counts them) an ABBREVIATION match ends with
 * ("approx"; a single capital is one): each alternative starts at a \b, so before a period that
 * ends a longer run of word characters the pattern cannot match, and is not run.
 */
const ABBREVIATION_RUN = Math.max(1, ...ABBREVIATIONS.map((a) => a.split('\\.').pop()!.length));

const isWordChar = (code: number) => (code >= 48 && code <= 57) || code === 95 || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);

/** ABBREVIATION may match `text.slice(from, to)`: at most ABBREVIATION_RUN word characters end it (exported for the tests). */
export function mayEndWithAbbreviation(text: string, from: number, to: number): boolean {
  let run = 0;
  for (let i = to - 1; i >= from && run <= ABBREVIATION_RUN && isWordChar(text.charCodeAt(i)); i--) run++;
  return run <= ABBREVIATION_RUN;
}
/**
 * A sentence ends at . ! or ? (and closing quotes or brackets) before white space and a capital or
 * digit. Global, a new expression at each call (a literal: see vocabulary.ts, headerLabels).
 */
const sentenceBoundaries = (): RegExp => /[.!?]["'\u201d)]*\s+(?=["'\u201c(]?[A-Z0-9])/g;
const SENTENCE_BOUNDARY = new RegExp(sentenceBoundaries().source);

/** The patterns of this module that run over letter text, for the adversarial tests. */
export const RATIONALE_PATTERNS: Readonly<Record<string, RegExp>> = { ABBREVIATION, SENTENCE_BOUNDARY };

/** . ! or ? */
const isSentenceEnd = (code: number) => code === 46 || code === 33 || code === 63;

function splitSentences(joined: JoinedText, from: number, spanIn: SpanIn): Span[] {
  const text = joined.text;
  const sentences: Span[] = [];
  let start = from;
  const boundary = sentenceBoundaries();
  boundary.lastIndex = from;
  // `test` and `lastIndex` (the match's end) instead of `exec`: no match array per boundary. The
  // match is [.!?], closing quotes, white space: its start and the end of its punctuation are
  // found back from its end (neither white space nor the quotes include [.!?]).
  while (boundary.test(text)) {
    const matchEnd = boundary.lastIndex;
    let end = matchEnd;
    while (isWhiteSpace(text.charCodeAt(end - 1))) end--;
    let index = end - 1;
    while (!isSentenceEnd(text.charCodeAt(index))) index--;
    if (text.charCodeAt(index) === 46 /* . */) {
      const before = Math.max(start, index - 8);
      if (mayEndWithAbbreviation(text, before, index) && ABBREVIATION.test(text.slice(before, index))) continue;
    }
    if (end > start) sentences.push(spanIn(joined, start, end));
    start = matchEnd;
  }
  let end = text.length;
  while (end > start && isWhiteSpace(text.charCodeAt(end - 1))) end--;
  if (end > start) sentences.push(spanIn(joined, start, end));
  return sentences;
}

export function buildRationale(joined: JoinedText, contentStart: number, spanIn: SpanIn, joinedSpan: SpanIn): Rationale {
  const sentences = splitSentences(joined, contentStart, spanIn);
  return { content: joinedSpan(joined, contentStart, joined.text.length), sentences, conclusion: findConclusion(sentences) };
}

/** The polarity of a sentence read as a conclusion; undefined when it states none or is ambiguous. */
export function conclusionPolarity(sentence: string): Conclusion['polarity'] | undefined {
  return readConclusion(sentence)?.polarity;
}

/** Readings by the exact sentence (a reading depends on its words alone). */
const READINGS = new TextCache<ConclusionReading | undefined>(1024);

function readCached(sentence: string): ConclusionReading | undefined {
  return READINGS.get(sentence, (key) => {
    parseCounts.conclusionsRead++;
    return readConclusion(key);
  });
}

/**
 * The conclusion is the last sentence that speaks of medical necessity, the opioid-taper statement
 * set aside. It is read once here; an ambiguous one is kept without a polarity.
 */
function findConclusion(sentences: Span[]): Conclusion | undefined {
  for (let i = sentences.length - 1; i >= 0; i--) {
    const s = sentences[i];
    if (!CONCLUSION_CUE.test(s.text)) continue;
    if (TAPER_BOILERPLATE.some((p) => p.test(s.text))) continue;
    const reading = readCached(s.text);
    if (!reading) return undefined;
    return reading.polarity ? { sentence: s, polarity: reading.polarity } : { sentence: s, ambiguity: reading.ambiguity };
  }
  return undefined;
}
