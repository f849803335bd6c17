import type { Rule } from './rule';

export const noItems: Rule = {
  id: 'IMR004',
  alias: 'no-items',
  description: 'The issues section has no item',
  severity: 'error',
  tags: ['structure', 'items'],
  docs: {
    why: 'The letter exists to decide each disputed treatment. An issues section without a single item ("<treatment>: Upheld" or "<treatment>: Overturned" followed by its guideline lines and rationale) decides nothing.',
    bad: 'IMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n',
    good: 'IMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n\nNorco 10/325mg #60: Upheld\n\nClaims Administrator guideline: ...\n\nMAXIMUS guideline: ...\n\nDecision rationale: ...',
    fix: 'Add one item per disputed treatment: the treatment line with its decision, then the three labelled paragraphs.',
  },
  check({ model, report }) {
    const issues = model.sections.find((s) => s.kind === 'issues');
    if (!issues || model.items.length > 0) return;
    report({
      message: "The 'IMR ISSUES, DECISIONS AND RATIONALES' section has no item: add each disputed treatment with its decision, guidelines and rationale.",
      range: issues.heading.range,
    });
  },
};
