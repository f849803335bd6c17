/**
 * Parses the text of a "Claims Administrator guideline:" or "MAXIMUS guideline:" paragraph into
 * citations (DOMAIN.md section 5): MTUS statements with guideline parts, years, sections and
 * pages; Non-MTUS sources; the "outside of the MTUS" and "did not cite any medical evidence"
 * statements; the 2014-15 legacy form.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog';
import type { CitationBlock, GuidelineReference, MtusCitation, PageReference, Span } from './model';

export type SpanOf = (from: number, to: number) => Span;

const NO_EVIDENCE = /^The\s+(?:Claims\s+Administrator|Expert\s+Reviewer|reviewer)\s+did\s+not\s+cite\s+any\s+medical\s+evidence\s+for\s+(?:its|their|his|her)\s+decision\.?/i;
const OUTSIDE = /^The\s+(?:Claims\s+Administrator|Expert\s+Reviewer|reviewer)\s+based\s+(?:their|its|his|her)\s+decision\s+on\s+recommendations?(?:\(s\))?\s+outside\s+of\s+the\s+MTUS(?:\s+Guidelines?)?\.?/i;
const STATEMENT = /Decision\s+based\s+on\s+(Non\s*-\s*MTUS|MTUS)\b(\s+Citations?\b)?/gi;
const YEAR_AFTER = /^\s+((?:19|20)\d\d)\b/;
const SECTIONS_LABEL = /^\s*,?\s*Sections?\s*\(s\)\s*:|^\s*,?\s*Section\(s\)\s*:|^\s*,?\s*Sections?\s*:/i;
const PAGES_LABEL = /\b(?:Page\(s\)|Pages?|pg\.?)\s*:?\s*/gi;
const PAGE_LIST = /^(\d{1,4})(?:\s*-\s*(\d{1,4}))?/;

export function parseCitations(text: string, spanOf: SpanOf, catalog: Catalog): CitationBlock {
  const block: CitationBlock = { shape: 'unrecognized', mtus: [], nonMtus: [] };
  const trimmed = text.trim();
  if (!trimmed) {
    block.shape = 'empty';
    return block;
  }
  const lead = text.length - text.trimStart().length;
  const noEvidence = NO_EVIDENCE.exec(text.slice(lead));
  if (noEvidence) {
    block.noEvidence = spanOf(lead, lead + noEvidence[0].length);
    block.shape = 'no-evidence';
  }
  const outside = OUTSIDE.exec(text.slice(lead));
  if (outside) {
    block.outsideMtus = spanOf(lead, lead + outside[0].length);
    block.shape = 'outside-mtus';
  }

  const statements: Array<{ kind: 'mtus' | 'non-mtus'; start: number; bodyStart: number }> = [];
  STATEMENT.lastIndex = 0;
  for (let m = STATEMENT.exec(text); m; m = STATEMENT.exec(text)) {
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
      block.nonMtus.push({ range: spanOf(s.start, to).range, source: spanOf(from, to) });
    } else {
      const citation = parseMtus(text, s.start, s.bodyStart, end, spanOf, catalog);
      const after = statementEnd(text, s.bodyStart, end);
      if (trimEndIndex(text, after, end) > after) block.trailing = spanOf(skipSpace(text, after), trimEndIndex(text, after, end));
      block.mtus.push(citation);
      if (block.shape === 'unrecognized') block.shape = citation.guidelines.some((g) => g.legacy) ? 'legacy' : 'mtus';
    }
  }
  return block;
}

function skipSpace(text: string, index: number): number {
  while (index < text.length && /\s/.test(text[index])) index++;
  return index;
}

function trimEndIndex(text: string, from: number, to: number): number {
  while (to > from && /\s/.test(text[to - 1])) to--;
  return to;
}

/** The end of an MTUS statement: its first sentence end outside parentheses (prose may follow). */
function statementEnd(text: string, from: number, end: number): number {
  let depth = 0;
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === '.' && depth === 0 && /^\.\s+["(]?[A-Z]/.test(text.slice(i, i + 4))) return i + 1;
  }
  return end;
}

