/**
 * Text -> document model, in one linear pass over the lines. Tolerant of every layout seen in
 * the published letters (DOMAIN.md section 2); never throws on any input.
 */
import type { Catalog } from '../catalog';
import { editDistance, JoinedText, LineMap } from '../text';
import { parseUsDate } from '../dates';
import { parseCitations } from './citations';
import { findCredentials, findDates, joinLines } from './body';
import { readConclusion } from './conclusion';
import { content, isDoubleSpaced, logicalLines, SourceLine, splitLines } from './lines';
import type {
  BodyDate,
  Conclusion,
  Decision,
  Header,
  HeaderField,
  HeadingCandidate,
  Item,
  ItemHeader,
  LabelKind,
  LabelledParagraph,
  LetterModel,
  PartialCertification,
  Rationale,
  SectionKind,
  Span,
} from './model';
import {
  CONCLUSION_CUE,
  DECISION_LIKE,
  HEADER_FIELDS,
  HEADER_LABEL_PATTERN,
  ISSUES_INTRO,
  LABELS,
  RECEIVED_CONTINUATION,
  SECTION_HEADINGS,
  TAPER_BOILERPLATE,
  VALID_DECISIONS,
} from './vocabulary';

/** Headings are short lines; longer ones are never compared. */
const MAX_HEADING_LENGTH = 80;
/** The shortest heading, 'CLINICAL CASE SUMMARY', less the misspelling allowance. */
const MIN_HEADING_LENGTH = 15;
/** An item header is at most a few lines (partial certifications run to 5). */
const MAX_ITEM_HEADER_LENGTH = 1200;
const HEADER_ZONE_LINES = 40;

interface Paragraph {
  lines: SourceLine[];
  joined: JoinedText;
  label?: LabelKind;
  labelLength: number;
}

export function parseLetter(text: string, uri: string, version: number, catalog: Catalog): LetterModel {
  const lineMap = new LineMap(text);
  const model: LetterModel = {
    uri,
    version,
    lines: lineMap,
    empty: !/\S/.test(text),
    binary: text.includes('\u0000'),
    doubleSpaced: false,
    sections: [],
    headingCandidates: [],
    items: [],
    dates: [],
  };
  if (model.empty || model.binary) return model;

  const physical = splitLines(text, lineMap.starts);
  model.doubleSpaced = isDoubleSpaced(physical);
  const lines = logicalLines(physical, model.doubleSpaced);
  const spanOfLine = (l: SourceLine, from = l.lead, to = l.end): Span => ({
    text: l.text.slice(from, to),
    range: lineMap.range(l.start + from, l.start + to),
  });

  // Headings and near-miss headings.
  const headingAt = new Map<number, SectionKind>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const length = l.end - l.lead;
    if (l.blank || length > MAX_HEADING_LENGTH || length < MIN_HEADING_LENGTH) continue;
    const c = content(l);
    // Headings start with H, C or I; a line with lower case is only a heading in another case.
    if (!/^[HCI]/i.test(c)) continue;
    const normalized = c.replace(/\s+/g, ' ').replace(/:$/, '').toUpperCase();
    const exact = SECTION_HEADINGS.find((h) => h.heading === normalized);
    if (exact) {
      headingAt.set(i, exact.kind);
      model.sections.push({ kind: exact.kind, heading: spanOfLine(l), range: lineMap.range(l.start + l.lead, l.start + l.end) });
    } else if (!/[a-z]/.test(c) && normalized.length >= 10) {
      for (const h of SECTION_HEADINGS) {
        if (editDistance(normalized, h.heading, 4) <= 4) {
          model.headingCandidates.push({ kind: h.kind, line: spanOfLine(l) } as HeadingCandidate);
          break;
        }
      }
    }
  }
  // Section ranges run to the line before the next heading.
  const headingIndices = [...headingAt.keys()];
  headingIndices.forEach((lineIndex, k) => {
    const section = model.sections[k];
    const endLine = k + 1 < headingIndices.length ? lastNonBlank(lines, headingIndices[k + 1] - 1, lineIndex) : lastNonBlank(lines, lines.length - 1, lineIndex);
    const last = lines[endLine];
    section.range = { start: section.heading.range.start, end: lineMap.positionAt(last.start + Math.max(last.end, last === lines[lineIndex] ? last.end : last.end)) };
  });

  // Header block: the lines before the first heading.
  const firstHeading = headingIndices.length ? headingIndices[0] : Math.min(lines.length, HEADER_ZONE_LINES);
  model.header = parseHeader(lines.slice(0, Math.min(firstHeading, HEADER_ZONE_LINES)), lineMap);

  // Items: the paragraphs of the first issues section.
  const issuesIndex = model.sections.findIndex((s) => s.kind === 'issues');
  if (issuesIndex >= 0) {
    const startLine = headingIndices[issuesIndex] + 1;
    const endLine = issuesIndex + 1 < headingIndices.length ? headingIndices[issuesIndex + 1] : lines.length;
    const paragraphs = toParagraphs(lines.slice(startLine, endLine), text);
    parseItems(paragraphs, model, lineMap, catalog);
  }

  // The prose: dates in the summary and the rationales; the reviewer's credentials.
  const sectionLines = (kind: SectionKind) => {
    const k = model.sections.findIndex((s) => s.kind === kind);
    if (k < 0) return [];
    return lines.slice(headingIndices[k] + 1, k + 1 < headingIndices.length ? headingIndices[k + 1] : lines.length);
  };
  const rationaleDates = model.dates;
  model.dates = [];
  findDates(joinLines(sectionLines('summary'), text), 'summary', lineMap, model.dates);
  for (const date of rationaleDates) model.dates.push(date);
  model.credentials = findCredentials(sectionLines('how'), text, lineMap);
  return model;
}

