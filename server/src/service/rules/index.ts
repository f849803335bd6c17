/** The one registry of rules: adding a rule means its file, its fixtures, and a line here. */
import type { Rule } from './rule';
import { missingSection } from './missing-section';
import { sectionOrder } from './section-order';
import { duplicateSection } from './duplicate-section';
import { noItems } from './no-items';
import { itemDecision } from './item-decision';
import { itemMissingParagraph } from './item-missing-paragraph';
import { itemDuplicateParagraph } from './item-duplicate-paragraph';
import { itemParagraphOrder } from './item-paragraph-order';
import { itemEmptyParagraph } from './item-empty-paragraph';
import { headerMissingField } from './header-missing-field';
import { headerInvalidDate } from './header-invalid-date';
import { binaryContent } from './binary-content';
import { unknownGuideline } from './unknown-guideline';
import { unknownSection } from './unknown-section';
import { pageOutOfRange } from './page-out-of-range';
import { pageMismatch } from './page-mismatch';
import { inconsistentCitation } from './inconsistent-citation';
import { nonMtusWithoutReason } from './non-mtus-without-reason';
import { sectionTreatmentMismatch } from './section-treatment-mismatch';
import { unrecognizedCitation } from './unrecognized-citation';
import { decisionConclusion } from './decision-conclusion';
import { missingConclusion } from './missing-conclusion';
import { drugSubject } from './drug-subject';
import { drugFact } from './drug-fact';
import { headerDateOrder } from './header-date-order';
import { dateAfterDecision } from './date-after-decision';
import { urDateMismatch } from './ur-date-mismatch';
import { drugMisspelling } from './drug-misspelling';
import { reviewerCredentials } from './reviewer-credentials';
import { missingSpace } from './missing-space';
import { misquotedMeaning } from './misquoted-meaning';
import { misquotedWording } from './misquoted-wording';
import { quotationWrongCitation } from './quotation-wrong-citation';

export const RULES: readonly Rule[] = [
  missingSection,
  sectionOrder,
  duplicateSection,
  noItems,
  itemDecision,
  itemMissingParagraph,
  itemDuplicateParagraph,
  itemParagraphOrder,
  itemEmptyParagraph,
  headerMissingField,
  headerInvalidDate,
  binaryContent,
  unknownGuideline,
  unknownSection,
  pageOutOfRange,
  pageMismatch,
  inconsistentCitation,
  nonMtusWithoutReason,
  sectionTreatmentMismatch,
  unrecognizedCitation,
  decisionConclusion,
  missingConclusion,
  drugSubject,
  drugFact,
  headerDateOrder,
  dateAfterDecision,
  urDateMismatch,
  drugMisspelling,
  reviewerCredentials,
  missingSpace,
  misquotedMeaning,
  misquotedWording,
  quotationWrongCitation,
];

export function findRule(idOrAlias: string): Rule | undefined {
  const key = idOrAlias.trim().toLowerCase();
  return RULES.find((r) => r.id.toLowerCase() === key || r.alias === key);
}
