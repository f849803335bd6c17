import type { Rule } from './rule';
import { itemName } from './describe';

const WITH_APAP = /\b(?:in\s+combination\s+with|combined\s+with|with)\s+(?:acetaminophen|APAP|Tylenol)\b|\bcombination\s+(?:of\s+\w+\s+and|with)\s+(?:acetaminophen|APAP)\b/i;

export const drugFact: Rule = {
  id: 'IMR024',
  alias: 'drug-fact',
  description: 'The rationale states a fact about a drug that the drug table disproves (a combination, a class)',
  severity: 'warning',
  tags: ['drugs', 'consistency'],
  scope: 'item',
  docs: {
    why: "Norco, Vicodin and Percocet contain acetaminophen; plain oxycodone and tramadol (Ultram) do not (Ultracet does). A rationale that describes the item's single-agent drug as 'an opioid analgesic in combination with acetaminophen' (seed letter 003, Oxycodone 20mg) misstates what was prescribed. Likewise a drug given the wrong class ('Pepcid, a proton pump inhibitor': famotidine is an H2 blocker) applies the wrong guideline. Only what the drug table proves is reported: for a combination claim, the item's drug has no acetaminophen, the sentence names it, and no drug in the sentence contains acetaminophen; for a class claim, the sentence says '<drug> is a/an ... <class>' or '<drug>, a/an ... <class>', and the table puts the drug in another class, allowing the other classes the MTUS itself gives a drug class (it calls benzodiazepines muscle relaxants and anticonvulsants). On the published letters it reports nothing.",
    bad: 'Oxycodone 20mg #120: Upheld\n...\nDecision rationale: Oxycodone is an opioid analgesic in combination with acetaminophen. ...',
    good: 'Oxycodone 20mg #120: Upheld\n...\nDecision rationale: Oxycodone is a single-agent opioid analgesic. ...',
    fix: 'Describe the drug as prescribed and by its class; if the prescription really is a combination product (Percocet), correct the item line.',
  },
  check({ model, catalog, report, analyses }) {
    const classPattern = catalog.classClaim;
    for (const item of model.items) {
      const { treatmentDrugs, sentenceDrugs } = analyses.item(item);
      const own = treatmentDrugs.map((d) => d.drug);
      const sentences = item.rationale?.sentences ?? [];
      for (let k = 0; k < sentences.length; k++) {
        const sentence = sentences[k];
        const named = sentenceDrugs[k];
        // Class claims: "<drug> is a <class>", "<drug>, a <class>".
        for (const { drug, name, index } of named) {
          const m = classPattern.exec(sentence.text.slice(index + name.length, index + name.length + 120));
          const claimed = m ? catalog.classGroupOf(m[2]) : undefined;
          if (!m || !claimed || catalog.classMayBeCalled(drug.classGroup, claimed)) continue;
          report({ message: `${itemName(item)}: the rationale calls ${name} ${/^[aeiou]/i.test(m[2]) ? 'an' : 'a'} ${m[2]}, but it is ${/^(?:[aeiou]|H\d|NSAID)/i.test(drug.class) ? 'an' : 'a'} ${drug.class}.`, range: sentence.range });
        }
        // Combination claims about the item's single-agent drug.
        if (own.length !== 1 || own[0].contains?.includes('acetaminophen') || own[0].id === 'acetaminophen' || !WITH_APAP.test(sentence.text)) continue;
        const mention = named.find((d) => d.drug.id === own[0].id);
        if (!mention || named.some((d) => d.drug.contains?.includes('acetaminophen'))) continue;
        report({ message: `${itemName(item)}: ${mention.name} is a single-agent ${own[0].class}; it is not a combination with acetaminophen.`, range: sentence.range });
      }
    }
  },
};