function parseMtus(text: string, start: number, bodyStart: number, end: number, spanOf: SpanOf, catalog: Catalog): MtusCitation {
  let stop = trimEndIndex(text, bodyStart, statementEnd(text, bodyStart, end));
  const last = stop;
  if (text[stop - 1] === '.') stop--;
  const guidelines: GuidelineReference[] = [];
  let pos = skipSpace(text, bodyStart);
  while (pos < stop) {
    const ref = parseGuideline(text, pos, stop, spanOf, catalog);
    for (const reference of ref.references) guidelines.push(reference);
    if (ref.next >= stop) break;
    pos = ref.next;
  }
  return { range: spanOf(start, last).range, guidelines };
}

/** Finds ", and <known label> <year>" (or " and ...") after `from`: the start of the next group. */
function nextGroup(text: string, from: number, stop: number, catalog: Catalog): { cut: number; next: number } | undefined {
  const andPattern = /,?\s+and\s+/gi;
  andPattern.lastIndex = from;
  for (let m = andPattern.exec(text); m && m.index < stop; m = andPattern.exec(text)) {
    const after = m.index + m[0].length;
    const rest = text.slice(after, Math.min(stop, after + 80));
    const label = catalog.labelAtStart.exec(rest);
    if (label && YEAR_AFTER.test(rest.slice(label[0].length))) return { cut: m.index, next: after };
  }
  return undefined;
}

function parseGuideline(text: string, pos: number, stop: number, spanOf: SpanOf, catalog: Catalog): { references: GuidelineReference[]; next: number } {
  const group = nextGroup(text, pos, stop, catalog);
  const groupEnd = group ? group.cut : stop;
  const next = group ? group.next : stop;
  const body = text.slice(pos, groupEnd);

  const legacy = catalog.legacyLabelAtStart.exec(body);
  if (legacy) {
    // The 2014-15 form may hold several topics, each with its pages:
    // "Carisoprodol, page 60: Medications for Chronic Pain, Page(s): 94".
    const references: GuidelineReference[] = [];
    const name = spanOf(pos, pos + legacy[0].length);
    const partId = catalog.partByLabel(legacy[1])?.id;
    let cursor = skipSpace(text, pos + legacy[0].length);
    while (cursor < groupEnd) {
      const pages: PageReference[] = [];
      const found = findPages(text, cursor, groupEnd, spanOf, pages);
      let topicStart = cursor;
      while (topicStart < groupEnd && /[\s,.;:]/.test(text[topicStart])) topicStart++;
      let topicEnd = found ? found.labelAt : groupEnd;
      while (topicEnd > topicStart && /[\s,.;:]/.test(text[topicEnd - 1])) topicEnd--;
      const end = found ? found.end : groupEnd;
      if (topicEnd <= topicStart && pages.length === 0) break;
      const reference: GuidelineReference = { name, partId, sections: [], pages, legacy: true, range: spanOf(references.length ? topicStart : pos, trimEndIndex(text, topicStart, end)).range };
      if (topicEnd > topicStart) reference.topic = spanOf(topicStart, topicEnd);
      references.push(reference);
      if (!found || end <= cursor) break;
      cursor = end;
    }
    if (references.length === 0) references.push({ name, partId, sections: [], pages: [], legacy: true, range: spanOf(pos, groupEnd).range });
    return { references, next };
  }

  let nameEnd: number;
  let year: { value: number; range: Range } | undefined;
  let partId: string | undefined;
  const known = catalog.labelAtStart.exec(body);
  const yearAfterKnown = known ? YEAR_AFTER.exec(body.slice(known[0].length)) : null;
  if (known) {
    nameEnd = pos + known[0].length;
    partId = catalog.partByLabel(known[1])?.id;
  } else {
    // An unknown part: the name runs to the first year, comma or period.
    const unknown = /^([^,.]{1,120}?)(?=\s+(?:19|20)\d\d\b|,|\.|$)/.exec(body);
    nameEnd = pos + (unknown ? unknown[1].length : body.length);
  }
  const yearMatch = known ? yearAfterKnown : YEAR_AFTER.exec(text.slice(nameEnd, groupEnd));
  let cursor = nameEnd;
  if (yearMatch) {
    const yearStart = nameEnd + yearMatch[0].length - yearMatch[1].length;
    year = { value: Number(yearMatch[1]), range: spanOf(yearStart, yearStart + 4).range };
    cursor = yearStart + 4;
  }
  const reference: GuidelineReference = {
    name: spanOf(pos, trimEndIndex(text, pos, nameEnd)),
    partId,
    year,
    sections: [],
    pages: [],
    legacy: false,
    range: spanOf(pos, groupEnd).range,
  };
  const rest = text.slice(cursor, groupEnd);
  const label = SECTIONS_LABEL.exec(rest);
  if (label) {
    const listStart = skipSpace(text, cursor + label[0].length);
    const pagesAt = findPages(text, listStart, groupEnd, spanOf, reference.pages)?.labelAt;
    const listEnd = trimEndIndex(text, listStart, pagesAt ?? groupEnd);
    const part = partId ? catalog.partById(partId) : undefined;
    splitSections(text, listStart, listEnd, part?.sectionsSplitBeforeNumber === true, partId ? catalog.commaSections(partId) : [], spanOf, reference.sections);
  } else {
    findPages(text, cursor, groupEnd, spanOf, reference.pages);
  }
  return { references: [reference], next };
}

