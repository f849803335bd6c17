import { CompletionItem, CompletionItemKind, CompletionList, Position } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog';
import type { LetterModel } from '../parser/model';
import type { Analyses } from '../queries/analyses';
import { completeCitation } from './citation-completion';
import { drugCompletions } from './drug-completion';
import { quotationCompletions } from './quotations';
import { LABELS, SECTION_HEADINGS, VALID_DECISIONS } from '../parser/vocabulary';

/**
 * Completion for the letter's fixed parts: the decision after an item's colon, the three
 * labels at the start of a line in the issues section, and missing section headings.
 */
export function doComplete(model: LetterModel, catalog: Catalog, position: Position, analyses: Analyses): CompletionList {
  const citation = completeCitation(model, catalog, position, analyses);
  if (citation) return CompletionList.create(citation, false);
  // Drug and product names for a word being typed in the issues section (after the quotations in a rationale).
  const drugs = drugCompletions(model, catalog, position);
  const quotations = quotationCompletions(model, position, catalog, analyses);
  if (quotations) return CompletionList.create([...quotations, ...drugs], false);
  const items: CompletionItem[] = [...drugs];
  const line = position.line < model.lines.lineCount ? model.lines.lineText(position.line) : '';
  const before = line.slice(0, position.character);
  const issues = model.sections.find((s) => s.kind === 'issues');
  const inIssues = issues !== undefined && position.line > issues.heading.range.start.line;

  if (inIssues && /:\s*[A-Za-z]*$/.test(before) && !/^\s*(Claims|MAXIMUS|Decision)/i.test(before)) {
    const typed = /[A-Za-z]*$/.exec(before)![0];
    const start = { line: position.line, character: position.character - typed.length };
    VALID_DECISIONS.forEach((d, i) => {
      items.push({
        label: d,
        kind: CompletionItemKind.EnumMember,
        detail: d === 'Upheld' ? 'Not medically necessary (the UR denial stands)' : 'Medically necessary',
        sortText: String(i),
        textEdit: { range: { start, end: position }, newText: d },
      });
    });
    return CompletionList.create(items, false);
  }
  if (/^\s*[A-Za-z ]*$/.test(before)) {
    const typed = before.trimStart();
    const start = { line: position.line, character: position.character - typed.length };
    if (inIssues) {
      LABELS.forEach((l, i) =>
        items.push({
          label: l.label,
          kind: CompletionItemKind.Keyword,
          sortText: `0${i}`,
          textEdit: { range: { start, end: position }, newText: `${l.label} ` },
        }),
      );
    }
    const present = new Set(model.sections.map((s) => s.kind));
    SECTION_HEADINGS.filter((h) => !present.has(h.kind)).forEach((h, i) => {
      items.push({
        label: h.heading,
        kind: CompletionItemKind.Module,
        detail: 'Section heading',
        sortText: `1${i}`,
        textEdit: { range: { start, end: position }, newText: h.heading },
      });
    });
  }
  return CompletionList.create(items, false);
}
