import type { Fix, Rule } from './rule';
import { itemName } from './describe';

export const decisionConclusion: Rule = {
  id: 'IMR021',
  alias: 'decision-conclusion',
  description: "An item's decision contradicts the conclusion of its rationale",
  severity: 'error',
  tags: ['items', 'decision', 'consistency'],
  scope: 'item',
  docs: {
    why: '\'Upheld\' means the treatment is not medically necessary and \'Overturned\' that it is. An item whose rationale concludes the opposite of its decision gives the parties two answers; the claims administrator acts on the decision word, the worker reads the rationale. No published letter has this defect (the decision and the conclusion agree in 207 of 207 items and in the 10 seed items), so a finding is almost certainly a slip, typically a decision word changed without the rationale or the other way round.\n\nThe conclusion is the last sentence of the rationale that speaks of medical necessity, after the opioid-taper statement that follows some opioid conclusions is set aside. Its polarity is read word by word from the phrasing table server/data/conclusions.json (with the source of each phrasing: general English negation and scope as catalogued by NegEx and ConText, the IMR standard of 8 CCR 9792.10.6, and the shapes letters use): negation anywhere in the clause of the conclusion (\'is not supported ... as being medically necessary\', \'cannot be considered medically necessary\', \'medical necessity has not been established\', \'there is no medical necessity for\', \'it was not established that ... is medically necessary\'), double negatives (\'cannot be said to be not medically necessary\'), and negation in another clause, which does not reach the conclusion (\'Although the patient has not returned to work, the request is medically necessary\').\n\n**When the conclusion can be read two ways, this check says nothing**: a conditional or hedge (\'would be medically necessary only if ...\', \'may be medically necessary\'), a question, the phrase inside quotation marks (quoted guideline or review text), both polarities in one sentence, or a negation word in the conclusion\'s clause that no phrasing of the table explains (\'It is not clear that the request is medically necessary\'). A false contradiction on a correct letter costs more than a missed one.\n\nMeasured on copies of the 97 published letters (test/unit/conclusions.test.ts): with each item\'s decision word flipped, this check finds 207 of 207 items at the conclusion; with each Upheld conclusion rewritten into one of the table\'s negative phrasings, it raises no error and every rewritten item is read as not medically necessary.\n\nPhrasings measured on the 207 items of the 97 published letters (scripted classification, first matching row):\n\n| Phrasing | Upheld | Overturned |\n| --- | --- | --- |\n| "the request is (not) medically necessary" / "this request ..." | 76 | 8 |\n| "the request for <treatment> is (not) medically necessary" (also "requested", "prescription", "decision for") | 50 | 7 |\n| "... is considered / deemed / determined to be / seen as (not) medically necessary" | 13 | 0 |\n| the standard sentence of surgical-ancillary items (the ancillary service is not necessary because the surgery is not) | 14 | 0 |\n| "<treatment> is (not) medically necessary" | 24 | 6 |\n| other wording ("determined to not be medically necessary", "is not a medical necessity", "is not medically appropriate", "does not appear medically necessary", "the medical necessity of this request is not established", "I am reversing ... and deem the request ... medically necessary") | 8 | 1 |\n\nEvery one of them agrees with its decision. A rationale with no sentence about medical necessity is not reported here (see missing-conclusion).',
    bad: 'Tramadol 50mg #60: Overturned\n...\nDecision rationale: ... Therefore, the request for tramadol 50mg #60 is not medically necessary.',
    good: 'Tramadol 50mg #60: Upheld\n...\nDecision rationale: ... Therefore, the request for tramadol 50mg #60 is not medically necessary.',
    fix: 'Decide which is right, then change either the decision word or the concluding sentence. The quick fix changes the decision word to match the conclusion.',
  },
  check({ model, report }) {
    for (const item of model.items) {
      const decision = item.header?.decision;
      const conclusion = item.rationale?.conclusion;
      if (!decision?.value || !conclusion?.polarity) continue;
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
