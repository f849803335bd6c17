import type { Rule } from './rule';

export const dateAfterDecision: Rule = {
  id: 'IMR026',
  alias: 'date-after-decision',
  description: 'A date in the summary or a rationale is later than the Decision Date',
  severity: 'warning',
  tags: ['dates', 'consistency'],
  docs: {
    why: 'The reviewer summarizes records that exist when the decision is made. A visit, report or request dated after the Decision Date in the header is a typing error (a wrong year is the usual one: 1-10-18 for 1-10-17), and a reader checking the case file will not find the record. On the published letters this reports nothing. Dates are read in the forms letters use: M-D-YY, M/D/YY and MM/DD/YYYY.',
    bad: 'Decision Date:        02/03/2017 ...\nA progress note of 12-5-17 records low back pain ...',
    good: 'Decision Date:        02/03/2017 ...\nA progress note of 12-5-16 records low back pain ...',
    fix: 'Correct the date from the case file.',
  },
  check({ model, report }) {
    const field = model.header?.fields.find((f) => f.name === 'decisionDate');
    const decision = field?.date;
    if (!field?.value || !decision) return;
    const limit = decision.year * 10000 + decision.month * 100 + decision.day;
    for (const date of model.dates) {
      if (date.year * 10000 + date.month * 100 + date.day <= limit) continue;
      report({
        message: `The date ${date.text} in the ${date.where === 'summary' ? 'case summary' : 'rationale'} is after the Decision Date (${field.value.text}).`,
        range: date.range,
        related: [{ range: field.value.range, message: `Decision Date: ${field.value.text}` }],
      });
    }
  },
};
