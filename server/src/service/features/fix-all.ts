/**
 * Fix all: applies every unambiguous fix (a problem with exactly one preferred fix that needs no
 * input from the reviewer), re-checks the result, and repeats until nothing more can be fixed.
 * One routine for the editor (source.fixAll, the command) and the CLI (--fix). It knows no rule:
 * the service hands it a `check` that returns the problems of a text.
 */
import { applyFixes } from '../fixes';
import type { Fix, Problem, TextEdit } from '../problem';

export interface FixedProblem {
  ruleId: string;
  alias: string;
  /** The fix's title, e.g. "Change to 'CLINICAL CASE SUMMARY'". */
  title: string;
  /** 0-based line of the problem in the text the round started from. */
  line: number;
}

export interface FixAllResult {
  /** The fixed text (the input text when refused or when nothing was fixable). */
  text: string;
  /** What was fixed, round by round. */
  fixed: FixedProblem[];
  /** How many check rounds ran (the last one found nothing more to fix). */
  rounds: number;
  /** Set when the fixes of one round would overlap: nothing is changed then. */
  refused?: 'overlap' | 'out-of-range';
}

/**
 * The one fix fix-all may apply for a problem, or undefined when the choice is the reviewer's:
 * only errors and warnings with exactly one preferred fix that needs no input. Information and
 * hints (a quotation's wording, a run-on sentence) are suggestions the reviewer reads first, so
 * they stay one quick fix away instead of being rewritten on save.
 */
export function unambiguousFix(problem: Problem): Fix | undefined {
  if (problem.severity !== 'error' && problem.severity !== 'warning') return undefined;
  const preferred = (problem.fixes ?? []).filter((f) => f.preferred && !f.needsInput);
  return preferred.length === 1 ? preferred[0] : undefined;
}

const MAX_ROUNDS = 8;

/**
 * `check(text, round)` returns the problems of `text` (round 0 is the original text). All edits
 * of one round are applied together by applyFixes; if they overlap, the whole run is refused and
 * the original text is returned, so a file is never left half-fixed.
 */
export function fixAll(text: string, check: (text: string, round: number) => readonly Problem[]): FixAllResult {
  const fixed: FixedProblem[] = [];
  let current = text;
  let rounds = 0;
  while (rounds < MAX_ROUNDS) {
    const problems = check(current, rounds);
    rounds++;
    const edits: TextEdit[] = [];
    const round: FixedProblem[] = [];
    for (const problem of problems) {
      const fix = unambiguousFix(problem);
      if (!fix) continue;
      edits.push(...fix.edits);
      round.push({ ruleId: problem.ruleId, alias: problem.alias, title: fix.title, line: problem.range.start.line });
    }
    if (edits.length === 0) break;
    const result = applyFixes(current, edits);
    if (result.refused) return { text, fixed: [], rounds, refused: result.refused };
    if (result.text === current) break;
    current = result.text;
    fixed.push(...round);
  }
  return { text: current, fixed, rounds };
}

/** The smallest single edit that turns `before` into `after` (offsets), for the editor. */
export function minimalEdit(before: string, after: string): { start: number; end: number; newText: string } | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  while (start > 0 && splits(before, start)) start--;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  while (endBefore < before.length && endBefore > start && splits(before, endBefore)) {
    endBefore++;
    endAfter++;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}

/** True when offset `i` falls inside a \r\n pair or a surrogate pair. */
function splits(s: string, i: number): boolean {
  const a = s.charCodeAt(i - 1);
  const b = s.charCodeAt(i);
  return (a === 13 && b === 10) || (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff);
}
