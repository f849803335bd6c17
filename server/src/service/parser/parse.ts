/**
 * Text -> document model, in one linear pass over the lines. Tolerant of every layout seen in
 * the published letters (DOMAIN.md section 2); never throws on any input.
 */
import type { Catalog } from '../catalog';
import { editDistance, firstIndexNotBefore, isWhiteSpace, LineMap, TextSpan } from '../text';
import { findCredentials, findDates } from './body';
import { isDoubleSpaced, LineTable, logicalLines, splitLines } from './lines';
import type { Range } from 'vscode-languageserver-types';
import type { BodyDate, HeadingCandidate, LetterModel, Section, SectionKind, Span } from './model';
import { SECTION_HEADINGS } from './vocabulary';
import { parseHeader } from './header';
import { joinLines, PARAGRAPH_PATTERNS, toParagraphs } from './paragraphs';
import { ItemReuse, parseItems } from './items';
export { ItemReuse } from './items';
import { ITEM_HEADER_PATTERNS } from './item-header';
import { RATIONALE_PATTERNS } from './rationale';

export { conclusionPolarity } from './rationale';

/** The patterns of the parse modules that run over letter text, for the adversarial tests. */
export const PARSE_PATTERNS: Readonly<Record<string, RegExp>> = { ...PARAGRAPH_PATTERNS, ...ITEM_HEADER_PATTERNS, ...RATIONALE_PATTERNS };

/** Headings are short lines; longer ones are never compared. */
const MAX_HEADING_LENGTH = 80;
/** The shortest heading, 'CLINICAL CASE SUMMARY', less the misspelling allowance. */
const MIN_HEADING_LENGTH = 15;
const HEADER_ZONE_LINES = 40;
/** The first three letters of the section headings (SECTION_HEADINGS). */
const INITIALS = [...new Set(SECTION_HEADINGS.map((h) => h.heading.slice(0, 3)))];
const HEADING_INITIALS = new RegExp(`^(?:${INITIALS.join('|')})`);

/** `/[a-z]/.test(text.slice(from, to))` without the slice. */
function hasLowerCase(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) return true;
  }
  return false;
}

/**
 * `HEADING_INITIALS.test(text.slice(at, at + 3).toUpperCase())` without a string when the three
 * characters are ASCII (the usual case); other characters take the string path, since a few
 * non-ASCII letters upper-case to ASCII ones ("\u0131" to "I").
 */
function startsWithHeadingInitials(text: string, at: number): boolean {
  for (let k = 0; k < 3; k++) if (!(text.charCodeAt(at + k) < 0x80)) return HEADING_INITIALS.test(text.slice(at, at + 3).toUpperCase());
  for (const initials of INITIALS) {
    let k = 0;
    while (k < 3 && initials.charCodeAt(k) === asciiUpper(text.charCodeAt(at + k))) k++;
    if (k === 3) return true;
  }
  return false;
}

/**
 * Whether the normal form of `text.slice(from, to)` may be a section heading (normalFormIs is
 * not false for one). A function of its own, not a closure in findHeadings' loop: a closure there
 * that reads the loop's `from` and `to` makes V8 allocate a context for them on every line, 50
 * bytes a line (3.6 MB for a 5 MB letter).
 */
function mayBeHeadingInOtherCase(text: string, from: number, to: number): boolean {
  for (const h of SECTION_HEADINGS) if (normalFormIs(text, from, to, h.heading) !== false) return true;
  return false;
}

/** The section heading written exactly so, if any. */
function headingNamed(text: string): (typeof SECTION_HEADINGS)[number] | undefined {
  for (const h of SECTION_HEADINGS) if (h.heading === text) return h;
  return undefined;
}

const asciiUpper = (code: number) => (code >= 0x61 && code <= 0x7a ? code - 0x20 : code);

/**
 * Whether the normal form of `text.slice(from, to)` (white-space runs as one space, a final colon
 * dropped, upper case: `findHeadings`) is `heading`, read on the characters; undefined when a
 * character is not ASCII (upper case is then the string's business).
 */
function normalFormIs(text: string, from: number, to: number, heading: string): boolean | undefined {
  const end = text.charCodeAt(to - 1) === 58 /* : */ ? to - 1 : to;
  let k = 0;
  for (let i = from; i < end;) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return undefined;
    if (isWhiteSpace(code)) {
      if (heading.charCodeAt(k++) !== 32) return false;
      while (i < end && isWhiteSpace(text.charCodeAt(i))) i++;
      continue;
    }
    if (asciiUpper(code) !== heading.charCodeAt(k++)) return false;
    i++;
  }
  return k === heading.length;
}

/**
 * The physical lines each model was parsed from, for the parse of a next version (PreviousVersion):
 * weak, so a table lives as long as its model (the service keeps a few models).
 */
const physicalLines = new WeakMap<LetterModel, LineTable>();

