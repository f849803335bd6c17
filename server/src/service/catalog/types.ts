/**
 * The catalog's types: the data of each file (guideline parts and editions, drugs, non-MTUS
 * sources, quotations) and the lookups a built catalog offers. Types only, so every piece of
 * the catalog can name them without importing the others.
 */
import type { Abbreviation, Confidence, SectionEntry, SectionIndex } from './sections';
import type { QuotationIndex } from './quotation-index';
import type { QuotationData } from './quotation-types';

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