/**
 * Collects "Page(s): 24, 66-68 OF 127" into `pages`; returns where the page label starts and
 * where the list ends (after its last page and an "OF 127" suffix).
 */
function findPages(text: string, from: number, to: number, spanOf: SpanOf, pages: PageReference[]): { labelAt: number; end: number } | undefined {
  PAGES_LABEL.lastIndex = from;
  const m = PAGES_LABEL.exec(text);
  if (!m || m.index >= to) return undefined;
  let pos = m.index + m[0].length;
  let end = pos;
  const first = pages.length;
  while (pos < to) {
    const page = PAGE_LIST.exec(text.slice(pos, Math.min(to, pos + 12)));
    if (!page) break;
    const fromPage = Number(page[1]);
    pages.push({ text: page[0], from: fromPage, to: page[2] ? Number(page[2]) : fromPage, range: spanOf(pos, pos + page[0].length).range });
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

function splitSections(text: string, from: number, to: number, beforeNumber: boolean, commaNames: string[], spanOf: SpanOf, out: Span[]): void {
  let start = from;
  const push = (a: number, b: number) => {
    let end = trimEndIndex(text, a, b);
    while (end > a && (text[end - 1] === ',' || text[end - 1] === ';')) end--;
    if (end > a) out.push(spanOf(a, end));
  };
  while (start < to) {
    start = skipSpace(text, start);
    if (start >= to) break;
    const remaining = text.slice(start, to);
    const protectedName = commaNames.find((n) => remaining.toLowerCase().startsWith(n.toLowerCase()) && /^(?:\s*,|\s*$)/.test(remaining.slice(n.length)));
    let cut = -1;
    if (protectedName) {
      cut = start + protectedName.length;
      const comma = text.indexOf(',', cut);
      push(start, cut);
      if (comma < 0 || comma >= to) return;
      start = comma + 1;
      continue;
    }
    let depth = 0;
    for (let i = start; i < to; i++) {
      const c = text[i];
      if (c === '(' || c === '[') depth++;
      else if ((c === ')' || c === ']') && depth > 0) depth--;
      else if ((c === ',' || c === ';') && depth === 0) {
        if (beforeNumber) {
          if (/^[,;]\s*\d+(?:\.\d+)*\s/.test(text.slice(i, Math.min(to, i + 16)))) {
            cut = i;
            break;
          }
        } else {
          cut = i;
          break;
        }
      }
    }
    if (cut < 0) {
      push(start, to);
      return;
    }
    push(start, cut);
    start = cut + 1;
  }
}
