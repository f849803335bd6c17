/**
 * Problems equal to one of the previous version's are replaced by that object, so that its LSP
 * diagnostic, and the diagnostic's JSON on the wire, are reused too (the service keeps both by
 * problem object). Item and line problems are reused by the cache already; the letter rules run
 * on every check and make new objects, though an edit at the end of a 5 MB letter leaves its
 * 2,500 letter-rule problems as they were.
 */
import type { Range } from 'vscode-languageserver-types';
import { comparePositions } from './positions';
import type { Problem } from './problem';

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

function sameList<T>(a: T[] | undefined, b: T[] | undefined, same: (x: T, y: T) => boolean): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((x, i) => same(x, b[i]));
}

/** Equal in every field a problem has (rules/rule.ts, problem.ts). */
export function sameProblem(a: Problem, b: Problem): boolean {
  return (
    a === b ||
    (a.ruleId === b.ruleId &&
      a.alias === b.alias &&
      a.severity === b.severity &&
      a.message === b.message &&
      sameRange(a.range, b.range) &&
      sameList(a.related, b.related, (x, y) => x.message === y.message && sameRange(x.range, y.range)) &&
      sameList(
        a.fixes,
        b.fixes,
        (x, y) =>
          x.title === y.title &&
          x.preferred === y.preferred &&
          x.needsInput === y.needsInput &&
          sameList(x.edits, y.edits, (u, v) => u.newText === v.newText && sameRange(u.range, v.range)),
      ))
  );
}

/**
 * `fresh` with each problem equal to one of `previous` replaced by that object (in place). Both
 * are sorted by start position: one merge walk, comparing only problems that start at the same place.
 */
export function reuseEqualProblems(fresh: Problem[], previous: readonly Problem[]): void {
  const taken = new Set<Problem>();
  let j = 0;
  for (let i = 0; i < fresh.length && j < previous.length; i++) {
    const start = fresh[i].range.start;
    while (j < previous.length && comparePositions(previous[j].range.start, start) < 0) j++;
    for (let k = j; k < previous.length && comparePositions(previous[k].range.start, start) === 0; k++) {
      if (!taken.has(previous[k]) && sameProblem(previous[k], fresh[i])) {
        fresh[i] = previous[k];
        taken.add(previous[k]);
        break;
      }
    }
  }
}