function lastNonBlank(lines: SourceLine[], from: number, floor: number): number {
  let i = from;
  while (i > floor && lines[i].blank) i--;
  return i;
}

function parseHeader(lines: SourceLine[], lineMap: LineMap): Header | undefined {
  const fields: HeaderField[] = [];
  let first: SourceLine | undefined;
  let last: SourceLine | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.blank) continue;
    const matches: Array<{ index: number; length: number; name: string; wrapped: boolean }> = [];
    const labels = new RegExp(HEADER_LABEL_PATTERN.source, 'gi');
    for (let m = labels.exec(l.text); m; m = labels.exec(l.text)) {
      matches.push({ index: m.index, length: m[0].length, name: (m[1] ?? 'Application').replace(/\s+/g, ' '), wrapped: !m[1] });
    }
    if (matches.length === 0) continue;
    first ??= l;
    last = l;
    matches.forEach((m, k) => {
      const spec = HEADER_FIELDS.find((f) => f.label.slice(0, -1).toLowerCase() === m.name.toLowerCase()) ?? HEADER_FIELDS.find((f) => f.name === 'applicationReceived')!;
      let label: Span = { text: l.text.slice(m.index, m.index + m.length), range: lineMap.range(l.start + m.index, l.start + m.index + m.length) };
      if (m.wrapped) {
        const next = lines.slice(i + 1).find((n) => !n.blank);
        if (!next || !RECEIVED_CONTINUATION.test(content(next))) return; // "Application" in other text
        label = { text: `${label.text} ${content(next)}`, range: { start: label.range.start, end: lineMap.positionAt(next.start + next.end) } };
        last = next;
      }
      const valueStart = m.index + m.length;
      const valueEnd = k + 1 < matches.length ? matches[k + 1].index : l.end;
      let a = valueStart;
      let b = valueEnd;
      while (a < b && /\s/.test(l.text[a])) a++;
      while (b > a && /\s/.test(l.text[b - 1])) b--;
      const value = b > a ? { text: l.text.slice(a, b), range: lineMap.range(l.start + a, l.start + b) } : undefined;
      const field: HeaderField = { name: spec.name, label, value };
      const date = spec.isDate && value ? parseUsDate(value.text) : undefined;
      if (date) field.date = date;
      fields.push(field);
    });
  }
  if (!first || !last) return undefined;
  return { fields, range: lineMap.range(first.start + first.lead, last.start + last.end) };
}

