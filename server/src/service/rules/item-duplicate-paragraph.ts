import type { Rule } from './rule';
import { itemName, labelQuoted } from './describe';
import { repeats } from '../queries/sequences';

export const itemDuplicateParagraph: Rule = {
  id: 'IMR007',
  alias: 'item-duplicate-paragraph',
  description: 'An item has the same labelled paragraph twice',
  severity: 'error',
  tags: ['items', 'structure'],
  scope: 'item',
  docs: {
    why: 'Two rationales (or two MAXIMUS guideline lines) in one item leave the reader guessing which one decides. It usually means an item line is missing between two items, or a paragraph was pasted twice.',
    bad: 'Norco 10/325mg #60: Upheld\n\nClaims Administrator guideline: ...\n\nMAXIMUS guideline: ...\n\nDecision rationale: ...\n\nDecision rationale: ...',
    good: 'Norco 10/325mg #60: Upheld\n\nClaims Administrator guideline: ...\n\nMAXIMUS guideline: ...\n\nDecision rationale: ...',
    fix: 'Delete the extra paragraph, or, if it belongs to another treatment, add that treatment\'s item line ("<treatment>: Upheld") above it.',
  },
  check({ model, report }) {
    for (const item of model.items) {
      for (const { first, repeat } of repeats(item.paragraphs, (p) => p.kind)) {
        report({
          message: `${itemName(item)} has a second ${labelQuoted(repeat.kind)} paragraph; if it belongs to another treatment, add that item's line above it.`,
          range: repeat.label.range,
          related: [{ range: first.label.range, message: `First ${labelQuoted(first.kind)} paragraph of the item.` }],
        });
      }
    }
  },
};
