import type { Rule } from './rule';
import { itemName, LABEL_ORDER, labelQuoted } from './describe';

export const itemParagraphOrder: Rule = {
  id: 'IMR008',
  alias: 'item-paragraph-order',
  description: 'The labelled paragraphs of an item are out of order',
  severity: 'error',
  tags: ['items', 'structure'],
  docs: {
    why: 'Every published item reads Claims Administrator guideline, then MAXIMUS guideline, then Decision rationale. Readers look for the rationale last; a different order hides it.',
    bad: 'Norco 10/325mg #60: Upheld\n\nMAXIMUS guideline: ...\n\nClaims Administrator guideline: ...\n\nDecision rationale: ...',
    good: 'Norco 10/325mg #60: Upheld\n\nClaims Administrator guideline: ...\n\nMAXIMUS guideline: ...\n\nDecision rationale: ...',
    fix: 'Move the paragraph so the item reads Claims Administrator guideline, MAXIMUS guideline, Decision rationale.',
  },
  check({ model, report }) {
    for (const item of model.items) {
      const seen = new Set<string>();
      const firsts = item.paragraphs.filter((p) => !seen.has(p.kind) && seen.add(p.kind));
      firsts.forEach((p, i) => {
        const rank = LABEL_ORDER.indexOf(p.kind);
        const before = firsts.slice(0, i).find((q) => LABEL_ORDER.indexOf(q.kind) > rank);
        if (!before) return;
        report({
          message: `${itemName(item)}: ${labelQuoted(p.kind)} comes after ${labelQuoted(before.kind)}; the order is Claims Administrator guideline, MAXIMUS guideline, Decision rationale.`,
          range: p.label.range,
          related: [{ range: before.label.range, message: `${labelQuoted(before.kind)} is here.` }],
        });
      });
    }
  },
};