function labelOf(text: string): { kind: LabelKind; length: number } | undefined {
  for (const l of LABELS) {
    const m = l.pattern.exec(text);
    if (m) return { kind: l.kind, length: m[0].length };
  }
  return undefined;
}

const DECISION_LINE_END = /:\s*(?:Upheld|Overturned)\.?$/i;
const DECISION_ALONE = /^(?:Upheld|Overturned)\.?$/i;

/** Groups lines into paragraphs (DOMAIN.md 2.5 step 3), joining wrapped lines. */
function toParagraphs(lines: SourceLine[], text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: SourceLine[] = [];
  // Facts about the paragraph being built, computed once when it starts.
  let startsWithIntro = false;
  let startsWithLabel = false;
  let prevText = '';
  const flush = () => {
    if (current.length) paragraphs.push(makeParagraph(current, text));
    current = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.blank) {
      flush();
      continue;
    }
    const c = content(l);
    const isLabel = labelOf(c) !== undefined;
    if (current.length) {
      const pageBreak = l.ff && /[.?!)"\u201d]$/.test(prevText) && !DECISION_ALONE.test(c);
      const afterIntro = startsWithIntro && prevText.endsWith(':');
      const afterDecision = DECISION_LINE_END.test(prevText) || DECISION_ALONE.test(prevText);
      const headerInsideLabel = startsWithLabel && DECISION_LINE_END.test(c) && /[.)"]$/.test(prevText);
      if (isLabel || pageBreak || afterIntro || afterDecision || headerInsideLabel) flush();
    }
    if (current.length === 0) {
      startsWithIntro = ISSUES_INTRO.test(c);
      startsWithLabel = isLabel;
    }
    current.push(l);
    prevText = c;
  }
  flush();
  return paragraphs;
}

function makeParagraph(lines: SourceLine[], text: string): Paragraph {
  const joined = new JoinedText();
  let prevContent = '';
  for (const l of lines) {
    const c = content(l);
    const hyphenJoin = /[A-Za-z]-$/.test(prevContent) && /^[A-Za-z]/.test(c);
    joined.append(text, l.start + l.lead, l.start + l.end, hyphenJoin ? '' : ' ');
    prevContent = c;
  }
  const label = labelOf(joined.text);
  return { lines, joined, label: label?.kind, labelLength: label?.length ?? 0 };
}

interface DraftItem {
  header?: Paragraph;
  /** Lines were added to the header after it was made. */
  headerGrown?: boolean;
  labels: Array<{ kind: LabelKind; paragraph: Paragraph; extra: Paragraph[] }>;
}

function parseItems(paragraphs: Paragraph[], model: LetterModel, lineMap: LineMap, catalog: Catalog): void {
  const drafts: DraftItem[] = [];
  let current: DraftItem | undefined;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    if (!current && !model.issuesIntro && ISSUES_INTRO.test(p.joined.text)) {
      const t = p.joined.text;
      const span = p.joined.span(0, t.length);
      model.issuesIntro = { text: t, range: lineMap.range(span.start, span.end) };
      continue;
    }
    if (p.label) {
      if (!current) {
        current = { labels: [] };
        drafts.push(current);
      }
      current.labels.push({ kind: p.label, paragraph: p, extra: [] });
      continue;
    }
    const next = paragraphs[i + 1];
    if (isItemHeader(p, next, current)) {
      current = { header: p, labels: [] };
      drafts.push(current);
    } else if (current && current.labels.length) {
      current.labels[current.labels.length - 1].extra.push(p);
    } else if (current && current.header) {
      // Text between a header and its first label: part of the header, joined once at the end
      // (re-joining it for every paragraph would be quadratic).
      for (const l of p.lines) current.header.lines.push(l);
      current.headerGrown = true;
    }
    // Text before the first item that is not a header is ignored.
  }
  for (const d of drafts) if (d.header && d.headerGrown) d.header = makeParagraph(d.header.lines, lineMap.text);
  model.items = drafts.map((d, k) => buildItem(d, k + 1, lineMap, catalog, model.dates));
}

