/**
 * The standard quotations each rationale follows, found once per document model (through
 * `Analyses`), with document ranges: shared by the quotation rules (IMR030-IMR032) and the
 * quotation features.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog';
import type { QuoteEdit, QuoteMatch } from '../catalog/quotations';
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

/** Every standard quotation the letter's rationales follow (rules and features read it through `Analyses`). */
export function quotationMatches(model: LetterModel, catalog: Catalog): LocatedMatch[] {
  const index = catalog.quotations();
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
