/**
 * The guideline catalog: loads the data files once (server/data/*.json, each with a JSON Schema
 * and a source for every entry) and builds the lookups the parser, rules and features use:
 * exact and normalised lookups, aliases, and edit-distance suggestions. Rules never hard-code
 * a guideline fact.
 */
import guidelineData from '../../../data/guidelines.json';
import drugData from '../../../data/drugs.json';
import nonMtusData from '../../../data/nonmtus.json';
import nearWordsData from '../../../data/english-near-drugs.json';
import { editDistance } from '../text';
import { buildDrugIndex, ClassTerms, Confidence, DrugEntry, DrugIndex } from './drugs';
import { QuotationData, QuotationIndex, QUOTATIONS } from './quotations';

export type { Confidence, DrugEntry, DrugIndex, DrugKind, DrugMention } from './drugs';

export interface Sourced {
  source: string;
  confidence: Confidence;
}

export interface SectionEntry extends Sourced {
  name: string;
  kind?: 'procedure' | 'medications';
}

/** A topic of a paginated edition (CPMTG 2009) with its page ranges. */
export interface TopicEntry extends Sourced {
  name: string;
  aliases?: string[];
  pages: Array<[number, number]>;
}

export interface Edition extends Sourced {
  year: number;
  effective?: string;
  pages?: number;
  topics?: TopicEntry[];
}

export interface GuidelinePart {
  id: string;
  name: string;
  labels: string[];
  legacyLabels?: string[];
  regulation: string;
  kind: 'treatment' | 'body-part' | 'procedure';
  gist: { text: string } & Sourced;
  editions: Edition[];
  sections: SectionEntry[];
  sectionsSplitBeforeNumber?: boolean;
}

export interface NonMtusSource extends Sourced {
  id: string;
  name: string;
  patterns: string[];
  gist: string;
}

export interface Suggestion<T> {
  value: T;
  distance: number;
}

export interface CatalogData {
  parts: GuidelinePart[];
  drugs: DrugEntry[];
  nonMtus: NonMtusSource[];
  notMisspellings?: string[];
  topicalTopic?: { partId: string; section: string };
  classTerms?: ClassTerms;
  quotations?: QuotationData;
}

/** The guideline catalog; its drug lookups come from the drug index (catalog/drugs.ts). */
export interface Catalog extends DrugIndex {
  parts: GuidelinePart[];
  nonMtus: NonMtusSource[];
  partById(id: string): GuidelinePart | undefined;
  /** Matches a known part label at the start of a string: group 1 is the label. */
  labelAtStart: RegExp;
  /** Matches a legacy label ("Chronic Pain Treatment Guidelines") at the start. */
  legacyLabelAtStart: RegExp;
  partByLabel(label: string): GuidelinePart | undefined;
  /** Section names of a part that contain ", " (protected when splitting a list). */
  commaSections(partId: string): string[];
  edition(partId: string, year: number): Edition | undefined;
  /** Known part labels closest to `name`, best first, within `max` edits. */
  suggestLabels(name: string, max?: number): Array<Suggestion<{ part: GuidelinePart; label: string }>>;
  section(partId: string, name: string): SectionEntry | undefined;
  suggestSections(partId: string, name: string, limit?: number): Array<Suggestion<SectionEntry>>;
  /** A CPMTG 2009 topic by name or alias (legacy page citations). */
  topic(partId: string, year: number, name: string): TopicEntry | undefined;
  nonMtusSource(text: string): NonMtusSource | undefined;
  /** The standard quotations and their shingle index (built on first use). */
  quotations(): QuotationIndex;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

/** Lower case, one space, no trailing punctuation, "and" for "&". */
export function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s*&\s*/g, ' and ')
    .replace(/\s+/g, ' ')
    .replace(/[\s.,;:]+$/, '')
    .trim();
}

const SECTION_NUMBER = /^(\d+(?:\.\d+)*)\s+/;

/** The catalog of the shipped data files, built once per process (its indexes cost tens of milliseconds). */
let shipped: Catalog | undefined;

/**
 * The catalog of `data`, or of the shipped data files (built once, then shared: the data never
 * change at run time, and every lookup cache in it is pure and bounded).
 */
export function buildCatalog(data?: CatalogData): Catalog {
  if (data) return build(data);
  return (shipped ??= build());
}

