/**
 * Editor features over citations: what is under the cursor (a guideline part, its year, a
 * section, a page, a non-MTUS source), hover text for it, and the read-only catalog view that
 * "go to definition" opens. All facts come from the catalog, each with its confidence.
 */
import { Hover, Location, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import type { Catalog, Edition, GuidelinePart } from '../catalog';
import type { GuidelineReference, Item, LetterModel, PageReference, Span } from '../parser/model';
import { editionOf } from '../queries/references';
import { rangeContains } from '../positions';

export const CATALOG_SCHEME = 'imr-catalog';

export type CitationTarget =
  | { kind: 'part'; item: Item; guideline: GuidelineReference; range: Range }
  | { kind: 'section'; item: Item; guideline: GuidelineReference; section: Span }
  | { kind: 'page'; item: Item; guideline: GuidelineReference; page: PageReference }
  | { kind: 'non-mtus'; item: Item; source: Span };

export function citationAt(model: LetterModel, position: Position): CitationTarget | undefined {
  for (const item of model.items) {
    if (!rangeContains(item.range, position)) continue;
    for (const p of item.paragraphs) {
      if (!p.citations || !rangeContains(p.range, position)) continue;
      for (const n of p.citations.nonMtus) if (rangeContains(n.source.range, position)) return { kind: 'non-mtus', item, source: n.source };
      for (const c of p.citations.mtus) {
        for (const g of c.guidelines) {
          if (rangeContains(g.name.range, position)) return { kind: 'part', item, guideline: g, range: g.name.range };
          if (g.year && rangeContains(g.year.range, position)) return { kind: 'part', item, guideline: g, range: g.year.range };
          if (g.topic && rangeContains(g.topic.range, position)) return { kind: 'section', item, guideline: g, section: g.topic };
          for (const s of g.sections) if (rangeContains(s.range, position)) return { kind: 'section', item, guideline: g, section: s };
          for (const page of g.pages) if (rangeContains(page.range, position)) return { kind: 'page', item, guideline: g, page };
        }
      }
    }
  }
  return undefined;
}

const mark = (confidence: string) => (confidence === 'confirmed' ? 'confirmed' : '**unconfirmed**');

/** "127 pages", or "pages 286-326" for a chapter of a larger book. */
function pageSpan(e: Edition): string {
  if (!e.pages) return '';
  return e.firstPage ? `pages ${e.firstPage}-${e.pages}` : `${e.pages} pages`;
}

/** "complete list of sections" / "partial list of sections" with its source. */
function listNote(e: Edition, confidence: (c: string) => string): string {
  const list = e.sectionList;
  return list ? `; ${list.completeness} list of sections (${confidence(list.confidence)}: ${list.source})` : '';
}

function partSummary(part: GuidelinePart): string {
  const editions = part.editions
    .map(
      (e) =>
        `- ${e.year}${e.effective ? `, effective ${e.effective}` : ''}${e.pages ? `, ${pageSpan(e)}` : ''} (${mark(e.confidence)}: ${e.source})${e.sectionList ? `; ${e.sectionList.completeness} list of sections` : ''}`,
    )
    .join('\n');
  return `**${part.name}** (${part.regulation})\n\n${part.gist.text} _(${mark(part.gist.confidence)}: ${part.gist.source})_\n\nEditions in the MTUS:\n${editions}`;
}

function hover(value: string, range: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

export function citationHover(model: LetterModel, catalog: Catalog, position: Position): Hover | null {
  const target = citationAt(model, position);
  if (!target) return null;
  if (target.kind === 'non-mtus') {
    const source = catalog.nonMtusSource(target.source.text);
    const text = source
      ? `**${source.name}** (not part of the MTUS)\n\n${source.gist}\n\n_${mark(source.confidence)}: ${source.source}_`
      : '**Non-MTUS source.** Letters cite other evidence-based guidelines when the MTUS does not address the treatment (8 CCR 9792.25(b)).';
    return hover(text, target.source.range);
  }
  const g = target.guideline;
  const { part, edition, year } = editionOf(catalog, g);
  if (!part) {
    const suggestion = catalog.suggestLabels(g.name.text)[0];
    return hover(
      `**'${g.name.text}' is not an MTUS guideline part.**${suggestion ? ` Did you mean '${suggestion.value.label}'?` : ''}`,
      target.kind === 'part' ? target.range : g.name.range,
    );
  }
  if (target.kind === 'part') {
    const cited = year ? `\n\nCited edition: ${year}${edition ? '' : ' — **the MTUS has no such edition**'}.` : '';
    return hover(partSummary(part) + cited, target.range);
  }
  if (target.kind === 'section') {
    const entry = catalog.section(part.id, target.section.text);
    const topic = year ? catalog.topic(part.id, year, target.section.text) : undefined;
    const lines = [`**${entry?.name ?? target.section.text}**, ${part.name}${year ? ` ${year}` : ''}`];
    lines.push(entry ? `Section known to the catalog (${mark(entry.confidence)}: ${entry.source}).` : 'Not a section the catalog knows for this part.');
    if (entry?.page) lines.push(`Starts on page ${entry.page}.`);
    if (entry?.aliases?.length) lines.push(`Also written: ${entry.aliases.join('; ')} (observed).`);
    const list = edition?.sectionList;
    if (list) lines.push(`The catalog's list of sections of this edition is ${list.completeness} (${mark(list.confidence)}: ${list.source}).`);
    if (topic)
      lines.push(
        `In the ${year} edition: page${topic.pages.length > 1 || topic.pages[0][0] !== topic.pages[0][1] ? 's' : ''} ${topic.pages.map(([a, b]) => (a === b ? a : `${a}-${b}`)).join(', ')} (${mark(topic.confidence)}: ${topic.source}).`,
      );
    return hover(lines.join('\n\n'), target.section.range);
  }
  const name = g.topic?.text ?? g.sections[0]?.text;
  const topic = name && year ? catalog.topic(part.id, year, name) : undefined;
  const where = topic
    ? `${topic.name} is on page ${topic.pages.map(([a, b]) => (a === b ? a : `${a}-${b}`)).join(', ')} (${mark(topic.confidence)}: ${topic.source}).`
    : 'The catalog has no page facts for this topic.';
  return hover(
    `**Page ${target.page.text}** of the ${part.name}${year ? ` ${year}` : ''}${edition?.pages ? ` (${pageSpan(edition)})` : ''}.\n\n${where}`,
    target.page.range,
  );
}

/** The read-only catalog entry of a part, as markdown (the target of "go to definition"). */
export function catalogDocument(catalog: Catalog, uri: string): string | undefined {
  const id = /^imr-catalog:\/parts\/([a-z0-9-]+)\.md$/.exec(uri)?.[1];
  const part = id ? catalog.partById(id) : undefined;
  if (!part) return undefined;
  const out = [
    `# ${part.name}`,
    '',
    `${part.regulation}. Cited in letters as: ${part.labels.map((l) => `"${l}"`).join(', ')}${part.legacyLabels ? `; 2014-15 letters: ${part.legacyLabels.map((l) => `"${l}"`).join(', ')}` : ''}.`,
    '',
    part.gist.text,
    '',
    `(${part.gist.confidence}: ${part.gist.source})`,
    '',
    '## Editions',
    '',
  ];
  for (const e of part.editions)
    out.push(
      `- ${e.year}${e.effective ? `, effective ${e.effective}` : ''}${e.pages ? `, ${pageSpan(e)}` : ''} (${e.confidence}: ${e.source})${listNote(e, (c) => c)}`,
    );
  out.push('', '## Sections', '');
  if (part.sections.length === 0) out.push('This part is cited without sections.');
  for (const s of part.sections)
    out.push(
      `- ${s.name} (${s.confidence}: ${s.source})${s.page ? `, page ${s.page}` : ''}${s.aliases?.length ? `; also written ${s.aliases.join('; ')} (observed)` : ''}`,
    );
  for (const e of part.editions.filter((x) => x.topics?.length)) {
    out.push('', `## Topics and pages of the ${e.year} edition`, '');
    for (const t of e.topics!)
      out.push(
        `- ${t.name}: page ${t.pages.map(([a, b]) => (a === b ? a : `${a}-${b}`)).join(', ')}${t.aliases?.length ? ` (also cited as ${t.aliases.join(', ')})` : ''} (${t.confidence}: ${t.source})`,
      );
  }
  out.push('', '_Read-only view of server/data/guidelines.json; every fact carries its source and confidence._', '');
  return out.join('\n');
}

export function citationDefinition(model: LetterModel, catalog: Catalog, position: Position): Location | null {
  const target = citationAt(model, position);
  if (!target || target.kind === 'non-mtus') return null;
  const part = target.guideline.partId ? catalog.partById(target.guideline.partId) : undefined;
  if (!part) return null;
  const uri = `${CATALOG_SCHEME}:/parts/${part.id}.md`;
  const lines = catalogDocument(catalog, uri)!.split('\n');
  let line = 0;
  if (target.kind === 'section') {
    const entry = catalog.section(part.id, target.section.text);
    const found = entry ? lines.findIndex((l) => l.startsWith(`- ${entry.name} (`)) : -1;
    if (found >= 0) line = found;
  }
  return Location.create(uri, { start: { line, character: 0 }, end: { line, character: lines[line].length } });
}
