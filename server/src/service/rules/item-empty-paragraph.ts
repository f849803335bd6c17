import type { Rule } from './rule';
import { itemName, labelQuoted } from './describe';

export const itemEmptyParagraph: Rule = {
  id: 'IMR009',
  alias: 'item-empty-paragraph',
  description: 'A labelled paragraph of an item is empty',
  severity: 'error',
  tags: ['items', 'structure'],
  scope: 'item',
  docs: {
    why: 'A label with nothing after it ("Decision rationale:" and then the next item) is a paragraph the reviewer meant to write and did not. The letter would go out without the reasoning or the guideline it claims.',
    bad: 'Decision rationale:\n\nTramadol 50mg #90: Upheld',
    good: 'Decision rationale: The MTUS Chronic Pain Medical Treatment Guidelines ... Therefore, the request is not medically necessary.\n\nTramadol 50mg #90: Upheld',
    fix: 'Write the paragraph after its label, or paste the standard citation for the guideline line.',
  },
  check({ model, report }) {
    for (const item of model.items) {
      for (const p of item.paragraphs) {
        if (p.content.text.trim()) continue;
        report({ message: `${itemName(item)}: the ${labelQuoted(p.kind)} paragraph is empty.`, range: p.label.range });
      }
    }
  },
};
