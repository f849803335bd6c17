import type { Rule } from './rule';
import { SECTION_HEADINGS } from '../parser/vocabulary';
import { outOfOrder } from '../queries/sequences';

const rank = (kind: string) => SECTION_HEADINGS.findIndex((h) => h.kind === kind);

export const sectionOrder: Rule = {
  id: 'IMR002',
  alias: 'section-order',
  description: 'Sections are not in the standard order',
  severity: 'error',
  tags: ['structure', 'sections'],
  docs: {
    why: 'Readers (the injured worker, the physician, the claims administrator, the WCAB) expect how the review was made, then the case summary, then the decisions. Every published letter keeps that order; a letter that does not reads as a draft.',
    bad: 'HOW THE IMR FINAL DETERMINATION WAS MADE\n...\nIMR ISSUES, DECISIONS AND RATIONALES\n...\nCLINICAL CASE SUMMARY\n...',
    good: 'HOW THE IMR FINAL DETERMINATION WAS MADE\n...\nCLINICAL CASE SUMMARY\n...\nIMR ISSUES, DECISIONS AND RATIONALES\n...',
    fix: 'Move the section (heading and text) to its place: HOW THE IMR FINAL DETERMINATION WAS MADE, then CLINICAL CASE SUMMARY, then IMR ISSUES, DECISIONS AND RATIONALES.',
  },
  check({ model, report }) {
    for (const { element, after } of outOfOrder(
      model.sections,
      (s) => s.kind,
      (s) => rank(s.kind),
    )) {
      report({
        message: `'${element.heading.text.trim()}' comes after '${after.heading.text.trim()}'; it belongs before it.`,
        range: element.heading.range,
        related: [{ range: after.heading.range, message: `'${after.heading.text.trim()}' is here.` }],
      });
    }
  },
};
