/**
 * Bounds on V8's heap, set from inside the process (issue 11: memory of 200 open letters and of
 * one 5 MB document): the young generation's size, and how far the old generation may grow
 * beyond what its last full collection kept.
 *
 * V8 doubles the young generation's two semi-spaces (1 MB each at start, up to 16 MB each)
 * whenever many objects survive a scavenge. A burst of work (opening 200 letters, a 5 MB
 * document, a batch) grows them to the maximum, and the process then keeps those ~32 MB of RSS
 * for its whole life, while its live heap is 20-30 MB. The usual bound, `--max-semi-space-size`,
 * is read only when the heap is set up, and the server and the CLI are started as `node FILE` by
 * editors and scripts, so no node option can be given. The growth factor, however, is read at
 * each growth: setting it to 1 (`--semi-space-growth-factor=1`) at run time stops the growth at
 * the size reached. Nothing else in V8's behaviour changes.
 */
import { PerformanceObserver } from 'perf_hooks';
import * as v8 from 'v8';

const STOP_GROWTH = '--semi-space-growth-factor=1';
/** V8's own growth factor (Node 20). */
const GROWTH = '--semi-space-growth-factor=2';
/** V8's own old-generation growth (0: its dynamic factor). */
const OLD_GROWTH_DEFAULT = '--heap-growing-percent=0';

/** The flags this module sets, at V8's own values (server-start.ts sets them back before it makes the code cache). */
export const HEAP_GROWTH_DEFAULTS = [GROWTH, OLD_GROWTH_DEFAULT];

/** The young generation's current size (both semi-spaces), in bytes. */
export function youngGenerationBytes(): number {
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * For a synchronous run (the CLI): the returned function, called between units of work (letters),
 * stops the growth once the semi-spaces have reached `semiSpaceMB` each, or at once when called
 * with `now` (before a unit large enough to grow them to V8's maximum by itself). One call costs
 * a heap statistics read, until the growth is stopped; nothing after.
 */
export function youngGenerationCheck(semiSpaceMB: number): (now?: boolean) => void {
  const limit = 2 * semiSpaceMB * 1024 * 1024;
  let stopped = false;
  return (now = false) => {
    if (stopped || (!now && youngGenerationBytes() < limit)) return;
    v8.setFlagsFromString(STOP_GROWTH);
    stopped = true;
  };
}

/**
 * Lets the semi-spaces grow up to `semiSpaceMB` each, then no further (looked at after each
 * garbage collection, on a later turn of the event loop). With 1 (their size at start) they never
 * grow. The server lets them grow to 4 MB: a keystroke's garbage then fits without a scavenge per
 * keystroke (docs/performance-server.md, "Where the time and memory still go"). The CLI, whose
 * run has no turn of the event loop in which to look, uses youngGenerationCheck between letters.
 */
export function boundYoungGeneration(semiSpaceMB: number): void {
  const limit = 2 * semiSpaceMB * 1024 * 1024;
  boundObserver?.disconnect();
  boundObserver = undefined;
  if (semiSpaceMB <= 1 || youngGenerationBytes() >= limit) {
    v8.setFlagsFromString(STOP_GROWTH);
    return;
  }
  // Called again after V8 shrank the young generation (idle-memory.ts): it may grow again.
  v8.setFlagsFromString(GROWTH);
  // The size is looked at after each garbage collection (entries arrive on a later turn of the
  // event loop: the growth that happens meanwhile is at most one doubling, to 2 x `semiSpaceMB`).
  const observer = new PerformanceObserver(() => {
    if (youngGenerationBytes() < limit) return;
    v8.setFlagsFromString(STOP_GROWTH);
    observer.disconnect();
    boundObserver = undefined;
  });
  observer.observe({ entryTypes: ['gc'] });
  boundObserver = observer;
}
let boundObserver: PerformanceObserver | undefined;

/**
 * The old generation may grow to (1 + `percent` / 100) times what its last full collection kept
 * (at least 8 MB more: V8's own minimum step) before the next full collection. V8 otherwise picks
 * a factor of up to 4 when collections are fast, which is what it did during a burst of opens:
 * 13 MB kept after the first collection, then no collection until 50 MB, of which 20 MB were
 * live (bounded caches filled with each letter's new text, and models, that outlive two
 * scavenges and die old). The process then kept those 50 MB for life. The flag
 * (`--heap-growing-percent`) is read each time V8 sets the next limit, so it can be set at run
 * time, like the growth factor above (editors start the server as `node FILE`).
 */
export function boundOldGenerationGrowth(percent: number): void {
  v8.setFlagsFromString(`--heap-growing-percent=${Math.max(1, Math.round(percent))}`);
}

/**
 * Runs `collect` (a full collection) with the old generation's growth at `percent`, then sets the
 * growth to `then` (boundOldGenerationGrowth): V8 sets the next limit at the end of a full
 * collection, so this one limit is `percent` over what the collection kept (or V8's minimum step
 * of 8 MB, whichever is more), and every later one follows `then`.
 */
export function collectWithOldGenerationGrowth(collect: () => void, percent: number, then: number): void {
  boundOldGenerationGrowth(percent);
  try {
    collect();
  } finally {
    boundOldGenerationGrowth(then);
  }
}

/** The old generation's current size (what the process holds for it, live or not), in bytes. */
export function oldGenerationBytes(): number {
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_size ?? 0;
}
