/**
 * Completion of standard quotations (server/data/quotations.json):
 * - in a rationale, every quotation, those that fit the item's treatment first (its drug class
 *   through the drug table, or a procedure keyword); the item inserts the exact text and the
 *   documentation pane shows its citation and source;
 * - in the MAXIMUS guideline line, the citation of the quotations the rationale already uses,
 *   then the citations of those that fit the treatment.
 */
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog';
import type { Quotation } from '../catalog/quotations';
import type { Item, LabelledParagraph, LetterModel } from '../parser/model';
import type { Analyses } from '../queries/analyses';
import { rangeContains } from '../positions';

/** The item paragraph whose text (after its label) holds the position; a position just after the text counts. */
function paragraphAt(model: LetterModel, position: Position): { item: Item; paragraph: LabelledParagraph } | undefined {
  for (const item of model.items) {
    for (const paragraph of item.paragraphs) {
      if (paragraph.kind === 'claimsAdministrator') continue;
      const range = { start: paragraph.label.range.end, end: paragraph.range.end };
      const lineEnd = { line: range.end.line, character: Number.MAX_SAFE_INTEGER };
      if (rangeContains({ start: range.start, end: lineEnd }, position)) return { item, paragraph };
    }
  }
  return undefined;
}

/** How well a quotation fits the item's treatment: 2 its drug class, 1 a keyword, 0 none. */
function fit(q: Quotation, treatment: string, classes: Set<string>): number {
  if ((q.drugClasses ?? []).some((c) => classes.has(c))) return 2;
  const lower = treatment.toLowerCase();
  const keyword = (q.keywords ?? []).some((k) => {
    const key = k.toLowerCase();
    const at = lower.indexOf(key);
    return at >= 0 && !/[a-z]/.test(lower[at - 1] ?? '') && !/[a-z]/.test(lower[at + key.length] ?? '');
  });
  return keyword ? 1 : 0;
}

function citationOf(q: Quotation, catalog: Catalog): string | undefined {
  if (q.kind !== 'mtus' || !q.partId) return undefined;
  const part = catalog.partById(q.partId);
  return `${part?.labels[0] ?? q.partId} ${q.year}${q.section ? `, Section(s): ${q.section}` : ''}`;
}

function documentation(q: Quotation, catalog: Catalog): string {
  const cite = citationOf(q, catalog);
  return [
    `> ${q.text}`,
    '',
    cite
      ? `**MAXIMUS guideline:** Decision based on MTUS ${cite}.`
      : q.regulation
        ? `**${q.regulation.startsWith('8 CCR') ? 'MTUS regulation' : 'Statute'}** ${q.regulation} (cite the guideline part the rationale applies).`
        : q.kind === 'boilerplate'
          ? '**MAXIMUS standard statement** (not MTUS text).'
          : '**Non-MTUS** (cite it as a Non-MTUS Citation).',
    q.pages ? `Page(s): ${q.pages}.` : '',
    '',
    `Source: ${q.source}.${q.confidence === 'unconfirmed' ? ' The wording is **unconfirmed**: check it against the DWC text.' : ''}`,
  ]
    .filter((l, i, all) => l !== '' || all[i - 1] !== '')
    .join('\n');
}

/** Treatment classes named in the item's treatment line (through the drug table). */
function classesOf(item: Item, catalog: Catalog, analyses: Analyses): Set<string> {
  if (!(catalog as Partial<Catalog>).drugsIn) return new Set();
  return new Set(analyses.item(item).treatmentDrugs.map((d) => d.drug.classGroup));
}

/** The word being typed before the position (letters, digits, hyphens). */
function typedRange(model: LetterModel, position: Position): Range {
  const line = position.line < model.lines.lineCount ? model.lines.lineText(position.line) : '';
  const typed = /[A-Za-z0-9'-]*$/.exec(line.slice(0, position.character))![0];
  return { start: { line: position.line, character: position.character - typed.length }, end: position };
}

/** Completion items for a position in a rationale or a MAXIMUS line; undefined elsewhere. */
export function quotationCompletions(model: LetterModel, position: Position, catalog: Catalog, analyses: Analyses): CompletionItem[] | undefined {
  const at = paragraphAt(model, position);
  if (!at) return undefined;
  const { item, paragraph } = at;
  const index = catalog.quotations();
  const treatment = item.header?.treatment.text ?? '';
  const classes = classesOf(item, catalog, analyses);
  const ranked = index.quotations.map((q, i) => ({ q, i, score: fit(q, treatment, classes) }));

  if (paragraph.kind === 'rationale') {
    const range = typedRange(model, position);
    // After an opening quote mark the quotation goes in without one of its own.
    const line = model.lines.lineText(position.line);
    const opened = /["\u201c]$/.test(line.slice(0, range.start.character));
    const best = Math.max(...ranked.map((r) => r.score));
    const preselected = best > 0 ? ranked.find((r) => r.score === best) : undefined;
    return ranked.map(({ q, i, score }) => ({
      label: q.title,
      kind: CompletionItemKind.Text,
      detail: citationOf(q, catalog) ?? (q.regulation ? q.regulation : q.kind === 'boilerplate' ? 'MAXIMUS statement' : 'Non-MTUS'),
      documentation: { kind: MarkupKind.Markdown, value: documentation(q, catalog) },
      sortText: `${2 - score}-${String(i).padStart(3, '0')}`,
      filterText: `${q.title} ${q.text}`,
      preselect: preselected?.q === q ? true : undefined,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range, newText: q.kind === 'boilerplate' ? q.text : opened ? `${q.text}"` : `"${q.text}"` },
      data: { quotation: q.id },
    }));
  }

  // The MAXIMUS line: the citation goes after the label, replacing what has been typed so far.
  const used = new Set(analyses.item(item).quotationMatches.map((m) => m.match.quotation));
  const labelEnd = paragraph.label.range.end;
  const line = model.lines.lineText(position.line);
  let startChar = position.line === labelEnd.line ? labelEnd.character : 0;
  while (startChar < position.character && /\s/.test(line[startChar])) startChar++;
  const range = { start: { line: position.line, character: startChar }, end: position };
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  const order = [...ranked].sort((a, b) => Number(used.has(b.q)) - Number(used.has(a.q)) || b.score - a.score || a.i - b.i);
  for (const { q, score } of order) {
    const cite = citationOf(q, catalog);
    if (!cite || seen.has(cite)) continue;
    const isUsed = used.has(q);
    if (!isUsed && score === 0) continue;
    seen.add(cite);
    const newText = `Decision based on MTUS ${cite}.`;
    items.push({
      label: cite,
      kind: CompletionItemKind.Reference,
      detail: isUsed ? `Cites the quotation '${q.title}' in the rationale` : `Fits the treatment: '${q.title}'`,
      documentation: { kind: MarkupKind.Markdown, value: documentation(q, catalog) },
      sortText: `${isUsed ? 0 : 1}-${String(items.length).padStart(3, '0')}`,
      filterText: newText,
      preselect: items.length === 0 ? true : undefined,
      textEdit: { range, newText },
      data: { quotation: q.id },
    });
  }
  return items;
}
