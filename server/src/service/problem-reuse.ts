/**
 * Problems equal to one of the previous version's are replaced by that object, so that its LSP
 * diagnostic, and the diagnostic's JSON on the wire, are reused too (the service keeps both by
 * problem object). Item and line problems are reused by the cache already; the letter rules run
 * on every check and make new objects, though an edit at the end of a 5 MB letter leaves its
 * 2,500 letter-rule problems as they were.
 */
import type { Range } from 'vscode-languageserver-types';
import { comparePositions } from './positions';
import type { Fix, Problem, RelatedInformation, TextEdit } from './problem';

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, same: (x: T, y: T) => boolean): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}

// Named functions, not arrows inside sameProblem: no closure is made per comparison.
const sameRelated = (x: RelatedInformation, y: RelatedInformation) => x.message === y.message && sameRange(x.range, y.range);
const sameEdit = (u: TextEdit, v: TextEdit) => u.newText === v.newText && sameRange(u.range, v.range);
const sameFix = (x: Fix, y: Fix) => x.title === y.title && x.preferred === y.preferred && x.needsInput === y.needsInput && sameList(x.edits, y.edits, sameEdit);

/** Equal in every field a problem has (rules/rule.ts, problem.ts). */
export function sameProblem(a: Problem, b: Problem): boolean {
  return (
    a === b ||
    (a.ruleId === b.ruleId &&
      a.alias === b.alias &&
      a.severity === b.severity &&
      a.message === b.message &&
      sameRange(a.range, b.range) &&
      sameList(a.related, b.related, sameRelated) &&
      sameList(a.fixes, b.fixes, sameFix))
  );
}

/** Structural comparisons made (sameProblem on two distinct objects): tests count them. */
export const reuseCounts = { compared: 0 };

/**
 * The previous problems taken in the current start group, by index: `taken[0..takenCount)`. The
 * array is reused from check to check (setting its length to 0 would free its storage).
 */
const taken: number[] = [];
let takenCount = 0;

function isTaken(k: number): boolean {
  for (let t = 0; t < takenCount; t++) if (taken[t] === k) return true;
  return false;
}

/**
 * `fresh` with each problem equal to one of `previous` replaced by that object (in place). Both
 * are sorted by start position: one merge walk, comparing only problems that start at the same
 * place. A previous problem is taken once; since both lists are sorted, only the problems of the
 * current start group can be taken again, so the taken ones are kept for that group alone.
 */
export function reuseEqualProblems(fresh: Problem[], previous: readonly Problem[]): void {
  takenCount = 0;
  let j = 0;
  for (let i = 0; i < fresh.length && j < previous.length; i++) {
    const problem = fresh[i];
    const start = problem.range.start;
    const from = j;
    while (j < previous.length && comparePositions(previous[j].range.start, start) < 0) j++;
    if (j !== from) takenCount = 0;
    for (let k = j; k < previous.length && comparePositions(previous[k].range.start, start) === 0; k++) {
      const candidate = previous[k];
      if (isTaken(k)) continue;
      if (candidate !== problem) {
        reuseCounts.compared++;
        if (!sameProblem(candidate, problem)) continue;
      }
      fresh[i] = candidate;
      taken[takenCount++] = k;
      break;
    }
  }
}
