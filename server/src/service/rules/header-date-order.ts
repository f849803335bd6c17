import type { Rule } from './rule';
import { HEADER_FIELDS } from '../parser/vocabulary';
import type { HeaderFieldName, Span } from '../parser/model';

/** The header's timeline, earliest first (97 of 97 published letters keep it). */
const ORDER: HeaderFieldName[] = ['dateOfInjury', 'urDenialDate', 'applicationReceived', 'dateAssigned', 'decisionDate'];

export const headerDateOrder: Rule = {
  id: 'IMR025',
  alias: 'header-date-order',
  description: 'The header dates are out of order',
  severity: 'error',
  tags: ['header', 'dates', 'consistency'],
  docs: {
    why: 'An IMR follows the injury, then the utilization review denial, then the application, its assignment to MAXIMUS and the decision: Date of Injury <= UR Denial Date <= Application Received <= Date Assigned <= Decision Date, in all 97 published letters. A header that breaks this order has a mistyped date, and deadlines computed from it are wrong.',
    bad: 'Date Assigned:        01/09/2017                      Date of Injury:      04/22/2014\nDecision Date:        12/03/2016                      UR Denial Date:      12/28/2016',
    good: 'Date Assigned:        01/09/2017                      Date of Injury:      04/22/2014\nDecision Date:        02/03/2017                      UR Denial Date:      12/28/2016',
    fix: 'Check both dates against the case file and correct the mistyped one.',
  },
  check({ model, report }) {
    const fields = model.header?.fields ?? [];
    const label = (name: HeaderFieldName) => HEADER_FIELDS.find((f) => f.name === name)!.label.replace(/:$/, '');
    // Each dated field against the nearest earlier one in the timeline that is present.
    let earlier: { name: HeaderFieldName; value: Span; key: number } | undefined;
    for (const name of ORDER) {
      const field = fields.find((f) => f.name === name);
      const date = field?.date;
      if (!field?.value || !date) continue;
      const later = { name, value: field.value, key: date.year * 10000 + date.month * 100 + date.day };
      if (earlier && later.key < earlier.key) {
        report({
          message: `The header's ${label(later.name)} (${later.value.text}) is before its ${label(earlier.name)} (${earlier.value.text}); the order is Date of Injury, UR Denial Date, Application Received, Date Assigned, Decision Date.`,
          range: later.value.range,
          related: [{ range: earlier.value.range, message: `${label(earlier.name)}: ${earlier.value.text}` }],
        });
      }
      earlier = later;
    }
  },
};
