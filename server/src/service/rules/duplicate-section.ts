import type { Rule } from './rule';
import { repeats } from '../queries/sequences';

export const duplicateSection: Rule = {
  id: 'IMR003',
  alias: 'duplicate-section',
  description: 'A section heading appears more than once',
  severity: 'error',
  tags: ['structure', 'sections'],
  docs: {
    why: 'Each heading stands exactly once in a Final Determination. A repeated heading usually means text pasted twice or two drafts merged, and readers cannot tell which version is the decision.',
    bad: 'CLINICAL CASE SUMMARY\n...\nCLINICAL CASE SUMMARY\n...',
    good: 'CLINICAL CASE SUMMARY\n...',
    fix: 'Merge the two sections into one and delete the second heading.',
  },
  check({ model, report }) {
    for (const { first, repeat } of repeats(model.sections, (s) => s.kind)) {
      report({
        message: `The heading '${repeat.heading.text.trim()}' appears a second time (first on line ${first.heading.range.start.line + 1}).`,
        range: repeat.heading.range,
        related: [{ range: first.heading.range, message: 'First occurrence of the heading.' }],
      });
    }
  },
};
