/**
 * The fixed wording of the letter format (headings, labels, boilerplate sentences), as
 * observed in the published letters (../shared/DOMAIN.md sections 2-4). Guideline facts live in
 * server/data, not here.
 */
import type { HeaderFieldName, LabelKind, SectionKind } from './model';

export const SECTION_HEADINGS: ReadonlyArray<{ kind: SectionKind; heading: string; title: string; purpose: string }> = [
  {
    kind: 'how',
    heading: 'HOW THE IMR FINAL DETERMINATION WAS MADE',
    title: 'How the IMR final determination was made',
    purpose:
      "Who reviewed the case and under which standard: the MAXIMUS paragraph on the expert reviewer's independence and the reviewer's credentials (licensure and specialty).",
  },
  {
    kind: 'summary',
    heading: 'CLINICAL CASE SUMMARY',
    title: 'Clinical case summary',
    purpose: "The reviewer's summary of the case file: injury, diagnoses, treatment to date, the request and the utilization review decision under dispute.",
  },
  {
    kind: 'issues',
    heading: 'IMR ISSUES, DECISIONS AND RATIONALES',
    title: 'IMR issues, decisions and rationales',
    purpose:
      'One item per disputed treatment: the treatment and its decision (Upheld or Overturned), the Claims Administrator guideline, the MAXIMUS guideline and the decision rationale.',
  },
];

export const LABELS: ReadonlyArray<{ kind: LabelKind; label: string; pattern: RegExp }> = [
  { kind: 'claimsAdministrator', label: 'Claims Administrator guideline:', pattern: /^Claims\s+Administrator\s+guidelines?\s*:/i },
  { kind: 'maximus', label: 'MAXIMUS guideline:', pattern: /^MAXIMUS\s+guidelines?\s*:/i },
  { kind: 'rationale', label: 'Decision rationale:', pattern: /^Decision\s+rationale\s*:/i },
];

export function labelName(kind: LabelKind): string {
  return LABELS.find((l) => l.kind === kind)!.label;
}

export const HEADER_FIELDS: ReadonlyArray<{ name: HeaderFieldName; label: string; isDate: boolean }> = [
  { name: 'caseNumber', label: 'Case Number:', isDate: false },
  { name: 'dateAssigned', label: 'Date Assigned:', isDate: true },
  { name: 'dateOfInjury', label: 'Date of Injury:', isDate: true },
  { name: 'decisionDate', label: 'Decision Date:', isDate: true },
  { name: 'urDenialDate', label: 'UR Denial Date:', isDate: true },
  { name: 'priority', label: 'Priority:', isDate: false },
  { name: 'applicationReceived', label: 'Application Received:', isDate: true },
];

/**
 * Header labels anywhere on a line, global: a new expression at each call (no shared lastIndex).
 * "Application" alone is the first half of a wrapped label. A literal is a copy of the one
 * expression V8 compiled for it, made cheaper than `new RegExp(source, flags)`, which looks the
 * source up again (0.15 us a call; the parse makes one per letter, and per rationale for its
 * sentences and dates: rationale.ts, body.ts).
 */
export const headerLabels = (): RegExp =>
  /(Case\s+Number|Date\s+Assigned|Date\s+of\s+Injury|Decision\s+Date|UR\s+Denial\s+Date|Priority|Application\s+Received)[ \t]*:|\bApplication(?=[ \t]+\S)(?![ \t]+Received)/gi;

/** `headerLabels()`, not global: for the adversarial tests (they test the exported patterns). */
export const HEADER_LABEL_PATTERN = new RegExp(headerLabels().source, 'i');

export const RECEIVED_CONTINUATION = /^Received\s*:$/i;

export const ISSUES_INTRO = /^The\s+Final\s+Determination\s+was\s+based\s+on\s+decisions\b/i;

export const VALID_DECISIONS: ReadonlyArray<'Upheld' | 'Overturned'> = ['Upheld', 'Overturned'];

/** Words a reviewer may type in place of a decision; recognised so the item still parses. */
export const DECISION_LIKE =
  /^(upheld|uphold|upholds|overturned|overturn|overturns|overruled|reversed|approved|approve|denied|deny|certified|non-?certified|modified|authorized|partially|partial|pending|upheald|uphled|overtuned|overturnd)$/i;

/** Sentences of the MAXIMUS opioid-taper boilerplate that follow a conclusion (DOMAIN Q10). */
export const TAPER_BOILERPLATE = [
  /\bmedical necessity of opioids as they have been prescribed\b/i,
  /\bmedical necessity decision should not be interpreted as a recommendation to stop\b/i,
  /\badvised to consult the MTUS Opioids? Treatment Guidelines\b/i,
];

/**
 * A sentence that speaks of medical necessity (a conclusion candidate); its polarity is read word
 * by word from server/data/conclusions.json. Literal words and single white-space runs between
 * them: linear on any input.
 */
export const CONCLUSION_CUE =
  /\bmedical(?:ly)?\s+(?:necessary|necessity|need|appropriate|indicated|reasonable|warranted|required|unnecessary|inappropriate|unwarranted)\b|\bnon-?cert/i;

/** A statement that the MTUS does not address the treatment (8 CCR 9792.25(b)); 25 of 30 letters citing only a Non-MTUS source say so. */
export const MTUS_SILENT =
  /\b(?:silent|does\s+not\s+(?:specifically\s+|directly\s+)?(?:address|discuss|mention|cover|contain|comment)|do\s+not\s+(?:specifically\s+|directly\s+)?(?:address|discuss|mention|cover)|not\s+(?:specifically\s+)?addressed|no\s+(?:specific\s+)?(?:recommendations?|guidance|mention)|not\s+covered)\b/i;

/** Treatment words that make a drug item a topical product. */
export const TOPICAL_FORM = /\b(?:cream|gel|ointment|patch(?:es)?|compound(?:ed)?|topical|lotion|spray)\b/i;
