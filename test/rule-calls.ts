/** Counting rule invocations, for the tests that prove what an edit re-checks (operation counts, never times). */
import { RULES } from '../server/src/service';
import type { Rule } from '../server/src/service';

export interface RuleCall {
  rule: string;
  /** The numbers of the items the rule saw (one for an item rule's view). */
  items: number[];
  /** How many lines the rule's model has (one per distinct text for a line rule's view). */
  lines: number;
}

/** Every rule invocation while `run` runs, with the items and lines each one saw. */
export function countCalls(run: () => void): RuleCall[] {
  const calls: RuleCall[] = [];
  const originals = RULES.map((r) => r.check);
  RULES.forEach((rule, i) => {
    (rule as Rule).check = (context) => {
      calls.push({ rule: rule.id, items: context.model.items.map((item) => item.number), lines: context.model.lines.lineCount });
      originals[i].call(rule, context);
    };
  });
  try {
    run();
  } finally {
    RULES.forEach((rule, i) => ((rule as Rule).check = originals[i]));
  }
  return calls;
}
