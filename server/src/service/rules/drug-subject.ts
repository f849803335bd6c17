import type { Rule } from './rule';
import { itemName } from './describe';
import type { DrugEntry } from '../catalog';

/** The subject of a concluding sentence: "the request for X is ..." or "X is (not) medically ...". */
const REQUEST_FOR = /\b(?:request(?:ed)?|prescription|decision)\s+for\s+(?:the\s+)?(.+?)\s+(?:is|are|was|were)\b/i;
const SUBJECT_IS = /(?:^|,\s*)(?:the\s+)?([^,]+?)\s+(?:is|are|was|were)\s+(?:not\s+)?(?:considered\s+|deemed\s+|determined\s+to\s+be\s+|seen\s+as\s+)?(?:not\s+)?medically\b/i;
/** An opening sentence that defines a drug: "Alprazolam is a benzodiazepine ...". */
const OPENING = /^([A-Z][A-Za-z-]+)(?:\s+\([^)]*\))?\s+(?:is|are)\s+(?:an?|the)\s/;

export const drugSubject: Rule = {
  id: 'IMR023',
  alias: 'drug-subject',
  description: "The rationale's conclusion or opening is about a different drug than the item",
  severity: 'warning',
  tags: ['items', 'drugs', 'consistency'],
  scope: 'item',
  docs: {
    why: "A rationale written for another drug (copied from another letter or item) decides nothing about this one. Seed letter 003's Valium (diazepam) item opens with 'Alprazolam is a benzodiazepine...'. The check is narrow on purpose: it looks only at the subject of the concluding sentence ('the request for X is not medically necessary', 'X is not medically necessary') and at an opening sentence that defines a drug ('X is a ...'), and it knows brands, generics and combinations (Norco is hydrocodone with acetaminophen). Other drugs named elsewhere in a rationale are normal (prior medications, alternatives) and are not reported. On the published letters it reports nothing.",
    bad: 'Valium 10mg #30: Upheld\n...\nDecision rationale: Alprazolam is a benzodiazepine used for anxiety. ...',
    good: 'Valium 10mg #30: Upheld\n...\nDecision rationale: Diazepam (Valium) is a benzodiazepine. ...',
    fix: "Rewrite the sentence about the item's own drug, or correct the item's treatment if the rationale is right.",
  },
  check({ model, catalog, report, analyses }) {
    for (const item of model.items) {
      const treatmentDrugs = analyses.item(item).treatmentDrugs;
      const own = treatmentDrugs.map((d) => d.drug);
      const rationale = item.rationale;
      if (own.length === 0 || !rationale) continue;
      const isOwn = (d: DrugEntry) => own.some((o) => catalog.sameDrug(o, d));
      const ownName = treatmentDrugs[0].name;
      const conclusion = rationale.conclusion?.sentence;
      if (conclusion) {
        const subject = REQUEST_FOR.exec(conclusion.text)?.[1] ?? SUBJECT_IS.exec(conclusion.text)?.[1];
        const named = subject ? catalog.drugsIn(subject) : [];
        if (named.length > 0 && !named.some((n) => isOwn(n.drug))) {
          report({ message: `${itemName(item)}: the rationale concludes about ${named[0].name}, not about the item's ${ownName}.`, range: conclusion.range });
          continue;
        }
      }
      const first = rationale.sentences[0];
      const opening = first ? OPENING.exec(first.text) : null;
      const defined = opening ? catalog.drugsIn(opening[1]) : [];
      if (defined.length > 0 && !defined.some((n) => isOwn(n.drug))) {
        report({ message: `${itemName(item)}: the rationale opens on ${defined[0].name}, not on the item's ${ownName}.`, range: first.range });
      }
    }
  },
};
