/**
 * Shared by the quotation rules (IMR030-IMR032) and the quotation features: the standard
 * quotations each rationale follows, found once per document model, with document ranges.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog';
import { quotationIndex, QuoteEdit, QuoteMatch } from '../catalog/quotations';
import type { Item, LetterModel } from '../parser/model';
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

/** The standard quotations one item's rationale follows, located in the document. */
export function itemQuotationMatches(item: Item, lines: LineMap, catalog: Catalog): LocatedMatch[] {
  const content = item.rationale?.content;
  if (!content || !content.text) return [];
  const matches = quotationIndex(catalog).find(content.text);
  if (!matches.length) return [];
  // The parser's join map (relative to the content's start): no second walk over the document.
  const base = lines.offsetAt(content.range.start);
  const at = (index: number) => base + (content.offsetOf ? content.offsetOf(index) : index);
  const range = (from: number, to: number): Range => {
    const start = at(from);
    const end = to > from ? at(to - 1) + 1 : start;
    return lines.range(start, end);
  };
  return matches.map((match) => ({
    item,
    match,
    range: range(match.start, match.end),
    edits: match.edits.map((e) => ({ ...e, range: range(e.start, e.end), repairRange: range(e.repair.from, e.repair.to) })),
  }));
}

/** Every standard quotation the letter's rationales follow (rules and features read it from `analysesOf(model)`). */
export function quotationMatches(model: LetterModel, catalog: Catalog): LocatedMatch[] {
  return model.items.flatMap((item) => itemQuotationMatches(item, model.lines, catalog));
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
