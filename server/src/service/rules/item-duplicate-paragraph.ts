import type { Rule } from './rule';
import { itemName, labelQuoted } from './describe';

export const itemDuplicateParagraph: Rule = {
  id: 'IMR007',
  alias: 'item-duplicate-paragraph',
  description: 'An item has the same labelled paragraph twice',
  severity: 'error',
  tags: ['items', 'structure'],
  docs: {
    why: 'Two rationales (or two MAXIMUS guideline lines) in one item leave the reader guessing which one decides. It usually means an item line is missing between two items, or a paragraph was pasted twice.',
    bad: 'Norco 10/325mg #60: Upheld\n\nClaims Administrator guideline: ...\n\nMAXIMUS guideline: ...\n\nDecision rationale: ...\n\nDecision rationale: ...',
    good: 'Norco 10/325mg #60: Upheld\n\nClaims Administrator guideline: ...\n\nMAXIMUS guideline: ...\n\nDecision rationale: ...',
    fix: 'Delete the extra paragraph, or, if it belongs to another treatment, add that treatment\'s item line ("<treatment>: Upheld") above it.',
  },
  check({ model, report }) {
    for (const item of model.items) {
      const first = new Map<string, (typeof item.paragraphs)[number]>();
      for (const p of item.paragraphs) {
        const earlier = first.get(p.kind);
        if (!earlier) {
          first.set(p.kind, p);
          continue;
        }
        report({
          message: `${itemName(item)} has a second ${labelQuoted(p.kind)} paragraph; if it belongs to another treatment, add that item's line above it.`,
          range: p.label.range,
          related: [{ range: earlier.label.range, message: `First ${labelQuoted(p.kind)} paragraph of the item.` }],
        });
      }
    }
  },
};
