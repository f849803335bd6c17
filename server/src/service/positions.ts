/**
 * The one place that orders LSP positions and ranges (0-based line and character). Every
 * comparison of positions in the service goes through these helpers.
 */
import type { Position, Range } from 'vscode-languageserver-types';

/** Negative when `a` comes first, 0 when equal, positive when `b` comes first. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Ranges in document order: by start, then by end. */
export function compareRanges(a: Range, b: Range): number {
  return comparePositions(a.start, b.start) || comparePositions(a.end, b.end);
}

/** `a` strictly before `b`. */
export function isBefore(a: Position, b: Position): boolean {
  return comparePositions(a, b) < 0;
}

/** `a` before `b` or equal to it. */
export function isBeforeOrEqual(a: Position, b: Position): boolean {
  return comparePositions(a, b) <= 0;
}

/** The position lies in the range, both ends included (a cursor just after a word is on it). */
export function rangeContains(range: Range, position: Position): boolean {
  return isBeforeOrEqual(range.start, position) && isBeforeOrEqual(position, range.end);
}

/** `inner` lies within `outer`, ends included. */
export function rangeWithin(inner: Range, outer: Range): boolean {
  return isBeforeOrEqual(outer.start, inner.start) && isBeforeOrEqual(inner.end, outer.end);
}

/** The ranges overlap or touch. */
export function intersects(a: Range, b: Range): boolean {
  return !isBefore(a.end, b.start) && !isBefore(b.end, a.start);
}

/** The smallest range covering both. */
export function cover(a: Range, b: Range): Range {
  return { start: isBeforeOrEqual(a.start, b.start) ? a.start : b.start, end: isBeforeOrEqual(a.end, b.end) ? b.end : a.end };
}
