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
import { buildDrugIndex, ClassTerms, DrugEntry, DrugIndex } from './drugs';
import { QuotationData, QuotationIndex, QUOTATIONS } from './quotations';
import { Abbreviation, buildSectionIndex, Confidence, plainName, SectionEntry, SectionIndex } from './sections';

export type { Abbreviation, Confidence, SectionEntry, SectionIndex, SectionMatch } from './sections';
export type { DrugEntry, DrugIndex, DrugKind, DrugMention } from './drugs';

export interface Sourced {
  source: string;
  confidence: Confidence;
}

/** A topic of a paginated edition (CPMTG 2009) with its page ranges. */
export interface TopicEntry extends Sourced {
  name: string;
  aliases?: string[];
  pages: Array<[number, number]>;
}

/** Where an edition's section list comes from, and whether it is the whole table of contents. */
export interface SectionList extends Sourced {
  completeness: 'complete' | 'partial';
}

export interface Edition extends Sourced {
  year: number;
  effective?: string;
  /** The last page (the page count when the document starts at page 1). */
  pages?: number;
  /** The first page, for a chapter of a larger book (ACOEM 2004 Low Back: 286-326). */
  firstPage?: number;
  /** The source of the page span, when it is not the edition's own source. */
  pagesSource?: string;
  sectionList?: SectionList;
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
  sectionAbbreviations?: Abbreviation[];
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
  edition(partId: string, year: number): Edition | undefined;
  /** Known part labels closest to `name`, best first, within `max` edits. */
  suggestLabels(name: string, max?: number): Array<Suggestion<{ part: GuidelinePart; label: string }>>;
  section(partId: string, name: string): SectionEntry | undefined;
  /** The section index of a part (matching, longest-first lookup, suggestions), built once. */
  sectionIndex(partId: string): SectionIndex | undefined;
  /** Where the section list of a part's edition comes from, and whether it is complete. */
  sectionList(partId: string, year: number | undefined): SectionList | undefined;
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
  return plainName(text);
}


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
    sectionAbbreviations: guidelineData.sectionAbbreviations.terms,
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
  const abbreviations = new Map((source.sectionAbbreviations ?? []).map((a) => [a.abbreviation.toLowerCase(), a.expansion]));
  // Each part's sections are indexed once, on first use.
  const sectionIndexes = new Map<string, SectionIndex>();
  function indexOf(partId: string): SectionIndex | undefined {
    const known = sectionIndexes.get(partId);
    if (known) return known;
    const part = byId.get(partId);
    if (!part) return undefined;
    const built = buildSectionIndex(part.sections, abbreviations);
    sectionIndexes.set(partId, built);
    return built;
  }
  function section(partId: string, name: string): SectionEntry | undefined {
    return indexOf(partId)?.resolve(name)?.entry;
  }
  // The drug table names its governing sections as it likes; read them as the catalog names them.
  const canonical = (t: { partId: string; section?: string }) => (t.section ? { ...t, section: section(t.partId, t.section)?.name ?? t.section } : t);
  const drugs = source.drugs.map((d) => ({ ...d, topics: d.topics.map(canonical) }));
  const topicalTopic = source.topicalTopic && (canonical(source.topicalTopic) as { partId: string; section: string });

  // The drug vocabulary is indexed once, here: a bigger vocabulary costs nothing per letter. Its
  // governing sections are read as the catalog names them (canonical).
  const drugIndex = buildDrugIndex({ drugs, notMisspellings: source.notMisspellings, classTerms: source.classTerms, topicalTopic });
  const nonMtusPatterns = source.nonMtus.map((s) => ({ s, patterns: s.patterns.map((p) => new RegExp(p, 'i')) }));

  return {
    ...drugIndex,
    parts,
    nonMtus: source.nonMtus,
    partById: (id) => byId.get(id),
    labelAtStart: new RegExp(`^(${labels.map(escape).join('|')})(?=\\s|,|\\.|$)`, 'i'),
    legacyLabelAtStart: new RegExp(`^(${legacy.map(escape).join('|')})(?=\\s|,|\\.|$)`, 'i'),
    partByLabel: (label) => byLabel.get(normalizeName(label)),
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
    sectionIndex: indexOf,
    sectionList: (partId, year) => byId.get(partId)?.editions.find((e) => e.year === year)?.sectionList,
    suggestSections: (partId, name, limit = 3) => indexOf(partId)?.suggest(name, limit) ?? [],
    topic(partId, year, name) {
      const key = normalizeName(name);
      const topics = byId.get(partId)?.editions.find((e) => e.year === year)?.topics ?? [];
      return topics.find((t) => normalizeName(t.name) === key || (t.aliases ?? []).some((a) => normalizeName(a) === key));
    },
    nonMtusSource: (text) => nonMtusPatterns.find((n) => n.patterns.some((p) => p.test(text)))?.s,
    quotations: () => (quotationIdx ??= new QuotationIndex(source.quotations ?? QUOTATIONS)),
  };
}
