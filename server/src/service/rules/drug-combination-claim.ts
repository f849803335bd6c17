import type { Rule } from './rule';
import { itemName } from './describe';

const WITH_APAP = /\b(?:in\s+combination\s+with|combined\s+with|with)\s+(?:acetaminophen|APAP|Tylenol)\b|\bcombination\s+(?:of\s+\w+\s+and|with)\s+(?:acetaminophen|APAP)\b/i;

export const drugCombinationClaim: Rule = {
  id: 'IMR024',
  alias: 'drug-combination-claim',
  description: "The rationale calls a single-agent drug a combination with acetaminophen",
  severity: 'warning',
  tags: ['drugs', 'consistency'],
  docs: {
    why: "Norco, Vicodin and Percocet contain acetaminophen; plain oxycodone and tramadol (Ultram) do not (Ultracet does). A rationale that describes the item's single-agent drug as 'an opioid analgesic in combination with acetaminophen' (seed letter 003, Oxycodone 20mg) misstates what was prescribed, and acetaminophen limits may then be argued on a false basis. Only what the drug table proves is reported: the item's drug has no acetaminophen, the sentence names that drug, and no drug in the sentence contains acetaminophen.",
    bad: 'Oxycodone 20mg #120: Upheld\n...\nDecision rationale: Oxycodone is an opioid analgesic in combination with acetaminophen. ...',
    good: 'Oxycodone 20mg #120: Upheld\n...\nDecision rationale: Oxycodone is a single-agent opioid analgesic. ...',
    fix: 'Describe the drug as prescribed; if the prescription really is a combination product (Percocet), correct the item line.',
  },
  check({ model, catalog, report }) {
    for (const item of model.items) {
      const own = catalog.drugsIn(item.header?.treatment.text ?? '').map((d) => d.drug);
      if (own.length !== 1 || own[0].contains?.includes('acetaminophen') || own[0].id === 'acetaminophen') continue;
      for (const sentence of item.rationale?.sentences ?? []) {
        if (!WITH_APAP.test(sentence.text)) continue;
        const named = catalog.drugsIn(sentence.text).map((d) => d.drug);
        if (!named.some((d) => d.id === own[0].id) || named.some((d) => d.contains?.includes('acetaminophen'))) continue;
        const name = catalog.drugsIn(sentence.text).find((d) => d.drug.id === own[0].id)!.name;
        report({ message: `${itemName(item)}: ${name} is a single-agent ${own[0].class}; it is not a combination with acetaminophen.`, range: sentence.range });
      }
    }
  },
};
