/**
 * The document model of an IMR Final Determination letter. Produced by `parseLetter` in one
 * linear pass; every range is a 0-based LSP range. Parts a letter lacks are absent (undefined
 * or empty lists): the model never invents text.
 */
import type { Range } from 'vscode-languageserver-types';
import type { LineMap } from '../text';
import type { SimpleDate } from '../dates';
export type { SimpleDate } from '../dates';

/** A piece of the letter's text (joined over line wraps) and where it stands. */
export interface Span {
  text: string;
  range: Range;
  /**
   * For text joined over line wraps (labelled paragraphs' content): the document offset of index
   * `index` of `text`, counted from the offset of `range.start` (the parser's own join map, so
   * nothing re-walks the document; relative, so it stays true when the item is reused at another
   * offset). Absent on spans whose text is the document's text as is.
   */
  offsetOf?(index: number): number;
}

export type HeaderFieldName = 'caseNumber' | 'dateAssigned' | 'dateOfInjury' | 'decisionDate' | 'urDenialDate' | 'priority' | 'applicationReceived';

export interface HeaderField {
  name: HeaderFieldName;
  /** The label as written, e.g. "Application Received:" (joined when wrapped). */
  label: Span;
  /** The value, absent when the label has none. */
  value?: Span;
  /** For a date field: the value read as MM/DD/YYYY, absent when it is not a valid date. */
  date?: SimpleDate;
}

export interface Header {
  range: Range;
  fields: HeaderField[];
}

export type SectionKind = 'how' | 'summary' | 'issues';

export interface Section {
  kind: SectionKind;
  /** The heading as written (trimmed). */
  heading: Span;
  /** From the heading to the line before the next heading (or the end). */
  range: Range;
}

/** A heading-like line that is close to a known heading but not equal to it. */
export interface HeadingCandidate {
  kind: SectionKind;
  line: Span;
}

export type LabelKind = 'claimsAdministrator' | 'maximus' | 'rationale';

export interface LabelledParagraph {
  kind: LabelKind;
  /** The label itself, e.g. "MAXIMUS guideline:". */
  label: Span;
  /** The text after the label, joined over wraps and continuation paragraphs. */
  content: Span;
  /** The whole paragraph(s), label included. */
  range: Range;
  /** For guideline paragraphs: the parsed citations. */
  citations?: CitationBlock;
}

export type CitationShape = 'mtus' | 'outside-mtus' | 'no-evidence' | 'legacy' | 'unrecognized' | 'empty';

export interface CitationBlock {
  /**
   * 'outside-mtus': "... based their decision on recommendation(s) outside of the MTUS Guidelines.";
   * 'no-evidence': "... did not cite any medical evidence for its decision."
   */
  shape: CitationShape;
  mtus: MtusCitation[];
  nonMtus: NonMtusCitation[];
}

export interface MtusCitation {
  /** The whole "Decision based on MTUS ..." statement. */
  range: Range;
  guidelines: GuidelineReference[];
}

export interface GuidelineReference {
  /** The guideline part as written, e.g. "Chronic Pain Medical Treatment". */
  name: Span;
  /** The catalog id of the part when the name is known. */
  partId?: string;
  year?: { value: number; range: Range };
  sections: Span[];
  pages: PageReference[];
  /** The 2014-15 form "Chronic Pain Treatment Guidelines <topic> Page(s): n". */
  legacy: boolean;
  /** Legacy form: the topic text between the guideline name and Page(s). */
  topic?: Span;
  range: Range;
}

export interface PageReference {
  text: string;
  from: number;
  to: number;
  range: Range;
}

export interface NonMtusCitation {
  range: Range;
  source: Span;
}

export type Polarity = 'necessary' | 'not-necessary';

export interface Conclusion {
  sentence: Span;
  /** Absent when the sentence can be read both ways (see `ambiguity`): rules then say nothing. */
  polarity?: Polarity;
  /** Why a sentence about medical necessity gives no polarity (server/data/conclusions.json). */
  ambiguity?: 'mixed' | 'conditional' | 'question' | 'quoted' | 'unexplained-negation' | 'too-long';
}

export interface Rationale {
  content: Span;
  sentences: Span[];
  conclusion?: Conclusion;
}

export type DecisionWord = 'Upheld' | 'Overturned';

export interface Decision {
  /** The word as written (trailing period removed), e.g. "Upheld", "Overturn", "Approved". */
  word: Span;
  /** The canonical decision when the word is exactly one of the two valid ones. */
  value?: DecisionWord;
  /** False when the word is not after a colon ("Norco #60 Upheld"). */
  afterColon: boolean;
}

export interface PartialCertification {
  original?: Span;
  authorized?: Span;
  remaining: Span;
}

export interface ItemHeader {
  /** The whole header paragraph. */
  text: Span;
  /** The treatment under review (for partial certifications, the remaining portion). */
  treatment: Span;
  decision?: Decision;
  partial?: PartialCertification;
}

export interface Item {
  /** 1-based position in the issues section. */
  number: number;
  header?: ItemHeader;
  /** The labelled paragraphs in the order written (duplicates and disorder kept). */
  paragraphs: LabelledParagraph[];
  claimsAdministrator?: LabelledParagraph;
  maximus?: LabelledParagraph;
  rationale?: Rationale;
  /** Every guideline reference of the item's guideline paragraphs, flat, in the order written. */
  guidelines: ItemGuideline[];
  range: Range;
}

/** A guideline reference and the guideline paragraph it stands in. */
export interface ItemGuideline {
  paragraph: LabelledParagraph;
  guideline: GuidelineReference;
}

/** A date written in the letter's text (M-D-YY, M/D/YY, MM/DD/YYYY). */
export interface BodyDate {
  text: string;
  range: Range;
  year: number;
  month: number;
  day: number;
  /** Where it stands: the case summary or an item's rationale. */
  where: 'summary' | 'rationale';
  /** The sentence says utilization review decided on this date ("On 11-3-16, utilization review ..."). */
  utilizationReview: boolean;
}

/** The expert reviewer's credentials in the first section. */
export interface Credentials {
  /** "The Expert Reviewer has the following credentials:", or the 2014-15 "... is Board Certified in ..." sentence. */
  intro: Span;
  licensure?: Span;
  specialty?: Span;
  /** The 2014-15 narrative form (licensure and specialty inside one sentence). */
  narrative: boolean;
}

export interface LetterModel {
  uri: string;
  version: number;
  lines: LineMap;
  /** True when the text has no non-white-space character. */
  empty: boolean;
  /** True when the text holds NUL characters (a binary file opened as text). */
  binary: boolean;
  /** The 2014-15 double-spaced layout (every line followed by an empty line). */
  doubleSpaced: boolean;
  header?: Header;
  /** Sections in document order; a repeated heading gives a second entry. */
  sections: Section[];
  headingCandidates: HeadingCandidate[];
  /** "The Final Determination was based on decisions ..." when present. */
  issuesIntro?: Span;
  items: Item[];
  /** Dates written in the case summary and the rationales. */
  dates: BodyDate[];
  credentials?: Credentials;
}
