/**
 * Parses the text of a "Claims Administrator guideline:" or "MAXIMUS guideline:" paragraph into
 * citations (DOMAIN.md section 5): MTUS statements with guideline parts, years, sections and
 * pages; Non-MTUS sources; the "outside of the MTUS" and "did not cite any medical evidence"
 * statements; the 2014-15 legacy form.
 */
import type { Catalog, SectionIndex } from '../catalog';
import type { CitationBlock, CitationShape, GuidelineReference, MtusCitation, NonMtusCitation, PageReference, Span } from './model';
import { firstIndexNotBefore, isWhiteSpace, Placed } from '../text';
import { parseCounts, TextCache } from './cache';
import { mapPacked } from '../arrays';

export type SpanOf = (from: number, to: number) => Span;

/**
 * The parse is done on offsets into the paragraph text (`Extent`s): it depends on the text and the
 * catalog alone, so it is cached by both (a boilerplate guideline line is parsed once) and turned
 * into spans of the document by `materialize` each time.
 */
interface Extent {
  from: number;
  to: number;
}

interface PageExtent {
  text: string;
  from: number;
  to: number;
  at: Extent;
}

interface GuidelineExtent {
  /** Shared by the references of one 2014-15 group, as the spans are. */
  name: Extent;
  partId?: string;
  year?: { value: number; at: Extent };
  sections: Extent[];
  pages: PageExtent[];
  legacy: boolean;
  topic?: Extent;
  range: Extent;
}

interface CitationPlan {
  shape: CitationShape;
  mtus: Array<{ range: Extent; guidelines: GuidelineExtent[] }>;
  nonMtus: Array<{ range: Extent; source: Extent }>;
}

const extent = (from: number, to: number): Extent => ({ from, to });

/** Plans by catalog, then by the exact paragraph text. */
const PLANS = new WeakMap<Catalog, TextCache<CitationPlan>>();
const PLANS_PER_CATALOG = 512;

const NO_EVIDENCE =
  /^The\s+(?:Claims\s+Administrator|Expert\s+Reviewer|reviewer)\s+did\s+not\s+cite\s+any\s+medical\s+evidence\s+for\s+(?:its|their|his|her)\s+decision\.?/i;
const OUTSIDE =
  /^The\s+(?:Claims\s+Administrator|Expert\s+Reviewer|reviewer)\s+based\s+(?:their|its|his|her)\s+decision\s+on\s+recommendations?(?:\(s\))?\s+outside\s+of\s+the\s+MTUS(?:\s+Guidelines?)?\.?/i;
// Global patterns are created per call (a shared lastIndex is state between documents), as
// literals returned by a function (see vocabulary.ts, headerLabels): a copy of the expression V8
// compiled for the literal, cheaper than `new RegExp(source, flags)`.
const statementPattern = (): RegExp => /Decision\s+based\s+on\s+(Non\s*-\s*MTUS|MTUS)\b(\s+Citations?\b)?/gi;
const pageLabelPattern = (): RegExp => /\b(?:Page\(s\)|Pages?|pg\.?)\s*:?\s*/gi;
const YEAR_AFTER = /^\s+((?:19|20)\d\d)\b/;
/** Applied after the leading spaces and comma are skipped, to a bounded slice. */
const SECTIONS_WORD = /^Sections?\s*\(s\)\s*:|^Sections?\s*:/i;
const PAGE_LIST = /^(\d{1,4})(?:\s*-\s*(\d{1,4}))?/;
/** A list element that is a page or a page range ("326", "p. 309", "pages 300-301"). */
const PAGE_ELEMENT = /^(?:(?:pages?|pp?|pg)\.?\s*)?(\d{1,4})(?:\s*-\s*(\d{1,4}))?$/i;

export function parseCitations(text: string, spanOf: SpanOf, catalog: Catalog): CitationBlock {
  let plans = PLANS.get(catalog);
  if (!plans) PLANS.set(catalog, (plans = new TextCache(PLANS_PER_CATALOG)));
  const plan = plans.get(text, (key) => {
    parseCounts.citationsParsed++;
    return planCitations(key, catalog);
  });
  return materialize(plan, spanOf);
}