function build(data?: CatalogData): Catalog {
  const source: CatalogData = data ?? {
    parts: guidelineData.parts as unknown as GuidelinePart[],
    drugs: drugData.drugs as unknown as DrugEntry[],
    nonMtus: nonMtusData.sources as unknown as NonMtusSource[],
    notMisspellings: [...drugData.notMisspellings.words, ...nearWordsData.words],
    classTerms: drugData.classTerms,
    topicalTopic: drugData.topicalTopic,
    quotations: QUOTATIONS,
  };
  let quotationIdx: QuotationIndex | undefined;
  const parts = source.parts;
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
  const commaSections = new Map(parts.map((p) => [p.id, p.sections.map((s) => s.name).filter((n) => n.includes(', '))]));
  const sectionIndex = new Map(parts.map((p) => [p.id, new Map(p.sections.map((s) => [normalizeName(s.name), s]))]));
  const numberedIndex = new Map(
    parts.filter((p) => p.sectionsSplitBeforeNumber).map((p) => [p.id, new Map(p.sections.map((s) => [SECTION_NUMBER.exec(s.name)?.[1] ?? '', s]))]),
  );

  // The drug vocabulary is indexed once, here: a bigger vocabulary costs nothing per letter.
  const drugIndex = buildDrugIndex({ drugs: source.drugs, notMisspellings: source.notMisspellings, classTerms: source.classTerms, topicalTopic: source.topicalTopic });
  const nonMtusPatterns = source.nonMtus.map((s) => ({ s, patterns: s.patterns.map((p) => new RegExp(p, 'i')) }));

  function section(partId: string, name: string): SectionEntry | undefined {
    const exact = sectionIndex.get(partId)?.get(normalizeName(name));
    if (exact) return exact;
    const numbered = numberedIndex.get(partId);
    const number = SECTION_NUMBER.exec(name)?.[1];
    if (numbered && number) {
      const entry = numbered.get(number);
      // The number and the title must agree (titles are compared without their stems).
      const title = normalizeName(name.replace(SECTION_NUMBER, '')).split(': ').pop()!;
      if (entry && title && normalizeName(entry.name).endsWith(title)) return entry;
    }
    return undefined;
  }

  return {
    ...drugIndex,
    parts,
    nonMtus: source.nonMtus,
    partById: (id) => byId.get(id),
    labelAtStart: new RegExp(`^(${labels.map(escape).join('|')})(?=\\s|,|\\.|$)`, 'i'),
    legacyLabelAtStart: new RegExp(`^(${legacy.map(escape).join('|')})(?=\\s|,|\\.|$)`, 'i'),
    partByLabel: (label) => byLabel.get(normalizeName(label)),
    commaSections: (id) => commaSections.get(id) ?? [],
    edition: (partId, year) => byId.get(partId)?.editions.find((e) => e.year === year),
    suggestLabels(name, max = 4) {
      const key = normalizeName(name);
      return allLabels
        .filter((l) => l.part.labels.includes(l.label))
        .map((l) => ({ value: { part: l.part, label: l.label }, distance: editDistance(key, l.key, max) }))
        .filter((s) => s.distance <= max)
        .sort((a, b) => a.distance - b.distance);
    },
    section,
    suggestSections(partId, name, limit = 3) {
      const part = byId.get(partId);
      if (!part) return [];
      const key = normalizeName(name);
      const max = Math.max(2, Math.floor(key.length / 3));
      return part.sections
        .map((s) => ({ value: s, distance: editDistance(key, normalizeName(s.name), max) }))
        .filter((s) => s.distance <= max)
        .sort((a, b) => a.distance - b.distance)
        .slice(0, limit);
    },
    topic(partId, year, name) {
      const key = normalizeName(name);
      const topics = byId.get(partId)?.editions.find((e) => e.year === year)?.topics ?? [];
      return topics.find((t) => normalizeName(t.name) === key || (t.aliases ?? []).some((a) => normalizeName(a) === key));
    },
    nonMtusSource: (text) => nonMtusPatterns.find((n) => n.patterns.some((p) => p.test(text)))?.s,
    quotations: () => (quotationIdx ??= new QuotationIndex(source.quotations ?? QUOTATIONS)),
  };
}
