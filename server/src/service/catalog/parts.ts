/**
 * Lookups over the guideline parts and their editions (server/data/guidelines.json): a part by
 * id or label, the label patterns the parser matches, label suggestions, editions, topics and
 * each part's section index (built once per part, on first use).
 */
import { editDistance } from '../text';
import { escapeName, normalizeName } from './names';
import type { SectionKeyTables } from './section-keys';
import { buildSectionIndex, SectionEntry, SectionIndex } from './sections';
import type { Catalog, CatalogData, Edition, GuidelinePart } from './types';

export type PartLookups = Pick<
  Catalog,
  'partById' | 'labelAtStart' | 'legacyLabelAtStart' | 'partByLabel' | 'edition' | 'suggestLabels' | 'sectionList' | 'topic'
>;

export type SectionLookups = Pick<Catalog, 'section' | 'sectionIndex' | 'suggestSections'>;

export function buildPartLookups(parts: GuidelinePart[]): PartLookups {
  const byId = new Map(parts.map((p) => [p.id, p]));
  const byLabel = new Map<string, GuidelinePart>();
  const allLabels: Array<{ part: GuidelinePart; label: string; key: string }> = [];
  for (const part of parts) {
    for (const label of [...part.labels, ...(part.legacyLabels ?? [])]) {
      byLabel.set(normalizeName(label), part);
      allLabels.push({ part, label, key: normalizeName(label) });
    }
  }
  const labels = parts.flatMap((p) => p.labels).sort((a, b) => b.length - a.length);
  const legacy = parts.flatMap((p) => p.legacyLabels ?? []).sort((a, b) => b.length - a.length);
  // Each part's editions by year (the first of a year, as a search would find): editions differ in
  // shape (optional fields), and a search reading `year` on each was compiled again for each shape.
  const editions = new Map<string, Map<number, Edition>>();
  for (const part of parts) {
    const byYear = new Map<number, Edition>();
    for (const e of part.editions) if (!byYear.has(e.year)) byYear.set(e.year, e);
    editions.set(part.id, byYear); // the last part of an id, as `byId` keeps
  }
  const edition = (partId: string, year: number) => editions.get(partId)?.get(year);
  return {
    partById: (id) => byId.get(id),
    labelAtStart: new RegExp(`^(${labels.map(escapeName).join('|')})(?=\\s|,|\\.|$)`, 'i'),
    legacyLabelAtStart: new RegExp(`^(${legacy.map(escapeName).join('|')})(?=\\s|,|\\.|$)`, 'i'),
    partByLabel: (label) => byLabel.get(normalizeName(label)),
    edition,
    suggestLabels(name, max = 4) {
      const key = normalizeName(name);
      return allLabels
        .filter((l) => l.part.labels.includes(l.label))
        .map((l) => ({ value: { part: l.part, label: l.label }, distance: editDistance(key, l.key, max) }))
        .filter((s) => s.distance <= max)
        .sort((a, b) => a.distance - b.distance);
    },
    sectionList: (partId, year) => (year === undefined ? undefined : edition(partId, year)?.sectionList),
    topic(partId, year, name) {
      const key = normalizeName(name);
      const topics = edition(partId, year)?.topics ?? [];
      return topics.find((t) => normalizeName(t.name) === key || (t.aliases ?? []).some((a) => normalizeName(a) === key));
    },
  };
}

/** The section abbreviations by their lower case, as the section indexes read them. */
export function abbreviationMap(abbreviationList: CatalogData['sectionAbbreviations']): Map<string, string> {
  return new Map((abbreviationList ?? []).map((a) => [a.abbreviation.toLowerCase(), a.expansion]));
}

/**
 * Each part's sections, indexed once on first use (abbreviations expanded: server/data/guidelines.json).
 * `stored`: the section keys made at build time (prebuilt.ts), used when made of the same sections.
 */
export function buildSectionLookups(
  parts: GuidelinePart[],
  abbreviationList: CatalogData['sectionAbbreviations'],
  stored?: (partId: string) => SectionKeyTables | undefined,
): SectionLookups {
  const byId = new Map(parts.map((p) => [p.id, p]));
  const abbreviations = abbreviationMap(abbreviationList);
  const indexes = new Map<string, SectionIndex>();
  function sectionIndex(partId: string): SectionIndex | undefined {
    const known = indexes.get(partId);
    if (known) return known;
    const part = byId.get(partId);
    if (!part) return undefined;
    const built = buildSectionIndex(part.sections, abbreviations, stored?.(partId));
    indexes.set(partId, built);
    return built;
  }
  return {
    section: (partId: string, name: string): SectionEntry | undefined => sectionIndex(partId)?.resolve(name)?.entry,
    sectionIndex,
    suggestSections: (partId, name, limit = 3) => sectionIndex(partId)?.suggest(name, limit) ?? [],
  };
}
