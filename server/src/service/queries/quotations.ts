/**
 * The standard quotations each rationale follows, found once per document model (through
 * `Analyses`), with document ranges: shared by the quotation rules (IMR030-IMR032) and the
 * quotation features.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog';
import type { QuoteEdit, QuoteMatch } from '../catalog/quotations';
import type { Item, LetterModel } from '../parser/model';
import type { LineMap } from '../text';
import { mapPacked } from '../arrays';

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
 * The edit with its ranges: its fields named, in the order the aligner gives them
 * (quotation-align.ts; `meaning` is always an own field, undefined when there is none). A spread
 * (`{ ...e }`) here went to V8's slow generic path and was most of the cost of locating a
 * rationale's quotations on every keystroke.
 */
function located(e: QuoteEdit, range: Range, repairRange: Range): LocatedEdit {
  return { kind: e.kind, start: e.start, end: e.end, found: e.found, expected: e.expected, repair: e.repair, meaning: e.meaning, range, repairRange };
}

/** The standard quotations one item's rationale follows, located in the document. */
export function itemQuotationMatches(item: Item, lines: LineMap, catalog: Catalog): LocatedMatch[] {
  const content = item.rationale?.content;
  if (!content || !content.text) return [];
  const matches = catalog.quotations().find(content.text);
  if (!matches.length) return [];
  // The parser's join map (relative to the content's start): no second walk over the document.
  const base = lines.offsetAt(content.range.start);
  const at = (index: number) => base + (content.offsetOf ? content.offsetOf(index) : index);
  const range = (from: number, to: number): Range => {
    const start = at(from);
    const end = to > from ? at(to - 1) + 1 : start;
    return lines.range(start, end);
  };
  // Packed arrays, whether this code is optimised or not (arrays.ts): every quotation rule reads them.
  return mapPacked(matches, (match) => ({
    item,
    match,
    range: range(match.start, match.end),
    edits: mapPacked(match.edits, (e) => located(e, range(e.start, e.end), range(e.repair.from, e.repair.to))),
  }));
}

/** Every standard quotation the letter's rationales follow (rules and features read it through `Analyses`). */
export function quotationMatches(model: LetterModel, catalog: Catalog): LocatedMatch[] {
  return model.items.flatMap((item) => itemQuotationMatches(item, model.lines, catalog));
}
