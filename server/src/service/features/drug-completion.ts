import { CompletionItem, CompletionItemKind, MarkupKind, Position } from 'vscode-languageserver-types';
import type { Catalog, DrugEntry } from '../catalog';
import type { LetterModel } from '../parser/model';

/** Letters typed before completion offers drug names (fewer would list half the vocabulary). */
const MIN_TYPED = 3;
const LIMIT = 30;

function describe(drug: DrugEntry, catalog: Catalog): string {
  const parts = [`**${drug.names[0]}**: ${drug.class}${drug.kind && drug.kind !== 'drug' ? ` (${drug.kind})` : ''}`];
  const ingredients = (drug.contains ?? []).map((id) => catalog.drugById(id)?.names[0] ?? id);
  if (ingredients.length > 0) parts.push(`Contains: ${ingredients.join(', ')}`);
  if (drug.strengths) parts.push(`Strengths as marketed: ${drug.strengths}`);
  const topics = catalog
    .topicsOf(drug)
    .filter((t) => t.section)
    .map((t) => t.section);
  if (topics.length > 0) parts.push(`MTUS: ${topics.slice(0, 4).join('; ')}`);
  parts.push(`Source (${drug.confidence}): ${drug.source}`);
  return parts.join('\n\n');
}

/**
 * Drug and product names of the vocabulary for the word being typed in the issues section
 * (an item's treatment line or a rationale): generics, brands, combination products,
 * compounded topicals, medical foods and kits, with their class, ingredients and source.
 */
export function drugCompletions(model: LetterModel, catalog: Catalog, position: Position): CompletionItem[] {
  const issues = model.sections.find((s) => s.kind === 'issues');
  if (!issues || position.line <= issues.heading.range.start.line || position.line >= model.lines.lineCount) return [];
  const before = model.lines.lineText(position.line).slice(0, position.character);
  const typed = /[A-Za-z][A-Za-z-]*$/.exec(before)?.[0];
  if (!typed || typed.length < MIN_TYPED) return [];
  const start = { line: position.line, character: position.character - typed.length };
  return catalog.namesStartingWith(typed, LIMIT).map(({ name, drug }, i) => ({
    label: name,
    kind: CompletionItemKind.Value,
    detail: drug.names[0] === name ? drug.class : `${drug.class}: ${drug.names[0]}`,
    documentation: { kind: MarkupKind.Markdown, value: describe(drug, catalog) },
    sortText: `5-${String(i).padStart(3, '0')}`,
    textEdit: { range: { start, end: position }, newText: name },
  }));
}
