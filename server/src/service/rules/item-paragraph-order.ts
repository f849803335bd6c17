import type { Rule } from './rule';
import { itemName, LABEL_ORDER, labelQuoted } from './describe';
import { outOfOrder } from '../queries/sequences';
import type { LabelledParagraph } from '../parser/model';

const kindOf = (p: LabelledParagraph) => p.kind;
const rankOf = (p: LabelledParagraph) => LABEL_ORDER.indexOf(p.kind);

export const itemParagraphOrder: Rule = {
  id: 'IMR008',
  alias: 'item-paragraph-order',
  description: 'The labelled paragraphs of an item are out of order',
  severity: 'error',
  tags: ['items', 'structure'],
  scope: 'item',
  docs: {
    why: 'Every published item reads Claims Administrator guideline, then MAXIMUS guideline, then Decision rationale. Readers look for the rationale last; a different order hides it.',
    bad: 'Norco 10/325mg #60: Upheld\n\nMAXIMUS guideline: ...\n\nClaims Administrator guideline: ...\n\nDecision rationale: ...',
    good: 'Norco 10/325mg #60: Upheld\n\nClaims Administrator guideline: ...\n\nMAXIMUS guideline: ...\n\nDecision rationale: ...',
    fix: 'Move the paragraph so the item reads Claims Administrator guideline, MAXIMUS guideline, Decision rationale.',
  },
  check({ model, report }) {
    for (const item of model.items) {
      for (const { element, after } of outOfOrder(item.paragraphs, kindOf, rankOf)) {
        report({
          message: `${itemName(item)}: ${labelQuoted(element.kind)} comes after ${labelQuoted(after.kind)}; the order is Claims Administrator guideline, MAXIMUS guideline, Decision rationale.`,
          range: element.label.range,
          related: [{ range: after.label.range, message: `${labelQuoted(after.kind)} is here.` }],
        });
      }
    }
  },
};
