/**
 * How the quotation rules (IMR030-IMR032) word their findings: the quotation's name, an edit
 * in the reviewer's words, the repair's title, and when a changed word is a misquotation. The
 * matches themselves are a shared query (queries/quotations.ts, read through `Analyses`).
 */
import type { Catalog } from '../catalog';
import type { QuoteEdit, QuoteMatch } from '../catalog/quotations';

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