/** A line that findHeadings kept: a section heading, or a near miss (a heading candidate). */
interface HeadingHit {
  /** Logical line index. */
  readonly line: number;
  readonly kind: SectionKind;
  readonly heading: boolean;
  /** The line's content and its offsets. */
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

/** What findHeadings kept of each model's lines, for the parse of a next version (weak, like physicalLines). */
const headingHits = new WeakMap<LetterModel, readonly HeadingHit[]>();

/** The model of an earlier version of the document, and how many characters its text has in common with the new one at their start and end (text-change.ts). */
export interface PreviousVersion {
  readonly model: LetterModel;
  readonly head: number;
  /** How many characters the two texts have in common at their end (after `head`: no overlap). */
  readonly tail: number;
}

/** `at` is a found index (not -1) before `end`. */
const isBetween = (at: number, end: number) => at >= 0 && at < end;

/**
 * `reuse`, when given, holds the items of the previous version of the same document: unchanged
 * items are taken from it instead of being rebuilt (parser/items.ts). `previous`, when given, lets
 * the parse take what depends only on the common start of the two texts from the earlier model
 * (the line starts, the binary test) instead of reading that part again; the line tables and
 * headings of a model are kept for that only when `reuse` is given.
 */
export function parseLetter(text: string, uri: string, version: number, catalog: Catalog, reuse?: ItemReuse, previous?: PreviousVersion): LetterModel {
  reuse?.begin();
  const before = previous;
  const lineMap = new LineMap(text, before?.model.lines, before?.head, before?.tail);
  /** Where the text's common end with the earlier version starts. */
  const commonEnd = text.length - (before?.tail ?? 0);
  const model: LetterModel = {
    uri,
    version,
    lines: lineMap,
    empty: !/\S/.test(text),
    // A NUL in the common start or end would have made the earlier version binary.
    binary: before && !before.model.binary ? isBetween(text.indexOf('\u0000', before.head), commonEnd) : text.includes('\u0000'),
    doubleSpaced: false,
    sections: [],
    headingCandidates: [],
    items: [],
    dates: [],
  };
  if (model.empty || model.binary) return model;

  // The lines that end before the common start (their next line starts before it) are the
  // earlier version's: their columns are copied.
  const earlier = before && physicalLines.get(before.model);
  const same = earlier && before ? lineMap.lineOf(before.head - 1) : 0;
  // And the lines that start after the common end's first character (break included) are too.
  const tailFrom = earlier && before && before.tail > 0 ? lineMap.lineOf(commonEnd) + 1 : lineMap.lineCount;
  const physical = splitLines(text, lineMap.starts, earlier, same, tailFrom);
  // Kept for a next version only where one is expected (the caller reuses items: an editor).
  if (reuse) physicalLines.set(model, physical);
  model.doubleSpaced = isDoubleSpaced(physical);
  const lines = logicalLines(physical, model.doubleSpaced);
  const sections: PlacedSection[] = [];
  // A heading depends on its line only: the logical lines before the common start keep what the
  // earlier version found on them, when its lines were grouped the same way (same layout).
  const earlierHits = before && before.model.doubleSpaced === model.doubleSpaced ? headingHits.get(before.model) : undefined;
  const kept = earlierHits ? firstIndexNotBefore(lines.count, (i) => lines.number(i) < same) : 0;
  const hits: HeadingHit[] = [];
  const headingAt = findHeadings(text, lines, lineMap, model, sections, hits, earlierHits, kept);
  if (reuse) headingHits.set(model, hits);
  model.sections = sections;
  // Section ranges run to the line before the next heading.
  const headingIndices = [...headingAt.keys()];
  headingIndices.forEach((lineIndex, k) => {
    const endLine = k + 1 < headingIndices.length ? lastNonBlank(lines, headingIndices[k + 1] - 1, lineIndex) : lastNonBlank(lines, lines.count - 1, lineIndex);
    sections[k].endAt(lines.start(endLine) + lines.end(endLine));
  });

  // Header block: the lines before the first heading.
  const firstHeading = headingIndices.length ? headingIndices[0] : Math.min(lines.count, HEADER_ZONE_LINES);
  const zone = Math.min(firstHeading, HEADER_ZONE_LINES, lines.count);
  const readHeader = () => parseHeader(lines, zone, lineMap);
  model.header = reuse && zone > 0 ? reuse.header.take(`${zone}\u0001${model.doubleSpaced}`, sourceOf(lines, 0, zone), readHeader) : readHeader();

  // Items: the paragraphs of the first issues section.
  const issuesIndex = model.sections.findIndex((s) => s.kind === 'issues');
  if (issuesIndex >= 0) {
    const startLine = headingIndices[issuesIndex] + 1;
    const endLine = issuesIndex + 1 < headingIndices.length ? headingIndices[issuesIndex + 1] : lines.count;
    const paragraphs = toParagraphs(lines, startLine, endLine);
    parseItems(paragraphs, model, lineMap, catalog, reuse);
  }

  // The prose: dates in the summary and the rationales; the reviewer's credentials.
  /** The logical lines [from, to) of the first section of a kind (none when there is none). */
  const sectionLines = (kind: SectionKind): [number, number] => {
    const k = model.sections.findIndex((s) => s.kind === kind);
    if (k < 0) return [0, 0];
    return [headingIndices[k] + 1, k + 1 < headingIndices.length ? headingIndices[k + 1] : lines.count];
  };
  const rationaleDates = model.dates;
  const [summaryFrom, summaryTo] = sectionLines('summary');
  const readSummaryDates = () => {
    const dates: BodyDate[] = [];
    findDates(joinLines(lines, summaryFrom, summaryTo), 'summary', lineMap, dates);
    return dates;
  };
  // The dates' positions follow from the summary's text and its first line.
  model.dates =
    reuse && summaryTo > summaryFrom
      ? reuse.summaryDates
          .take(
            `${lines.number(summaryFrom)}\u0001${summaryTo - summaryFrom}\u0001${model.doubleSpaced}`,
            sourceOf(lines, summaryFrom, summaryTo),
            readSummaryDates,
          )
          .slice()
      : readSummaryDates();
  for (const date of rationaleDates) model.dates.push(date);
  model.credentials = findCredentials(lines, ...sectionLines('how'), lineMap);
  return model;
}

/**
 * A section: from its heading to the end of its last line that is not blank (known once the next
 * heading is), its range computed when first read.
 */
class PlacedSection implements Section {
  readonly #lines: LineMap;
  #end = 0;
  #range: Range | undefined;