function decisionWordLike(word: string): boolean {
  if (DECISION_LIKE.test(word)) return true;
  const lower = word.toLowerCase();
  return VALID_DECISIONS.some((d) => editDistance(lower, d.toLowerCase(), 2) <= 2);
}

function isItemHeader(p: Paragraph, next: Paragraph | undefined, current: DraftItem | undefined): boolean {
  const text = p.joined.text;
  if (text.length > MAX_ITEM_HEADER_LENGTH) return false;
  if (findDecision(text)) return true;
  if (!next || !next.label) return false;
  if (!current || current.labels.some((l) => l.kind === 'rationale')) return true;
  return current.labels.some((l) => l.kind === next.label);
}

interface FoundDecision {
  wordStart: number;
  wordEnd: number;
  treatmentEnd: number;
  afterColon: boolean;
}

function findDecision(text: string): FoundDecision | undefined {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
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

function buildItem(draft: DraftItem, number: number, lineMap: LineMap, catalog: Catalog, dates: BodyDate[]): Item {
  const item: Item = { number, paragraphs: [], guidelines: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  const spanIn = (j: JoinedText, from: number, to: number): Span => {
    const s = j.span(from, to);
    return { text: j.text.slice(from, to), range: lineMap.range(s.start, s.end) };
  };
  /** A span of joined text that keeps its offset map (rules locate words inside it). */
  const joinedSpan = (j: JoinedText, from: number, to: number): Span => {
    const span = spanIn(j, from, to);
    const base = j.offsetAt(from);
    span.offsetOf = (index) => j.offsetAt(from + Math.max(0, Math.min(index, to - from))) - base;
    return span;
  };
  if (draft.header) item.header = buildHeader(draft.header.joined, spanIn);
  for (const l of draft.labels) {
    const joined = l.paragraph.joined;
    for (const extra of l.extra) {
      for (const line of extra.lines) joined.append(lineMap.text, line.start + line.lead, line.start + line.end, ' ');
    }
    const t = joined.text;
    let contentStart = l.paragraph.labelLength;
    while (contentStart < t.length && /\s/.test(t[contentStart])) contentStart++;
    const paragraph: LabelledParagraph = {
      kind: l.kind,
      label: spanIn(joined, 0, l.paragraph.labelLength),
      content: joinedSpan(joined, contentStart, t.length),
      range: spanIn(joined, 0, t.length).range,
    };
    if (l.kind !== 'rationale') {
      paragraph.citations = parseCitations(t.slice(contentStart), (a, b) => spanIn(joined, contentStart + a, contentStart + b), catalog);
      for (const citation of paragraph.citations.mtus) for (const guideline of citation.guidelines) item.guidelines.push({ paragraph, guideline });
    }
    item.paragraphs.push(paragraph);
    if (l.kind === 'claimsAdministrator') item.claimsAdministrator ??= paragraph;
    else if (l.kind === 'maximus') item.maximus ??= paragraph;
    else if (!item.rationale) {
      item.rationale = buildRationale(joined, contentStart, spanIn, joinedSpan);
      findDates(joined, 'rationale', lineMap, dates);
    }
  }
  const first = item.header?.text.range ?? item.paragraphs[0]?.range;
  const lastParagraph = item.paragraphs[item.paragraphs.length - 1];
  const last = lastParagraph?.range ?? item.header?.text.range;
  if (first && last) item.range = { start: first.start, end: last.end };
  return item;
}

type SpanIn = (j: JoinedText, from: number, to: number) => Span;

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
const ABBREVIATION = /(?:\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|No|approx|al|St|Jr|Fig|cf|ca|pg|pp)|\b[A-Z])$/;
/** A sentence ends at . ! or ? (and closing quotes or brackets) before white space and a capital or digit. */
const SENTENCE_BOUNDARY = /[.!?]["'\u201d)]*\s+(?=["'\u201c(]?[A-Z0-9])/;

/** The patterns of this module that run over letter text, for the adversarial tests. */
export const PARSE_PATTERNS: Readonly<Record<string, RegExp>> = {
  DECISION_LINE_END,
  DECISION_ALONE,
  PARTIAL_REMAINING,
  PARTIAL_ORIGINAL,
  PARTIAL_AUTHORIZED,
  PARTIAL_IS,
  PARTIAL_LEAVING,
  DECISION_BARE,
  DECISION_WORD,
  ABBREVIATION,
  SENTENCE_BOUNDARY,
};

function buildHeader(joined: JoinedText, spanIn: SpanIn): ItemHeader {
  const text = joined.text;
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const found = findDecision(text);
  let treatmentEnd = found ? found.treatmentEnd : end;
  let decision: Decision | undefined;
  if (found) {
    const word = spanIn(joined, found.wordStart, found.wordEnd);
    const value = VALID_DECISIONS.find((d) => d === word.text);
    decision = { word, value, afterColon: found.afterColon };
  }
  while (treatmentEnd > 0 && /\s/.test(text[treatmentEnd - 1])) treatmentEnd--;
  let treatmentStart = 0;
  let partial: PartialCertification | undefined;
  const partialRemaining = new RegExp(PARTIAL_REMAINING.source, 'gi');
  let remaining: RegExpExecArray | null = null;
  for (let m = partialRemaining.exec(text); m && m.index < treatmentEnd; m = partialRemaining.exec(text)) remaining = m;
  if (remaining) {
    treatmentStart = remaining.index + remaining[0].length;
    let remEnd = treatmentEnd;
    const is = PARTIAL_IS.exec(text.slice(treatmentStart, remEnd));
    if (is) remEnd -= is[0].length;
    partial = { remaining: spanIn(joined, treatmentStart, remEnd) };
    treatmentEnd = remEnd;
    const before = text.slice(0, remaining.index);
    const original = PARTIAL_ORIGINAL.exec(before);
    if (original) partial.original = spanIn(joined, 0, original[1].length);
    const authorized = PARTIAL_AUTHORIZED.exec(before);
    if (authorized) {
      // The authorized treatment is the sentence before "was authorized ...": it starts after
      // "<original> was the original request." or, failing that, at the letter's own text.
      let at = original ? original[0].length : 0;
      while (at < authorized.index && /\s/.test(text[at])) at++;
      if (authorized.index > at) partial.authorized = spanIn(joined, at, authorized.index);
    }
    const leaving = PARTIAL_LEAVING.exec(before);
    if (leaving && !partial.authorized) {
      const at = leaving.index + leaving[0].indexOf(leaving[1]);
      partial.authorized = spanIn(joined, at, at + leaving[1].length);
    }
  }
  return { text: spanIn(joined, 0, end), treatment: spanIn(joined, treatmentStart, Math.max(treatmentStart, treatmentEnd)), decision, partial };
}

function splitSentences(joined: JoinedText, from: number, spanIn: SpanIn): Span[] {
  const text = joined.text;
  const sentences: Span[] = [];
  let start = from;
  const boundary = new RegExp(SENTENCE_BOUNDARY.source, 'g');
  boundary.lastIndex = from;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    if (m[0][0] === '.' && ABBREVIATION.test(text.slice(Math.max(start, m.index - 8), m.index))) continue;
    const end = m.index + m[0].trimEnd().length;
    if (end > start) sentences.push(spanIn(joined, start, end));
    start = m.index + m[0].length;
  }
  let end = text.length;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) sentences.push(spanIn(joined, start, end));
  return sentences;
}

function buildRationale(joined: JoinedText, contentStart: number, spanIn: SpanIn, joinedSpan: SpanIn): Rationale {
  const sentences = splitSentences(joined, contentStart, spanIn);
  return { content: joinedSpan(joined, contentStart, joined.text.length), sentences, conclusion: findConclusion(sentences) };
}

/** The polarity of a sentence read as a conclusion; undefined when it states none or is ambiguous. */
export function conclusionPolarity(sentence: string): Conclusion['polarity'] | undefined {
  return readConclusion(sentence)?.polarity;
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
    const reading = readConclusion(s.text);
    if (!reading) return undefined;
    return reading.polarity ? { sentence: s, polarity: reading.polarity } : { sentence: s, ambiguity: reading.ambiguity };
  }
  return undefined;
}
