import type { Rule } from './rule';
import { SECTION_HEADINGS } from '../parser/vocabulary';

export const missingSection: Rule = {
  id: 'IMR001',
  alias: 'missing-section',
  description: 'A required section heading is missing',
  severity: 'error',
  tags: ['structure', 'sections'],
  docs: {
    why: 'Every Final Determination has three sections, each under its own heading: HOW THE IMR FINAL DETERMINATION WAS MADE, CLINICAL CASE SUMMARY and IMR ISSUES, DECISIONS AND RATIONALES. A letter without one of them is incomplete and is sent back.',
    bad: 'HOW THE IMR FINAL DETERMINATION WAS MADE\n...\nCLINICAL CASE SUMARY\nThe expert reviewer developed the following clinical case summary ...',
    good: 'HOW THE IMR FINAL DETERMINATION WAS MADE\n...\nCLINICAL CASE SUMMARY\nThe expert reviewer developed the following clinical case summary ...',
    fix: 'Add the heading on a line of its own, or correct a misspelled heading (the quick fix offers the correct spelling when a line looks like the heading). When the heading is missing, a quick fix inserts it where it belongs (before the next section, or at the end of the letter); write the section under it.',
  },
  check({ model, report }) {
    const present = new Set(model.sections.map((s) => s.kind));
    SECTION_HEADINGS.forEach((h, rank) => {
      if (present.has(h.kind)) return;
      const candidate = model.headingCandidates.find((c) => c.kind === h.kind);
      if (candidate) {
        report({
          message: `The heading '${candidate.line.text.trim()}' is misspelled: it should read '${h.heading}'.`,
          range: candidate.line.range,
          fixes: [{ title: `Change to '${h.heading}'`, edits: [{ range: candidate.line.range, newText: h.heading }], preferred: true }],
        });
        return;
      }
      const next = model.sections.find((s) => SECTION_HEADINGS.findIndex((x) => x.kind === s.kind) > rank);
      if (next) {
        const at = { line: next.heading.range.start.line, character: 0 };
        report({
          message: `The letter has no '${h.heading}' section: it belongs before '${next.heading.text.trim()}'.`,
          range: next.heading.range,
          fixes: [
            {
              title: `Insert the heading '${h.heading}' above this line`,
              needsInput: true,
              edits: [{ range: { start: at, end: at }, newText: `${h.heading}\n\n` }],
            },
          ],
        });
        return;
      }
      const previous = [...model.sections].reverse().find((s) => SECTION_HEADINGS.findIndex((x) => x.kind === s.kind) < rank);
      const line0 = { start: { line: 0, character: 0 }, end: { line: 0, character: model.lines.lineText(0).length } };
      // The last section is missing: its heading goes at the end of the letter.
      const last = model.lines.lineCount - 1;
      const end = { line: last, character: model.lines.lineText(last).length };
      const lastIsBlank = model.lines.lineText(last).trim() === '';
      report({
        fixes: previous
          ? [
              {
                title: `Insert the heading '${h.heading}' at the end of the letter`,
                needsInput: true,
                edits: [{ range: { start: end, end }, newText: `${lastIsBlank ? '' : '\n'}\n${h.heading}\n` }],
              },
            ]
          : undefined,
        message: previous
          ? `The letter has no '${h.heading}' section: it belongs after '${previous.heading.text.trim()}'.`
          : `The letter has no '${h.heading}' section.`,
        range: previous ? previous.heading.range : line0,
      });
    });
  },
};
