import type { Rule } from './rule';

export const urDateMismatch: Rule = {
  id: 'IMR027',
  alias: 'ur-date-mismatch',
  description: "The summary's utilization review date differs from the header's UR Denial Date",
  severity: 'warning',
  tags: ['dates', 'consistency'],
  docs: {
    why: "The case summary usually ends with the decision under review: 'On 11-3-16, utilization review non-certified ...'. That date and the header's UR Denial Date name the same event; when they differ, one of them is mistyped and the timeline (and the application deadline that runs from the denial) cannot be checked. In the published letters the 12 such sentences all match their header.",
    bad: 'UR Denial Date:      12/28/2016\n...\nOn 12-18-16, utilization review non-certified a request for tramadol 50mg #60.',
    good: 'UR Denial Date:      12/28/2016\n...\nOn 12-28-16, utilization review non-certified a request for tramadol 50mg #60.',
    fix: 'Correct the date in the summary or in the header, from the utilization review letter.',
  },
  check({ model, report }) {
    const field = model.header?.fields.find((f) => f.name === 'urDenialDate');
    const header = field?.date;
    if (!field?.value || !header) return;
    for (const date of model.dates) {
      if (!date.utilizationReview || (date.year === header.year && date.month === header.month && date.day === header.day)) continue;
      report({
        message: `The summary dates the utilization review ${date.text}, but the header's UR Denial Date is ${field.value.text}.`,
        range: date.range,
        related: [{ range: field.value.range, message: `UR Denial Date: ${field.value.text}` }],
      });
    }
  },
};
