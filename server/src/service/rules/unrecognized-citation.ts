import type { Rule } from './rule';
import { citationSeverity, itemName, paragraphName } from './describe';

export const unrecognizedCitation: Rule = {
  id: 'IMR020',
  alias: 'unrecognized-citation',
  description: 'A guideline line is not in any citation form the letters use',
  severity: 'error',
  tags: ['citations', 'structure'],
  scope: 'item',
  docs: {
    why: "Every one of the 434 guideline lines in the published letters and seeds takes one of five forms: an MTUS citation ('Decision based on MTUS <part> <year>, Section(s): <sections>.'), an MTUS citation followed by a Non-MTUS one, the statement that the decision is based on recommendations outside of the MTUS followed by a Non-MTUS citation, the statement that no medical evidence was cited, or the 2014-15 form with Page(s). A line in none of them cannot be read as a citation. In the Claims Administrator line it is a warning.",
    bad: 'MAXIMUS guideline: Per the chronic pain guidelines, muscle relaxants are second-line.',
    good: 'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s):\nMuscle relaxants (for pain).',
    fix: "Write the line as 'Decision based on MTUS <guideline part> <year>, Section(s): <sections>.', or 'The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation <source>.', or 'The Expert Reviewer did not cite any medical evidence for its decision.'",
  },
  check({ model, report }) {
    for (const item of model.items) {
      for (const p of item.paragraphs) {
        if (p.citations?.shape !== 'unrecognized') continue;
        report({
          message: `${itemName(item)}: the ${paragraphName(p.kind)} line is not a citation; write 'Decision based on MTUS <guideline part> <year>, Section(s): <sections>.' or a Non-MTUS citation after the statement that the MTUS does not address the treatment.`,
          range: p.content.range,
          severity: citationSeverity(p.kind, 'error'),
        });
      }
    }
  },
};
