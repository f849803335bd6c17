/**
 * The guideline catalog: loads the data files once (server/data/*.json, each with a JSON Schema
 * and a source for every entry) and builds the lookups the parser, rules and features use:
 * exact and normalised lookups, aliases, and edit-distance suggestions. Rules never hard-code
 * a guideline fact.
 */
import guidelineData from '../../../data/guidelines.json';
import drugData from '../../../data/drugs.json';
import nonMtusData from '../../../data/nonmtus.json';
import { editDistance } from '../text';
import { QuotationData, QuotationIndex, QUOTATIONS } from './quotations';
import { Abbreviation, buildSectionIndex, Confidence, plainName, SectionEntry, SectionIndex } from './sections';

export type { Abbreviation, Confidence, SectionEntry, SectionIndex, SectionMatch } from './sections';

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

export interface DrugEntry extends Sourced {
  id: string;
  names: string[];
  class: string;
  classGroup: string;
  contains?: string[];
  topics: Array<{ partId: string; section?: string }>;
  schedule?: { value: string; confidence: Confidence };
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
  classTerms?: { terms: Array<{ classGroup: string; words: string[] }>; alsoCalled?: Record<string, string[]> };
  quotations?: QuotationData;
  sectionAbbreviations?: Abbreviation[];
}

export interface Catalog {
  parts: GuidelinePart[];
  drugs: DrugEntry[];
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
  /** The drugs named in a text, each once, in order of first mention. */
  drugsIn(text: string): Array<{ drug: DrugEntry; name: string; index: number }>;
  nonMtusSource(text: string): NonMtusSource | undefined;
  /** A drug name a word is a likely misspelling of (edit distance 1, or 2 for names of 9+ letters). */
  misspelledDrug(word: string): { drug: DrugEntry; name: string } | undefined;
  /** The likely misspelled drug names in a line of text, with their offsets in it. */
  misspellingsIn(line: string): Array<{ start: number; word: string; name: string }>;
  /** The class group a class word names ("proton pump inhibitor" -> "PPI"), if the table knows it. */
  classGroupOf(word: string): string | undefined;
  /** May a drug of class group `group` also be called `claimed` (the MTUS calls benzodiazepines muscle relaxants)? */
  classMayBeCalled(group: string, claimed: string): boolean;
  /** The class words of the table, longest first (for matching in text). */
  classWords: string[];
  /** What follows a drug name when a sentence gives its class: "is a(n) ... <class word>", ", a(n) ... <class word>" (group 2 the class word). */
  classClaim: RegExp;
  /** The topic that governs topical and compounded products (cream, gel, patch ...). */
  topicalTopic?: { partId: string; section: string };
  /** The same drug, a brand of it, or a combination containing it. */
  sameDrug(a: DrugEntry, b: DrugEntry): boolean;
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

export function buildCatalog(data?: CatalogData): Catalog {
  const source: CatalogData = data ?? {
    parts: guidelineData.parts as unknown as GuidelinePart[],
    drugs: drugData.drugs as unknown as DrugEntry[],
    nonMtus: nonMtusData.sources as unknown as NonMtusSource[],
    notMisspellings: drugData.notMisspellings.words,
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

  const drugNames = drugs.flatMap((drug) => drug.names.map((name) => ({ drug, name }))).sort((a, b) => b.name.length - a.name.length);
  const drugByName = new Map(drugNames.map((d) => [d.name.toLowerCase(), d.drug]));
  const drugPattern = new RegExp(`(?<![A-Za-z])(${drugNames.map((d) => escape(d.name)).join('|')})(?![A-Za-z])`, 'gi');
  // Spelling: single-word names of 5+ letters, bucketed by first letter (a misspelling rarely
  // changes it), and the English words that sit within the distance of a name.
  const spellNames = new Map<string, Array<{ key: string; name: string; drug: DrugEntry }>>();
  for (const { drug, name } of drugNames) {
    if (!/^[A-Za-z]{5,}$/.test(name)) continue;
    const key = name.toLowerCase();
    const bucket = spellNames.get(key[0]) ?? [];
    if (!bucket.some((b) => b.key === key)) bucket.push({ key, name, drug });
    spellNames.set(key[0], bucket);
  }
  const notMisspelled = new Set(source.notMisspellings ?? []);
  const spellCache = new Map<string, { drug: DrugEntry; name: string } | false>();
  const lineCache = new Map<string, Array<{ start: number; word: string; name: string }>>();
  function misspelling(key: string): { drug: DrugEntry; name: string } | undefined {
    if (key.length < 5 || drugByName.has(key) || notMisspelled.has(key)) return undefined;
    if (key.endsWith('s') && (drugByName.has(key.slice(0, -1)) || notMisspelled.has(key.slice(0, -1)))) return undefined;
    let best: { drug: DrugEntry; name: string; distance: number } | undefined;
    for (const candidate of spellNames.get(key[0]) ?? []) {
      const max = candidate.key.length >= 9 ? 2 : 1;
      if (Math.abs(candidate.key.length - key.length) > max) continue;
      const distance = editDistance(key, candidate.key, max);
      if (distance > 0 && distance <= max && (!best || distance < best.distance)) best = { drug: candidate.drug, name: candidate.name, distance };
    }
    return best && { drug: best.drug, name: best.name };
  }
  const classByWord = new Map((source.classTerms?.terms ?? []).flatMap((t) => t.words.map((w) => [w.toLowerCase(), t.classGroup] as const)));
  const classWords = [...classByWord.keys()].sort((a, b) => b.length - a.length);
  const nonMtusPatterns = source.nonMtus.map((s) => ({ s, patterns: s.patterns.map((p) => new RegExp(p, 'i')) }));

  return {
    parts,
    drugs,
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
    drugsIn(text) {
      const found: Array<{ drug: DrugEntry; name: string; index: number }> = [];
      drugPattern.lastIndex = 0;
      for (let m = drugPattern.exec(text); m; m = drugPattern.exec(text)) {
        const drug = drugByName.get(m[1].toLowerCase().replace(/\s+/g, ' '));
        if (drug && !found.some((f) => f.drug === drug)) found.push({ drug, name: m[1], index: m.index });
      }
      return found;
    },
    nonMtusSource: (text) => nonMtusPatterns.find((n) => n.patterns.some((p) => p.test(text)))?.s,
    misspelledDrug(word) {
      // Words repeat across letters: remember each verdict, by the word as written (bounded).
      const known = spellCache.get(word);
      if (known !== undefined) return known || undefined;
      if (spellCache.size > 50000) spellCache.clear();
      const verdict = misspelling(word.toLowerCase());
      spellCache.set(word, verdict ?? false);
      return verdict;
    },
    classGroupOf: (word) => classByWord.get(word.toLowerCase().replace(/s$/, '')) ?? classByWord.get(word.toLowerCase()),
    classMayBeCalled: (group, claimed) => group === claimed || !!source.classTerms?.alsoCalled?.[group]?.includes(claimed),
    classWords,
    topicalTopic: topicalTopic && { partId: topicalTopic.partId, section: topicalTopic.section },
    classClaim: new RegExp(`^(?:\\s*\\([^)]{0,60}\\))?(?:\\s+(?:is|are|was)|,)\\s+(?:a|an|the)\\s+((?:[A-Za-z-]+\\s+){0,4}?)(${classWords.map(escape).join('|')})s?\\b`, 'i'),
    quotations: () => (quotationIdx ??= new QuotationIndex(source.quotations ?? QUOTATIONS)),
    misspellingsIn(line) {
      // Lines repeat between keystrokes and across letters: remember each line's findings.
      const known = lineCache.get(line);
      if (known) return known;
      const found: Array<{ start: number; word: string; name: string }> = [];
      // A run of five letters or more, always matched from its first letter (greedy).
      const words = /[A-Za-z]{5,}/g;
      for (let m = words.exec(line); m; m = words.exec(line)) {
        const match = this.misspelledDrug(m[0]);
        if (match) found.push({ start: m.index, word: m[0], name: match.name });
      }
      if (lineCache.size > 20000) lineCache.clear();
      lineCache.set(line, found);
      return found;
    },
    sameDrug: (a, b) => a.id === b.id || !!a.contains?.includes(b.id) || !!b.contains?.includes(a.id) || a.id.startsWith(`${b.id}-`) || b.id.startsWith(`${a.id}-`),
  };
}
