import type { Fix, Rule } from './rule';
import { VALID_DECISIONS } from '../parser/vocabulary';
import { editDistance } from '../text';
import { itemName } from './describe';

/** The valid decision a mistyped word most likely means, when one is clearly closer. */
function closest(word: string): (typeof VALID_DECISIONS)[number] | undefined {
  const lower = word.toLowerCase();
  const scored = VALID_DECISIONS.map((d) => ({ d, score: lower.startsWith(d.toLowerCase().slice(0, 5)) ? 0 : editDistance(lower, d.toLowerCase(), 3) }));
  scored.sort((a, b) => a.score - b.score);
  return scored[0].score <= 3 && scored[0].score < scored[1].score ? scored[0].d : undefined;
}

export const itemDecision: Rule = {
  id: 'IMR005',
  alias: 'item-decision',
  description: "An item has no decision, or a decision other than 'Upheld' or 'Overturned'",
  severity: 'error',
  tags: ['items', 'decision'],
  scope: 'item',
  docs: {
    why: "The decision is the one word the parties act on: 'Upheld' (the utilization review denial stands: not medically necessary) or 'Overturned' (medically necessary: the claims administrator must authorize). Any other word ('Approved', 'Denied', 'Overturn') or a missing decision leaves the item undecided.",
    bad: 'Norco 10/325mg #60: Approved',
    good: 'Norco 10/325mg #60: Upheld',
    fix: "End the item's treatment line with a colon and 'Upheld' or 'Overturned'. The quick fix corrects a misspelled decision word; the preferred choice is the decision the rationale concludes ('not medically necessary': Upheld), or, without a conclusion, the closest word.",
  },
  check({ model, report }) {
    for (const item of model.items) {
      const header = item.header;
      if (!header) {
        const first = item.paragraphs[0];
        report({
          message: `${itemName(item)} has no treatment line with its decision before '${first.label.text.trim()}'.`,
          range: first.label.range,
        });
        continue;
      }
      const decision = header.decision;
      const end = header.text.range.end;
      if (!decision) {
        const fixes: Fix[] = VALID_DECISIONS.map((d) => ({
          title: `Add the decision ': ${d}'`,
          edits: [{ range: { start: end, end }, newText: `${/:\s*$/.test(header.text.text) ? ' ' : ': '}${d}` }],
        }));
        report({ message: `${itemName(item)} has no decision: end the line with ': Upheld' or ': Overturned'.`, range: header.text.range, fixes });
        continue;
      }
      if (!decision.value) {
        // The rationale's conclusion says which decision the reviewer reached; else the closest word.
        const polarity = item.rationale?.conclusion?.polarity;
        const best = polarity ? (polarity === 'necessary' ? 'Overturned' : 'Upheld') : closest(decision.word.text);
        const fixes: Fix[] = VALID_DECISIONS.map((d) => ({
          title: `Change '${decision.word.text}' to '${d}'`,
          edits: [{ range: decision.word.range, newText: d }],
          preferred: d === best,
        }));
        report({
          message: `${itemName(item)}: '${decision.word.text}' is not a decision; write 'Upheld' or 'Overturned'.`,
          range: decision.word.range,
          fixes: best ? [fixes.find((f) => f.preferred)!, ...fixes.filter((f) => !f.preferred)] : fixes,
        });
        continue;
      }
      if (!decision.afterColon) {
        const treatmentEnd = header.treatment.range.end;
        report({
          message: `${itemName(item)}: put a colon before the decision ('<treatment>: ${decision.value}').`,
          range: decision.word.range,
          fixes: [
            {
              title: `Write ': ${decision.value}'`,
              edits: [{ range: { start: treatmentEnd, end: decision.word.range.end }, newText: `: ${decision.value}` }],
              preferred: true,
            },
          ],
        });
      }
    }
  },
};
