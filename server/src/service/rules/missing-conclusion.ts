import type { Rule } from './rule';
import { itemName } from './describe';

export const missingConclusion: Rule = {
  id: 'IMR022',
  alias: 'missing-conclusion',
  description: 'A rationale has no sentence concluding whether the request is medically necessary',
  severity: 'information',
  tags: ['items', 'decision'],
  scope: 'item',
  docs: {
    why: 'Every published rationale ends on a sentence that states whether the request is medically necessary; it is what ties the reasoning to the decision, and it is the only way the decision-conclusion check can confirm that they agree. A rationale without one may be unfinished.\n\nA rationale counts as concluded when a sentence speaks of medical necessity in one of the phrasings of server/data/conclusions.json, even when that sentence is ambiguous (a conditional, a question, a quotation): decision-conclusion then stays silent, and this rule does not report it either, because the sentence is there.',
    bad: 'Decision rationale: The records show no functional improvement on this medication.',
    good: 'Decision rationale: The records show no functional improvement on this medication. Therefore, the request is not medically necessary.',
    fix: "End the rationale with the conclusion, e.g. 'Therefore, the request is not medically necessary.'",
  },
  check({ model, report }) {
    for (const item of model.items) {
      const rationale = item.rationale;
      if (!rationale || !rationale.content.text.trim() || rationale.conclusion) continue;
      const last = rationale.sentences[rationale.sentences.length - 1];
      report({
        message: `${itemName(item)}: the rationale does not conclude whether the request is medically necessary.`,
        range: last?.range ?? rationale.content.range,
      });
    }
  },
};