/*
 * The parts of a citation block, placed where their spans stand: a range is computed only when
 * read (text.ts, Placed).
 */
class PlacedPage extends Placed implements PageReference {
  constructor(
    readonly text: string,
    readonly from: number,
    readonly to: number,
    at: Span,
  ) {
    super(at);
  }
}

class PlacedYear extends Placed {
  constructor(
    readonly value: number,
    at: Span,
  ) {
    super(at);
  }
}

class PlacedGuideline extends Placed implements GuidelineReference {
  topic?: Span;

  constructor(
    readonly name: Span,
    readonly partId: string | undefined,
    /** Absent on a legacy reference. */
    readonly year: PlacedYear | undefined,
    readonly sections: Span[],
    readonly pages: PageReference[],
    readonly legacy: boolean,
    at: Span,
  ) {
    super(at);
  }
}

class PlacedCitation extends Placed implements MtusCitation {
  constructor(
    readonly guidelines: GuidelineReference[],
    at: Span,
  ) {
    super(at);
  }
}

class PlacedSource extends Placed implements NonMtusCitation {
  constructor(
    readonly source: Span,
    at: Span,
  ) {
    super(at);
  }
}

/** The block's spans in the document, from the plan's offsets. */
function materialize(plan: CitationPlan, spanOf: SpanOf): CitationBlock {
  const span = (e: Extent) => spanOf(e.from, e.to);
  // The references of one 2014-15 group share their name's extent, and so its span: they are
  // consecutive, so the last name made is the one to share.
  let lastName: Extent | undefined;
  let nameSpan: Span | undefined;
  const guideline = (g: GuidelineExtent): GuidelineReference => {
    if (g.name !== lastName || !nameSpan) nameSpan = span((lastName = g.name));
    const sections = mapPacked(g.sections, span);
    const pages = mapPacked(g.pages, (p): PageReference => new PlacedPage(p.text, p.from, p.to, span(p.at)));
    const year = !g.legacy && g.year ? new PlacedYear(g.year.value, span(g.year.at)) : undefined;
    const reference = new PlacedGuideline(nameSpan, g.partId, year, sections, pages, g.legacy, span(g.range));
    if (g.topic) reference.topic = span(g.topic);
    return reference;
  };
  return {
    shape: plan.shape,
    // Packed arrays, whether this code is optimised or not (arrays.ts).
    mtus: mapPacked(plan.mtus, (c) => new PlacedCitation(mapPacked(c.guidelines, guideline), span(c.range))),
    nonMtus: mapPacked(plan.nonMtus, (n) => new PlacedSource(span(n.source), span(n.range))),
  };
}

function planCitations(text: string, catalog: Catalog): CitationPlan {
  const block: CitationPlan = { shape: 'unrecognized', mtus: [], nonMtus: [] };
  const trimmed = text.trim();
  if (!trimmed) {
    block.shape = 'empty';
    return block;
  }
  const lead = text.length - text.trimStart().length;
  if (NO_EVIDENCE.test(text.slice(lead))) block.shape = 'no-evidence';
  if (OUTSIDE.test(text.slice(lead))) block.shape = 'outside-mtus';

  const labels = pageLabels(text);
  const statements: Array<{ kind: 'mtus' | 'non-mtus'; start: number; bodyStart: number }> = [];
  const statement = statementPattern();
  for (let m = statement.exec(text); m; m = statement.exec(text)) {
    const kind = /^non/i.test(m[1]) ? 'non-mtus' : 'mtus';
    statements.push({ kind, start: m.index, bodyStart: m.index + m[0].length });
  }
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    const end = i + 1 < statements.length ? statements[i + 1].start : text.length;
    if (s.kind === 'non-mtus') {
      const from = skipSpace(text, s.bodyStart);
      // Non-MTUS sources hold sentences of their own ("... evaluation. Topic 969, version 21.0.").
      const to = trimEndIndex(text, from, end);
      block.nonMtus.push({ range: extent(s.start, to), source: extent(from, to) });
    } else {
      const citation = parseMtus(text, s.start, s.bodyStart, end, catalog, labels);
      block.mtus.push(citation);
      if (block.shape === 'unrecognized') block.shape = citation.guidelines.some((g) => g.legacy) ? 'legacy' : 'mtus';
    }
  }
  return block;
}