  constructor(
    readonly kind: SectionKind,
    readonly heading: Span,
    lines: LineMap,
  ) {
    this.#lines = lines;
  }

  /** The section ends at document offset `end`. */
  endAt(end: number): void {
    this.#end = end;
    this.#range = undefined;
  }

  get range(): Range {
    return (this.#range ??= { start: this.heading.range.start, end: this.#lines.positionAt(this.#end) });
  }

  toJSON(): object {
    return { ...this, range: this.range };
  }
}

/** The section headings (by logical line index, their sections into `sections`) and the near-miss headings (into `model`). */
function findHeadings(
  text: string,
  lines: LineTable,
  lineMap: LineMap,
  model: LetterModel,
  sections: PlacedSection[],
  hits: HeadingHit[],
  earlier: readonly HeadingHit[] | undefined,
  kept: number,
): Map<number, SectionKind> {
  const headingAt = new Map<number, SectionKind>();
  const found = (hit: HeadingHit) => {
    hits.push(hit);
    const span = new TextSpan(hit.text, lineMap, hit.from, hit.to);
    if (hit.heading) {
      headingAt.set(hit.line, hit.kind);
      sections.push(new PlacedSection(hit.kind, span, lineMap));
    } else model.headingCandidates.push({ kind: hit.kind, line: span } as HeadingCandidate);
  };
  // Lines [0, kept) are an earlier version's (same text, same offsets): its hits on them stand.
  if (earlier) for (let k = 0; k < earlier.length && earlier[k].line < kept; k++) found(earlier[k]);
  for (let i = earlier ? kept : 0; i < lines.count; i++) {
    const length = lines.end(i) - lines.lead(i);
    if (lines.blank(i) || length > MAX_HEADING_LENGTH || length < MIN_HEADING_LENGTH) continue;
    // Headings start with H, C or I (either case): tested on the character, before any slicing
    // or any line object.
    const from = lines.start(i) + lines.lead(i);
    const initial = text.charCodeAt(from) | 0x20;
    if (initial !== 0x68 && initial !== 0x63 && initial !== 0x69) continue;
    // A line with a lower-case letter can only be a heading written in another case: it then
    // starts with the heading's first three letters (no heading has a space among them).
    const to = lines.start(i) + lines.end(i);
    const lowerCase = hasLowerCase(text, from, to);
    if (lowerCase && !startsWithHeadingInitials(text, from)) continue;
    // Such a line is a heading only if its normal form is one (it is never a near miss): decided
    // on the characters, without a string, when they are ASCII.
    if (lowerCase && !mayBeHeadingInOtherCase(text, from, to)) continue;
    const c = lines.content(i);
    // A heading written as it should be is its own normal form.
    const exact = headingNamed(c);
    const normalized = exact ? c : c.replace(/\s+/g, ' ').replace(/:$/, '').toUpperCase();
    const heading = exact ?? headingNamed(normalized);
    if (heading) {
      found({ line: i, kind: heading.kind, heading: true, text: c, from, to });
    } else if (!lowerCase && normalized.length >= 10) {
      for (const h of SECTION_HEADINGS) {
        if (editDistance(normalized, h.heading, 4) <= 4) {
          found({ line: i, kind: h.kind, heading: false, text: c, from, to });
          break;
        }
      }
    }
  }
  return headingAt;
}

/** The document's text from the start of line `from` to the end of line `to - 1` (what a part read from lines [from, to) is built from). */
function sourceOf(lines: LineTable, from: number, to: number): string {
  return lines.doc.slice(lines.start(from), lines.start(to - 1) + lines.length(to - 1));
}

function lastNonBlank(lines: LineTable, from: number, floor: number): number {
  let i = from;
  while (i > floor && lines.blank(i)) i--;
  return i;
}
