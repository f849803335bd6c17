/**
 * The prose of the letter: dates written in the case summary and the rationales (with the
 * "On <date>, utilization review ..." sentences), and the expert reviewer's credentials.
 */
import { JoinedText, LineMap, TextSpan } from '../text';
import type { LineTable } from './lines';
import { joinLines } from './paragraphs';
import type { BodyDate, Credentials, Span } from './model';

/**
 * M-D-YY, M/D/YY, MM/DD/YYYY; the year is required (pain scores such as 6-8 are not dates).
 * Global, a new expression at each call (a literal: see vocabulary.ts, headerLabels).
 */
const globalDate = (): RegExp => /(?<![\d/.-])(\d{1,2})([-/])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)/g;
const DATE = new RegExp(globalDate().source);
const UR_BEFORE = /\bOn\s*$/i;
const UR_AFTER = /^,?\s+(?:the\s+)?(?:utilization\s+review|UR)\b/i;

/** The days of a month as `new Date(Date.UTC(year, month, 0)).getUTCDate()` counts them (years 0-99 are 1900-1999), without a Date. */
function daysInMonth(year: number, month: number): number {
  const y = year >= 0 && year <= 99 ? year + 1900 : year;
  if (month === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function findDates(joined: JoinedText, where: BodyDate['where'], lineMap: LineMap, out: BodyDate[]): void {
  const text = joined.text;
  const found = globalDate();
  for (let m = found.exec(text); m; m = found.exec(text)) {
    const month = Number(m[1]);
    const day = Number(m[3]);
    let year = Number(m[4]);
    if (m[4].length === 2) year += year < 50 ? 2000 : 1900;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) continue;
    const span = joined.span(m.index, m.index + m[0].length);
    const utilizationReview =
      UR_BEFORE.test(text.slice(Math.max(0, m.index - 6), m.index)) && UR_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 30));
    out.push({ text: m[0], range: lineMap.range(span.start, span.end), year, month, day, where, utilizationReview });
  }
}

const CREDENTIALS_INTRO = /^The\s+Expert\s+Reviewer\s+has\s+the\s+following\s+credentials\s*:/i;
const LICENSURE = /^State\(s\)\s+of\s+Licensure\s*:/i;
const SPECIALTY = /^Certification\(s\)\s*\/\s*Specialty\s*:/i;
/** Bounded gaps: a sentence of this kind is short, and an unbounded [^.]*? would be quadratic on repeats. */
const NARRATIVE = /\b(?:expert\s+)?reviewer\s+is\s+Board\s+Certified\s+in\b[^.]{0,300}?\blicensed\s+to\s+practice\s+in\b[^.]{0,300}\./i;
/** Global, new expressions at each call (literals: see vocabulary.ts, headerLabels). */
const missingSpacePatterns = (): RegExp[] => [/[a-z]{2}\.(?=[A-Z][a-z])/g, /\b[a-z]{3,}(?=[A-Z][a-z]{2,})/g, /\b(?:19|20)\d\d(?=[A-Z][a-z]+)/g];
const MISSING_SPACE = missingSpacePatterns().map((p) => new RegExp(p.source));

/** The patterns of this module that run over letter text, for the adversarial tests. */
export const BODY_PATTERNS: Readonly<Record<string, RegExp>> = {
  DATE,
  UR_BEFORE,
  UR_AFTER,
  CREDENTIALS_INTRO,
  LICENSURE,
  SPECIALTY,
  NARRATIVE,
  MISSING_SPACE_SENTENCE_END: MISSING_SPACE[0],
  MISSING_SPACE_CAMEL: MISSING_SPACE[1],
  MISSING_SPACE_YEAR: MISSING_SPACE[2],
};

/** The credentials in lines [from, to) of `lines` (the first section). */
export function findCredentials(lines: LineTable, from: number, to: number, lineMap: LineMap): Credentials | undefined {
  const spanOf = (i: number): Span => new TextSpan(lines.content(i), lineMap, lines.start(i) + lines.lead(i), lines.start(i) + lines.end(i));
  // The intro starts with "The" (either case): the pattern runs on those lines only.
  let at = from;
  while (at < to && !((lines.doc.charCodeAt(lines.start(at) + lines.lead(at)) | 0x20) === 0x74 && CREDENTIALS_INTRO.test(lines.content(at)))) at++;
  if (at < to) {
    const credentials: Credentials = { intro: spanOf(at), narrative: false };
    for (let i = at + 1; i < Math.min(at + 6, to); i++) {
      if (lines.blank(i)) break;
      const c = lines.content(i);
      if (LICENSURE.test(c)) credentials.licensure = spanOf(i);
      else if (SPECIALTY.test(c)) credentials.specialty = spanOf(i);
    }
    return credentials;
  }
  const joined = joinLines(lines, from, to);
  const m = NARRATIVE.exec(joined.text);
  if (!m) return undefined;
  const sentence: Span = joined.textSpan(lineMap, m.index, m.index + m[0].length);
  return { intro: sentence, licensure: sentence, specialty: sentence, narrative: true };
}

/**
 * Places in a line where two words or sentences were run together: a sentence end with no space
 * ("x-rays.The"), a lower-case word glued to a capitalised one ("radiculopathyPer"), a year glued
 * to a word ("10/13/2009Patient"). Returns the offset where the space is missing.
 */
export function missingSpaces(line: string): Array<{ at: number; from: number; to: number }> {
  const found: Array<{ at: number; from: number; to: number }> = [];
  // Most lines have no lower-case letter or digit right before a capital: one cheap test first.
  if (!/[a-z\d]\.?[A-Z]/.test(line)) return found;
  for (const pattern of missingSpacePatterns()) {
    for (let m = pattern.exec(line); m; m = pattern.exec(line)) {
      const at = m.index + m[0].length;
      let to = at;
      while (to < line.length && /[A-Za-z]/.test(line[to])) to++;
      let from = line[at - 1] === '.' ? at - 1 : at;
      while (from > 0 && /[A-Za-z0-9/-]/.test(line[from - 1])) from--;
      found.push({ at, from, to });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}
