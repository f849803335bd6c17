import type { Rule } from './rule';
import { HEADER_FIELDS } from '../parser/vocabulary';

export const headerInvalidDate: Rule = {
  id: 'IMR011',
  alias: 'header-invalid-date',
  description: 'A header date is not a valid date',
  severity: 'error',
  tags: ['header', 'dates'],
  docs: {
    why: 'The header dates set the review timeline (injury, utilization review denial, application, assignment, decision). A date that does not exist (02/30/2017) or is mistyped (9/1014) cannot be checked against the case file.',
    bad: 'Decision Date:        02/30/2017                      UR Denial Date:      12/20/2016',
    good: 'Decision Date:        02/28/2017                      UR Denial Date:      12/20/2016',
    fix: 'Write the date as MM/DD/YYYY with a real month and day.',
  },
  check({ model, report }) {
    for (const field of model.header?.fields ?? []) {
      const spec = HEADER_FIELDS.find((f) => f.name === field.name);
      if (!spec?.isDate || !field.value) continue;
      if (field.date) continue;
      report({ message: `The header's '${spec.label}' value '${field.value.text}' is not a valid date (MM/DD/YYYY).`, range: field.value.range });
    }
  },
};
