/**
 * How long a push of diagnostics waits after a change (main.ts, schedulePush): for a pause in the
 * typing, as long as twice the document's last check took, between the bounds below. A 15 KB
 * letter (a check of 1-3 ms) is published 10 ms after a keystroke; a 5 MB one (about 100 ms per
 * check) waits the longest, so a burst of keystrokes still costs one analysis. An opened document
 * is checked at once. (Before: 120 ms for every document, the whole of a push client's latency.)
 */
export const PUSH_DELAY_MIN_MS = 10;
export const PUSH_DELAY_MAX_MS = 120;

/** The wait before checking a document: `lastCheckMs` is how long its last check took, if any. */
export function pushDelay(lastCheckMs: number | undefined, opening: boolean): number {
  if (opening) return 0;
  return Math.min(PUSH_DELAY_MAX_MS, Math.max(PUSH_DELAY_MIN_MS, 2 * (lastCheckMs ?? 0)));
}
