/** The types of the standard quotation library and of a match (types only: every quotation module names them). */
import type { Meaning } from './quotation-meaning';
import type { Token } from './quotation-tokens';
import type { Confidence } from './sections';

export type QuotationKind = 'mtus' | 'non-mtus' | 'boilerplate';

export interface Quotation {
  id: string;
  title: string;
  kind: QuotationKind;
  /** The exact wording. */
  text: string;
  partId?: string;
  /** Law quoted with the MTUS that belongs to no guideline part ('8 CCR 9792.20(e)', 'Labor Code 4604.5(c)(1)'). */
  regulation?: string;
  year?: number;
  section?: string;
  alsoSections?: string[];
  /** Other parts repeating the wording (ACOEM chapters). */
  alsoIn?: string[];
  pages?: string;
  topics: string[];
  drugClasses?: string[];
  keywords?: string[];
  leadIns?: string[];
  equivalents?: Array<[string, string]>;
  source: string;
  confidence: Confidence;
}

export interface QuotationTemplate {
  id: string;
  title: string;
  description: string;
  body: string;
  source: string;
  confidence: Confidence;
}

export interface QuotationData {
  /** Accepted wording pairs for every quotation (abbreviations). */
  equivalents?: Array<[string, string]>;
  /** Word pairs of opposite meaning ("active"/"passive"): a quotation with one of them swapped for the other is misquoted. */
  antonyms?: Array<[string, string]>;
  quotations: Quotation[];
  templates: QuotationTemplate[];
}

/** One way a quotation is written: its text, or a lead-in followed by its text. */
export interface QuotationVariant {
  quotation: Quotation;
  /** The variant's text ("Benzodiazepines are Not recommended ..." keeps the source's case). */
  text: string;
  tokens: Token[];
  /** How many leading tokens come from the lead-in. */
  leadTokens: number;
  /** Matching tokens a passage needs to count as following this form. */
  needed: number;
}

/** A difference between a letter's text and the quotation it follows. */
export interface QuoteEdit {
  kind: 'changed' | 'added' | 'dropped';
  /** [start, end) in the letter text: the differing words, or for a dropped word the word after the gap. */
  start: number;
  end: number;
  /** The letter's words ('' when dropped). */
  found: string;
  /** The quotation's words ('' when added). */
  expected: string;
  /** The letter edit that restores the quotation: replace [from, to) with `insert`. */
  repair: { from: number; to: number; insert: string };
  /** What the change does to the meaning, when it is a negation, a number or an opposite. */
  meaning?: Meaning;
}

/** A passage of a text that follows a standard quotation. */
export interface QuoteMatch {
  quotation: Quotation;
  variant: QuotationVariant;
  /** [start, end) in the text of the aligned passage. */
  start: number;
  end: number;
  /** Tokens equal in the text and the quotation. */
  matched: number;
  /** True when the passage covers the whole quotation. */
  complete: boolean;
  /** True when an opening quote mark stands just before the passage. */
  quoted: boolean;
  /** Text offsets of the tokens equal to the quotation's (ascending). */
  matchedAt: number[];
  edits: QuoteEdit[];
}
