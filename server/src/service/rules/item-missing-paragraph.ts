import type { Rule } from './rule';
import { itemName, LABEL_ORDER, labelQuoted } from './describe';

export const itemMissingParagraph: Rule = {
  id: 'IMR006',
  alias: 'item-missing-paragraph',
  description: "An item lacks its 'Claims Administrator guideline:', 'MAXIMUS guideline:' or 'Decision rationale:' paragraph",
  severity: 'error',
  tags: ['items', 'structure'],
  docs: {
    why: 'Each item states what the claims administrator relied on, what guideline the reviewer applied, and why. All 217 items of the published letters have the three paragraphs; an item without its rationale or its MAXIMUS guideline does not show how the decision was reached.',
    bad: 'Norco 10/325mg #60: Upheld\n\nClaims Administrator guideline: Decision based on MTUS Opioid Treatment 2016.\n\nDecision rationale: ...',
    good: 'Norco 10/325mg #60: Upheld\n\nClaims Administrator guideline: Decision based on MTUS Opioid Treatment 2016.\n\nMAXIMUS guideline: Decision based on MTUS Opioid Treatment 2016, Section(s): 3.3.9 ...\n\nDecision rationale: ...',
    fix: 'Add the missing paragraph, starting with its label at the beginning of a line, in the order Claims Administrator guideline, MAXIMUS guideline, Decision rationale.',
  },
  check({ model, report }) {
    for (const item of model.items) {
      const present = new Set(item.paragraphs.map((p) => p.kind));
      const missing = LABEL_ORDER.filter((k) => !present.has(k));
      if (missing.length === 0) continue;
      const range = item.header?.text.range ?? item.paragraphs[0].label.range;
      if (missing.length === LABEL_ORDER.length) {
        report({ message: `${itemName(item)} has no 'Claims Administrator guideline:', 'MAXIMUS guideline:' or 'Decision rationale:' paragraph.`, range });
        continue;
      }
      for (const kind of missing) report({ message: `${itemName(item)} has no ${labelQuoted(kind)} paragraph.`, range });
    }
  },
};