function skipSpace(text: string, index: number): number {
  while (index < text.length && isWhiteSpace(text.charCodeAt(index))) index++;
  return index;
}

function trimEndIndex(text: string, from: number, to: number): number {
  while (to > from && isWhiteSpace(text.charCodeAt(to - 1))) to--;
  return to;
}

/*
 * A guideline paragraph is parsed once (cached by its text), so the code below seldom runs
 * optimised: it finds what it looks for with native searches (a regular expression, indexOf), not
 * with loops on the characters, each step of which costs far more in unoptimised code
 * (docs/engine.md, "New text in cold code").
 */

/**
 * What statementEnd reads: a bracket, or a period that ends a sentence (`/^\.\s+["(]?[A-Z]/` on
 * the period and the three characters after it: white space, then a capital after at most one
 * more white space, quote or parenthesis). Global, a new expression at each call (a literal: see
 * vocabulary.ts, headerLabels).
 */
const statementMarks = (): RegExp => /[()[\]]|\.(?=\s[\s"(]?[A-Z])/g;

/** The end of an MTUS statement: its first sentence end outside parentheses (prose may follow; exported for the tests). */
export function statementEnd(text: string, from: number, end: number): number {
  let depth = 0;
  const marks = statementMarks();
  marks.lastIndex = from;
  // Each mark is one character: it is at lastIndex - 1 (`test`: no match array).
  while (marks.test(text)) {
    const i = marks.lastIndex - 1;
    if (i >= end) break;
    const c = text.charCodeAt(i);
    if (c === 40 /* ( */ || c === 91 /* [ */) depth++;
    else if (c === 41 /* ) */ || c === 93 /* ] */) {
      if (depth > 0) depth--;
    } else if (depth === 0) return i + 1;
  }
  return end;
}

function parseMtus(text: string, start: number, bodyStart: number, end: number, catalog: Catalog, labels: PageLabels): CitationPlan['mtus'][number] {
  let stop = trimEndIndex(text, bodyStart, statementEnd(text, bodyStart, end));
  const last = stop;
  if (text[stop - 1] === '.') stop--;
  const guidelines: GuidelineExtent[] = [];
  let pos = skipSpace(text, bodyStart);
  while (pos < stop) {
    const ref = parseGuideline(text, pos, stop, catalog, labels);
    for (const r of ref.references) guidelines.push(r);
    if (ref.next >= stop) break;
    pos = ref.next;
  }
  return { range: extent(start, last), guidelines };
}

/** "and" in any case. Global, a new expression at each call (a literal: see vocabulary.ts, headerLabels). */
const ands = (): RegExp => /and/gi;

/**
 * Finds ", and <known label> <year>" (or " and ...") after `from`: the start of the next group.
 * One pass over the text: each "and" is looked at once, and only 80 characters after it (exported
 * for the tests).
 */
export function nextGroup(text: string, from: number, stop: number, catalog: Catalog): { cut: number; next: number } | undefined {
  const and = ands();
  and.lastIndex = from + 1;
  while (and.test(text)) {
    const a = and.lastIndex - 3;
    if (a + 3 >= stop) break;
    const i = a + 1;
    if (!isWhiteSpace(text.charCodeAt(a - 1)) || !isWhiteSpace(text.charCodeAt(i + 2))) continue;
    let cut = a - 1;
    while (cut > from && isWhiteSpace(text.charCodeAt(cut - 1))) cut--;
    if (cut > from && text[cut - 1] === ',') cut--;
    const after = skipSpace(text, i + 2);
    if (after >= stop) return undefined;
    const rest = text.slice(after, Math.min(stop, after + 80));
    const label = catalog.labelAtStart.exec(rest);
    if (label && YEAR_AFTER.test(rest.slice(label[0].length))) return { cut, next: after };
  }
  return undefined;
}

function parseGuideline(text: string, pos: number, stop: number, catalog: Catalog, labels: PageLabels): { references: GuidelineExtent[]; next: number } {
  const group = nextGroup(text, pos, stop, catalog);
  const groupEnd = group ? group.cut : stop;
  const next = group ? group.next : stop;
  const body = text.slice(pos, groupEnd);

  const legacy = catalog.legacyLabelAtStart.exec(body);
  if (legacy) {
    // The 2014-15 form may hold several topics, each with its pages:
    // "Carisoprodol, page 60: Medications for Chronic Pain, Page(s): 94".
    const references: GuidelineExtent[] = [];
    const name = extent(pos, pos + legacy[0].length);
    const partId = catalog.partByLabel(legacy[1])?.id;
    let cursor = skipSpace(text, pos + legacy[0].length);
    while (cursor < groupEnd) {
      const pages: PageExtent[] = [];
      const found = findPages(text, cursor, groupEnd, pages, labels);
      let topicStart = cursor;
      while (topicStart < groupEnd && /[\s,.;:]/.test(text[topicStart])) topicStart++;
      let topicEnd = found ? found.labelAt : groupEnd;
      while (topicEnd > topicStart && /[\s,.;:]/.test(text[topicEnd - 1])) topicEnd--;
      const end = found ? found.end : groupEnd;
      if (topicEnd <= topicStart && pages.length === 0) break;
      const reference: GuidelineExtent = {
        name,
        partId,
        sections: [],
        pages,
        legacy: true,
        range: extent(references.length ? topicStart : pos, trimEndIndex(text, topicStart, end)),
      };
      if (topicEnd > topicStart) reference.topic = extent(topicStart, topicEnd);
      references.push(reference);
      if (!found || end <= cursor) break;
      cursor = end;
    }
    if (references.length === 0) references.push({ name, partId, sections: [], pages: [], legacy: true, range: extent(pos, groupEnd) });
    return { references, next };
  }

  let nameEnd: number;
  let year: GuidelineExtent['year'];
  let partId: string | undefined;
  const known = catalog.labelAtStart.exec(body);
  const yearAfterKnown = known ? YEAR_AFTER.exec(body.slice(known[0].length)) : null;
  if (known) {
    nameEnd = pos + known[0].length;
    partId = catalog.partByLabel(known[1])?.id;
  } else {
    // An unknown part: the name runs to the first year, comma or period.
    const unknown = /^([^,.]{1,120}?)(?=\s+(?:19|20)\d\d\b|,|\.|$)/.exec(body.slice(0, 200));
    nameEnd = pos + (unknown ? unknown[1].length : body.length);
  }
  const yearMatch = known ? yearAfterKnown : YEAR_AFTER.exec(text.slice(nameEnd, groupEnd));
  let cursor = nameEnd;
  if (yearMatch) {
    const yearStart = nameEnd + yearMatch[0].length - yearMatch[1].length;
    year = { value: Number(yearMatch[1]), at: extent(yearStart, yearStart + 4) };
    cursor = yearStart + 4;
  }
  const reference: GuidelineExtent = {
    name: extent(pos, trimEndIndex(text, pos, nameEnd)),
    partId,
    year,
    sections: [],
    pages: [],
    legacy: false,
    range: extent(pos, groupEnd),
  };
  const labelEnd = sectionsLabelEnd(text, cursor, groupEnd);
  if (labelEnd >= 0) {
    const listStart = skipSpace(text, labelEnd);
    const pagesAt = findPages(text, listStart, groupEnd, reference.pages, labels)?.labelAt;
    const listEnd = trimEndIndex(text, listStart, pagesAt ?? groupEnd);
    const part = partId ? catalog.partById(partId) : undefined;
    splitSections(text, listStart, listEnd, part?.sectionsSplitBeforeNumber === true, partId ? catalog.sectionIndex(partId) : undefined, reference);
  } else {
    findPages(text, cursor, groupEnd, reference.pages, labels);
  }
  return { references: [reference], next };
}

/** Every "Page(s):" label of a paragraph, found in one pass; `first(from)` by binary search. */
interface PageLabels {
  first(from: number): { at: number; end: number } | undefined;
}

function pageLabels(text: string): PageLabels {
  const found: Array<{ at: number; end: number }> = [];
  const pattern = pageLabelPattern();
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    found.push({ at: m.index, end: m.index + m[0].length });
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return {
    first(from) {
      return found[firstIndexNotBefore(found.length, (i) => found[i].at < from)];
    },
  };
}

/** The end of a "Section(s):" label after optional spaces and a comma at `from`, or -1. */
function sectionsLabelEnd(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isWhiteSpace(text.charCodeAt(i))) i++;
  if (text[i] === ',') i++;
  while (i < to && isWhiteSpace(text.charCodeAt(i))) i++;
  const m = SECTIONS_WORD.exec(text.slice(i, Math.min(to, i + 24)));
  return m ? i + m[0].length : -1;
}

/**
 * Collects "Page(s): 24, 66-68 OF 127" into `pages`; returns where the page label starts and
 * where the list ends (after its last page and an "OF 127" suffix).
 */
function findPages(text: string, from: number, to: number, pages: PageExtent[], labels: PageLabels): { labelAt: number; end: number } | undefined {
  // The first page label in [from, to): a later group's page label is that group's.
  const label = labels.first(from);
  if (!label || label.at >= to) return undefined;
  const m = { index: label.at, 0: text.slice(label.at, label.end) };
  let pos = label.end;
  let end = pos;
  const first = pages.length;
  while (pos < to) {
    const page = PAGE_LIST.exec(text.slice(pos, Math.min(to, pos + 12)));
    if (!page) break;
    const fromPage = Number(page[1]);
    pages.push({ text: page[0], from: fromPage, to: page[2] ? Number(page[2]) : fromPage, at: extent(pos, pos + page[0].length) });
    pos += page[0].length;
    end = pos;
    const total = /^\s+OF\s+\d+/i.exec(text.slice(pos, Math.min(to, pos + 12)));
    if (total) end = pos += total[0].length;
    const sep = /^\s*,\s*|^\s*;\s*|^\s+and\s+/.exec(text.slice(pos, Math.min(to, pos + 8)));
    if (!sep) break;
    pos += sep[0].length;
  }
  return { labelAt: m.index, end: pages.length > first ? end : m.index + m[0].length };
}

/** What splitSections' first pass reads: brackets, commas and semicolons. Global, a new expression at each call (a literal: see vocabulary.ts, headerLabels). */
const listMarks = (): RegExp => /[()[\],;]/g;

/** No section name is longer: longer joins are not looked up (keeps the split linear). */
const MAX_NAME = 300;
/** At most this many list elements are joined back into one name ("A, b, c, d"). */
const MAX_JOIN = 4;

/**
 * The elements of the Section(s) list in [from, to): cut at commas and semicolons outside brackets
 * (when `beforeNumber`, only before a section number), trimmed; empty ones are left out (exported
 * for the tests).
 */
export function listElements(text: string, from: number, to: number, beforeNumber: boolean): Array<{ start: number; end: number }> {
  const elements: Array<{ start: number; end: number }> = [];
  const add = (a: number, b: number) => {
    const start = skipSpace(text, a);
    const end = trimEndIndex(text, start, b);
    if (end > start) elements.push({ start, end });
  };
  let start = from;
  let depth = 0;
  const marks = listMarks();
  marks.lastIndex = from;
  // Each mark is one character: it is at lastIndex - 1 (`test`: no match array).
  while (marks.test(text)) {
    const i = marks.lastIndex - 1;
    if (i >= to) break;
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') {
      if (depth > 0) depth--;
    } else if (depth === 0) {
      if (beforeNumber) {
        let next = i + 1;
        while (next < to && next - i < 16 && isWhiteSpace(text.charCodeAt(next))) next++;
        if (!/^\d+(?:\.\d+)*\s/.test(text.slice(next, Math.min(to, next + 16)))) continue;
      }
      add(start, i);
      start = i + 1;
    }
  }
  add(start, to);
  return elements;
}

