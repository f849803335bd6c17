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
];

export function findRule(idOrAlias: string): Rule | undefined {
  const key = idOrAlias.trim().toLowerCase();
  return RULES.find((r) => r.id.toLowerCase() === key || r.alias === key);
}
