import type { Rule } from './rule';
import { HEADER_FIELDS } from '../parser/vocabulary';

export const headerMissingField: Rule = {
  id: 'IMR010',
  alias: 'header-missing-field',
  description: 'The header lacks a field a complete header has, or a field has no value',
  severity: 'error',
  tags: ['header'],
  docs: {
    why: 'The header identifies the case and its timeline: Case Number, Date Assigned, Date of Injury, Decision Date, UR Denial Date, Priority and Application Received. All published letters of 2016-17 carry the seven fields; a missing one makes the letter hard to match to the case and its deadlines.',
    bad: 'Case Number:          CM99-0000001\nDate Assigned:        01/04/2017                      Date of Injury:      03/15/2015\nPriority:             Standard                        Application          12/30/2016\n                                                      Received:',
    good: 'Case Number:          CM99-0000001\nDate Assigned:        01/04/2017                      Date of Injury:      03/15/2015\nDecision Date:        01/30/2017                      UR Denial Date:      12/20/2016\nPriority:             Standard                        Application          12/30/2016\n                                                      Received:',
    fix: 'Add the missing label and its value to the header. Letters of the 2014-15 layout without any header are not checked by this rule.',
  },
  check({ model, report }) {
    const header = model.header;
    if (!header) return;
    const headerStart = { start: header.range.start, end: { line: header.range.start.line, character: model.lines.lineText(header.range.start.line).length } };
    for (const spec of HEADER_FIELDS) {
      const field = header.fields.find((f) => f.name === spec.name);
      if (!field) report({ message: `The header has no '${spec.label}' field.`, range: headerStart });
      else if (!field.value) report({ message: `The header's '${spec.label}' has no value.`, range: field.label.range });
    }
  },
};