/**
 * Splits a Section(s) list the way a reader does, in linear time. The list is cut at commas and
 * semicolons outside parentheses (numbered parts, the Opioids Treatment Guidelines, only before a
 * section number); then, from each element, the longest run of up to four elements that is a
 * known name of the part is taken whole, so a name holding commas ("NSAIDs, GI symptoms &
 * cardiovascular risk", "CRPS, sympathetic and epidural blocks") stays one section. After such a
 * head ("NSAIDs"), an unknown element is part of the same name (a misspelled or unknown topic);
 * an unknown element that starts in lower case continues the one before it ("Opioids, tools for
 * ..."). An element that is a number is a page of the part.
 */
function splitSections(text: string, from: number, to: number, beforeNumber: boolean, index: SectionIndex | undefined, reference: GuidelineExtent): void {
  // 1. The elements, in one pass.
  const elements = listElements(text, from, to, beforeNumber);

  // 2. Known names first, longest first; then pages; then lower-case continuations.
  const known = (a: number, b: number) => b - a <= MAX_NAME && index !== undefined && index.resolve(text.slice(a, b)) !== undefined;
  // A run of elements is joined only when it is a whole name (not a reordering or a part of one).
  // Keys of elements concatenate (commas and spaces are not part of a key): each is computed once.
  const keys: string[] = [];
  const keyAt = (j: number) =>
    (keys[j] ??= elements[j].end - elements[j].start <= MAX_NAME ? index!.keyOf(text.slice(elements[j].start, elements[j].end)) : '\u0000');
  const knownWhole = (first: number, last: number) => {
    let key = '';
    for (let j = first; j <= last; j++) key += keyAt(j);
    return key.length <= MAX_NAME && !key.includes('\u0000') && index!.wholeName(key) !== undefined;
  };
  const isPage = (e: { start: number; end: number }) => e.end - e.start <= 24 && PAGE_ELEMENT.test(text.slice(e.start, e.end));
  const emit = (a: number, b: number) => {
    const element = text.slice(a, b);
    const page = isPage({ start: a, end: b }) ? PAGE_ELEMENT.exec(element) : null;
    if (page) {
      const fromPage = Number(page[1]);
      reference.pages.push({ text: element, from: fromPage, to: page[2] ? Number(page[2]) : fromPage, at: extent(a, b) });
    } else {
      reference.sections.push(extent(a, b));
    }
  };
  let i = 0;
  while (i < elements.length) {
    let taken = 1;
    const head = elements[i];
    const joinable = !beforeNumber && index !== undefined && index.startsCommaName(text.slice(head.start, Math.min(head.end, head.start + 121)));
    for (let k = joinable ? Math.min(MAX_JOIN, elements.length - i) : 1; k >= 2; k--) {
      if (knownWhole(i, i + k - 1)) {
        taken = k;
        break;
      }
    }
    // A known head ("NSAIDs") before an unknown element is one topic misspelled or unknown.
    if (taken === 1 && joinable && i + 1 < elements.length && !isPage(elements[i + 1]) && !known(elements[i + 1].start, elements[i + 1].end)) taken = 2;
    if (taken === 1 && !isPage(elements[i])) {
      while (i + taken < elements.length) {
        const next = elements[i + taken];
        if (!/[a-z]/.test(text[next.start]) || isPage(next) || known(next.start, next.end)) break;
        taken++;
      }
    }
    emit(elements[i].start, elements[i + taken - 1].end);
    i += taken;
  }
}
