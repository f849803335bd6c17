/**
 * Completion inside the guideline lines: guideline parts with their editions after
 * "Decision based on MTUS ", the sections of the cited part inside "Section(s):" (those that
 * govern the item's drug first), and the topic's pages after "Page(s):".
 */
import { CompletionItem, CompletionItemKind, MarkupKind, Position } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog';
import type { LetterModel } from '../parser/model';
import { editionOf } from '../queries/references';
import { isBeforeOrEqual } from '../positions';
import { TOPICAL_FORM } from '../parser/vocabulary';
import type { Analyses } from '../queries/analyses';

export function completeCitation(model: LetterModel, catalog: Catalog, position: Position, analyses: Analyses): CompletionItem[] | undefined {
  // The paragraph being typed: the last one that starts before the cursor (it may end before it).
  const startsBefore = (r: { start: Position }) => isBeforeOrEqual(r.start, position);
  const item = model.items.filter((i) => startsBefore(i.range)).pop();
  const paragraph = item?.paragraphs.filter((p) => startsBefore(p.range)).pop();
  if (paragraph?.kind === 'rationale' || (paragraph && paragraph.range.end.line < position.line - 1)) return undefined;
  if (!item || !paragraph) return undefined;
  const lines = model.lines;
  const before = lines.text.slice(lines.offsetAt(paragraph.range.start), lines.offsetAt(position)).replace(/\s+/g, ' ');
  const lineBefore = lines.lineText(position.line).slice(0, position.character);
  const fragment = (pattern: RegExp) => {
    const typed = pattern.exec(lineBefore)?.[1] ?? '';
    return { start: { line: position.line, character: position.character - typed.length }, end: position };
  };

  if (/Decision based on MTUS\s+[A-Za-z ,]*$/i.test(before) && !/(?:19|20)\d\d/.test(/MTUS\s+([^]*)$/i.exec(before)?.[1] ?? '')) {
    const range = fragment(/(?:MTUS\s+|^\s*)([A-Za-z ,]*)$/i);
    return catalog.parts.flatMap((part, i) =>
      part.editions.map((e) => ({
        label: `${part.labels[0]} ${e.year}`,
        kind: CompletionItemKind.Reference,
        detail: `${part.regulation}${e.effective ? `, effective ${e.effective}` : ''}`,
        documentation: { kind: MarkupKind.Markdown, value: `**${part.name}**\n\n${part.gist.text}` },
        sortText: `${String(i).padStart(2, '0')}-${3000 - e.year}`,
        textEdit: { range, newText: `${part.labels[0]} ${e.year}` },
      })),
    );
  }

  const pages = /Page\(s\):\s*[\d, -]*$/i.test(before);
  const sections = /Section\(s\):[^.]*$/i.test(before);
  if (!pages && !sections) return undefined;
  const offset = lines.offsetAt(position);
  const guideline = paragraph.citations?.mtus
    .flatMap((c) => c.guidelines)
    .filter((g) => lines.offsetAt(g.name.range.start) < offset)
    .pop();
  const { part, year } = guideline ? editionOf(catalog, guideline) : {};
  if (!guideline || !part) return undefined;

  if (pages) {
    const name = guideline.topic?.text ?? guideline.sections[0]?.text;
    const topic = name && year ? catalog.topic(part.id, year, name) : undefined;
    if (!topic) return [];
    const range = fragment(/([\d-]*)$/);
    return topic.pages.map(([a, b]) => {
      const text = a === b ? `${a}` : `${a}-${b}`;
      return {
        label: text,
        kind: CompletionItemKind.Value,
        detail: `${topic.name}, ${part.name} ${year} (${topic.confidence})`,
        textEdit: { range, newText: text },
      };
    });
  }

  const treatment = item.header?.treatment.text ?? '';
  const drugs = analyses.item(item).treatmentDrugs;
  // The drug's own topics (and its ingredients') first, in the table's order (its main topic first); the topical
  // section only for a topical product.
  const topical = TOPICAL_FORM.test(treatment);
  const ranked = drugs.flatMap((d) =>
    catalog
      .topicsOf(d.drug)
      .filter((t) => t.partId === part.id && t.section && (topical || t.section !== catalog.topicalTopic?.section))
      .map((t) => t.section!),
  );
  const governing = new Set(ranked);
  const range = fragment(/(?:[:,]\s*|^\s*)([^:,]*)$/);
  return part.sections.map((s, i) => ({
    label: s.name,
    kind: CompletionItemKind.EnumMember,
    detail: governing.has(s.name) ? `Governs ${drugs.map((d) => d.name).join(', ')}` : `${part.labels[0]}${year ? ` ${year}` : ''}`,
    documentation: `${s.confidence}: ${s.source}`,
    sortText: governing.has(s.name)
      ? `0-${String(ranked.indexOf(s.name)).padStart(3, '0')}`
      : `${s.confidence === 'confirmed' ? 1 : 2}-${String(i).padStart(3, '0')}`,
    preselect: governing.has(s.name) || undefined,
    textEdit: { range, newText: s.name },
  }));
}
