/**
 * Shared by the quotation rules (IMR030-IMR032) and the quotation features: the standard
 * quotations each rationale follows, found once per document model, with document ranges.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog';
import { quotationIndex, QuoteEdit, QuoteMatch } from '../catalog/quotations';
import type { Item, LetterModel, Span } from '../parser/model';
import type { LineMap } from '../text';

export interface LocatedEdit extends QuoteEdit {
  range: Range;
  /** The repair as a document edit. */
  repairRange: Range;
}

export interface LocatedMatch {
  item: Item;
  match: QuoteMatch;
  range: Range;
  edits: LocatedEdit[];
}

/**
 * Maps indexes of a span's joined text (lines joined with one space, line-end hyphens joined)
 * back to document offsets, by walking the document from the span's start: characters the join
 * dropped (line breaks, indentation, form feeds, trailing spaces) are skipped.
 */
export function joinedOffsets(lines: LineMap, span: Span): (index: number) => number {
  const doc = lines.text;
  const text = span.text;
  // Runs where joined and document offsets advance together: a run starts at (segJ[k], segD[k]).
  const segJ: number[] = [];
  const segD: number[] = [];
  const put = (jj: number, dd: number) => {
    const n = segJ.length;
    if (n && jj - segJ[n - 1] === dd - segD[n - 1]) return;
    segJ.push(jj);
    segD.push(dd);
  };
  let j = 0;
  let d = lines.offsetAt(span.range.start);
  const blank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0;
  // Walks forward only as far as asked (rules ask for a few offsets, in any order).
  const walk = (until: number) => {
    while (j <= until && j < text.length) {
      const t = text.charCodeAt(j);
      const c = doc.charCodeAt(d);
      if (d < doc.length && t !== c && blank(c) && t !== 32) {
        d++;
        continue;
      }
      if (d < doc.length && t === 32 && c !== 32 && blank(c)) {
        // The join's separator stands for the line break: map it there, then skip the break.
        put(j++, d);
        while (d < doc.length && blank(doc.charCodeAt(d))) d++;
        continue;
      }
      put(j++, d);
      if (d < doc.length) d++;
    }
    if (j >= text.length) put(text.length, d);
  };
  return (index) => {
    const i = Math.max(0, Math.min(index, text.length));
    if (i >= j && !(j >= text.length && segJ.length)) walk(i);
    let lo = 0;
    let hi = segJ.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segJ[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return segD[lo] + (i - segJ[lo]);
  };
}

/** Every standard quotation the letter's rationales follow (rules share it through `context.memo`). */
export function quotationMatches(model: LetterModel, catalog: Catalog): LocatedMatch[] {
  const index = quotationIndex(catalog);
  const out: LocatedMatch[] = [];
  for (const item of model.items) {
    const content = item.rationale?.content;
    if (!content || !content.text) continue;
    const matches = index.find(content.text);
    if (!matches.length) continue;
    const at = joinedOffsets(model.lines, content);
    const range = (from: number, to: number): Range => {
      const start = at(from);
      const end = to > from ? at(to - 1) + 1 : start;
      return model.lines.range(start, end);
    };
    for (const match of matches) {
      out.push({
        item,
        match,
        range: range(match.start, match.end),
        edits: match.edits.map((e) => ({ ...e, range: range(e.start, e.end), repairRange: range(e.repair.from, e.repair.to) })),
      });
    }
  }
  return out;
}

/** "'Benzodiazepines' (CPMTG 2009)" for messages. */
export function quotationName(match: QuoteMatch, catalog: Catalog): string {
  const q = match.quotation;
  const part = q.partId ? catalog.partById(q.partId) : undefined;
  const where = part ? ` (${part.labels[0]}${q.year ? ` ${q.year}` : ''})` : q.kind === 'boilerplate' ? ' (MAXIMUS statement)' : '';
  return `'${q.title}'${where}`;
}

export function describeEdit(edit: QuoteEdit, text: string): string {
  const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
  if (edit.kind === 'changed') return `the source reads '${shorten(edit.expected)}' where the letter has '${shorten(edit.found)}'`;
  if (edit.kind === 'added') return `'${shorten(edit.found)}' is not in the source`;
  return `'${shorten(edit.expected)}' is missing before '${shorten(text.slice(edit.start, edit.end))}'`;
}

export function repairTitle(edit: QuoteEdit): string {
  if (edit.kind === 'changed') return `Restore the source wording '${edit.expected}'`;
  if (edit.kind === 'added') return `Remove '${edit.found}'`;
  return `Insert '${edit.expected}'`;
}

/** A passage close enough to its source that a changed negation or number is a misquotation, not a paraphrase. */
export function followsClosely(match: QuoteMatch): boolean {
  // Words changed one for one (a number, an opposite) still stand where the source's words do.
  const inPlace = match.edits.filter((e) => e.kind === 'changed' && e.meaning && !/\s/.test(e.found) && !/\s/.test(e.expected)).length;
  const aligned = match.matched + inPlace;
  return match.quoted || aligned >= 12 || (match.complete && aligned >= 8);
}
