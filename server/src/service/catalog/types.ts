/**
 * The catalog's types: the data of each file (guideline parts and editions, drugs, non-MTUS
 * sources, quotations) and the lookups a built catalog offers. Types only, so every piece of
 * the catalog can name them without importing the others.
 */
import type { Abbreviation, Confidence, SectionEntry, SectionIndex } from './sections';
import type { QuotationIndex } from './quotation-index';
import type { QuotationData } from './quotation-types';
import type { ClassTerms, DrugEntry, DrugIndex } from './drugs';

export type { DrugEntry } from './drugs';

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

/**
 * Bounds of the catalog's memories of texts seen (each is pure: a smaller bound changes the time a
 * lookup may take, never its answer). The defaults are sized for a batch of letters, where
 * boilerplate repeats across thousands of them; an editor, which checks each letter once on
 * open and then the one being edited, needs far less (docs/performance-server.md).
 */
export interface CatalogCacheBounds {
  /** Sentences (pieces) the quotation search remembers the tokens of (default 2,048); it remembers half as many texts' results, at most 64 (quotation-index.ts). */
  quotationSentences?: number;
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
  suggestSections(partId: string, name: string, limit?: number): ReadonlyArray<Suggestion<SectionEntry>>;
  /** A CPMTG 2009 topic by name or alias (legacy page citations). */
  topic(partId: string, year: number, name: string): TopicEntry | undefined;
  nonMtusSource(text: string): NonMtusSource | undefined;
  /** The standard quotations and their shingle index (built on first use). */
  quotations(): QuotationIndex;
}
