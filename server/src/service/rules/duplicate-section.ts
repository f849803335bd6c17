import type { Rule } from './rule';

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
    const first = new Map<string, (typeof model.sections)[number]>();
    for (const section of model.sections) {
      const earlier = first.get(section.kind);
      if (!earlier) {
        first.set(section.kind, section);
        continue;
      }
      report({
        message: `The heading '${section.heading.text.trim()}' appears a second time (first on line ${earlier.heading.range.start.line + 1}).`,
        range: section.heading.range,
        related: [{ range: earlier.heading.range, message: 'First occurrence of the heading.' }],
      });
    }
  },
};
