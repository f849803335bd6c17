import type { Fix, Rule } from './rule';
import { itemName } from './describe';

export const decisionConclusion: Rule = {
  id: 'IMR021',
  alias: 'decision-conclusion',
  description: "An item's decision contradicts the conclusion of its rationale",
  severity: 'error',
  tags: ['items', 'decision', 'consistency'],
  docs: {
    why: "'Upheld' means the treatment is not medically necessary and 'Overturned' that it is. An item whose rationale concludes the opposite of its decision gives the parties two answers; the claims administrator acts on the decision word, the worker reads the rationale. No published letter has this defect (the decision and the conclusion agree in 207 of 207 items and in the 10 seed items), so a finding is almost certainly a slip, typically a decision word changed without the rationale or the other way round.\n\nThe conclusion is the last sentence of the rationale that speaks of medical necessity, after the opioid-taper boilerplate is set aside. Phrasings counted on the 207 items of the published letters:\n\n| Phrasing | Items |\n| --- | --- |\n| \"... is not medically necessary\" / \"... is medically necessary\" (the request, the request for <treatment>, <treatment>, this request) | 141 |\n| \"... is considered / deemed / determined to be / seen as not medically necessary\" | 15 |\n| ancillary boilerplate (\"As the requested surgical intervention is not medically necessary ..., the requested ancillary service is not medically necessary.\") | 14 |\n| other subjects ending \"(not) medically necessary at this time / per the guidelines / and appropriate\" | 31 |\n| non-standard (\"is not a medical necessity\", \"is not medically appropriate\", \"cannot be deemed medically necessary\", \"does not appear medically necessary\", \"the medical necessity of this request is not established\", \"I ... deem the request ... medically necessary\") | 6 |\n\nA rationale with no clear conclusion is not reported here (see missing-conclusion).",
    bad: 'Tramadol 50mg #60: Overturned\n...\nDecision rationale: ... Therefore, the request for tramadol 50mg #60 is not medically necessary.',
    good: 'Tramadol 50mg #60: Upheld\n...\nDecision rationale: ... Therefore, the request for tramadol 50mg #60 is not medically necessary.',
    fix: 'Decide which is right, then change either the decision word or the concluding sentence. The quick fix changes the decision word to match the conclusion.',
  },
  check({ model, report }) {
    for (const item of model.items) {
      const decision = item.header?.decision;
      const conclusion = item.rationale?.conclusion;
      if (!decision?.value || !conclusion) continue;
      const concludesNecessary = conclusion.polarity === 'necessary';
      if (concludesNecessary === (decision.value === 'Overturned')) continue;
      const matching = concludesNecessary ? 'Overturned' : 'Upheld';
      const fixes: Fix[] = [{ title: `Change the decision to '${matching}'`, edits: [{ range: decision.word.range, newText: matching }] }];
      report({
        message: `${itemName(item)} is '${decision.value}' (${decision.value === 'Upheld' ? 'not medically necessary' : 'medically necessary'}), but its rationale concludes that it is ${concludesNecessary ? '' : 'not '}medically necessary.`,
        range: conclusion.sentence.range,
        related: [{ range: decision.word.range, message: `The decision: ${decision.value}.` }],
        fixes,
      });
    }
  },
};
