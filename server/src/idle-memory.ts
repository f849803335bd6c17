/**
 * Memory given back once a burst of work is over (issue 11: the server's RSS after opening 200
 * letters).
 *
 * A burst (an editor opening a workspace's letters, a 5 MB document) grows V8's heap: the young
 * generation to its bound (young-generation.ts) and the old generation by what the checks left
 * (bounded caches, models). V8 gives that memory back only when its memory reducer runs, at least
 * 8 s after the burst, and only if the process is idle then. Here, once the server has done no
 * check for `idleMs` after one, and the old generation has grown by `growthBytes` since the last
 * time (or since start-up's collection: `afterStart`), V8 is asked for its low-memory collection (`Isolate::LowMemoryNotification`: full
 * collections that compact the old generation and shrink the young one to its starting size, pages
 * given back to the system). After 200 letters it is 2-3 full collections, 40-55 ms of the main
 * thread on a loaded machine, once, while the server has nothing to do; it runs at most once every
 * `minIntervalMs`. Typing never sets it off: an edit since the last look skips the next one
 * (`afterEdit`). The collection stops the main thread; typing in a 5 MB letter grows the old
 * generation by megabytes, and a collection every 5 s between its keystrokes measured p95 49-53
 * ms against 42-43 with this rule (`scripts/lsp-perf.js bigedit --pause 150`); V8's own
 * collections serve typing as before.
 *
 * Node gives scripts that collection only through its inspector protocol
 * (`HeapProfiler.collectGarbage`): an in-process session (`inspector.Session`, no port, no
 * network), connected for the request and disconnected after it. The answer comes on a later turn
 * (V8 runs the collection as a task), so a message that arrives first is served first.
 */
import * as v8 from 'v8';

/** Asks V8 for its low-memory collection; calls `done` when it has run (or could not). */
export type Reduce = (done: () => void) => void;

/** V8's low-memory collection through an in-process inspector session, or undefined without the inspector. */
export function v8Reduce(): Reduce | undefined {
  let inspector: typeof import('inspector');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    inspector = require('inspector') as typeof import('inspector');
  } catch {
    return undefined;
  }
  return (done) => {
    const session = new inspector.Session();
    try {
      session.connect();
    } catch {
      done();
      return;
    }
    session.post('HeapProfiler.collectGarbage', () => {
      // Disconnecting inside the session's own callback is left to the next turn.
      setImmediate(() => {
        session.disconnect();
        done();
      });
    });
  };
}

/** What the old generation holds (old objects, code, large objects), committed, in bytes. */
export function oldGenerationCommitted(): number {
  let bytes = 0;
  for (const space of v8.getHeapSpaceStatistics()) if (!space.space_name.startsWith('new_')) bytes += space.space_size;
  return bytes;
}

export interface IdleMemory {
  /**
   * Start-up is done and its heap collected (idle-scavenge.ts, afterStart): growth is measured from
   * here, unless a check ran before (then from that check, as without this call).
   */
  afterStart(): void;
  /** A check ran: once the server has been idle for a while, memory may be given back. */
  afterWork(): void;
  /** An edit came: the next look gives nothing back (the checks since were the user's typing). */
  afterEdit(): void;
  /** Low-memory collections asked for (tests count them). */
  readonly reductions: number;
  /** Times the heap was looked at (tests count them). */
  readonly looks: number;
}

export interface IdleMemoryOptions {
  /** How long without a check counts as the end of a burst (ms). */
  idleMs?: number;
  /** Growth of the old generation since the last reduction (or start-up, or the first check) that makes one worth it (bytes). */
  growthBytes?: number;
  /** At least this long between two reductions (ms). */
  minIntervalMs?: number;
  reduce?: Reduce;
  size?: () => number;
  /** Called after each reduction (the server lets the young generation grow again to its bound). */
  afterReduce?: () => void;
  now?: () => number;
}

/**
 * A burst is over after 50 ms without a check: an editor opening letters sends them back to back,
 * and a person typing leaves 100 ms or more between keys but grows the old generation by tens of
 * KB a keystroke, far from the 8 MB that makes a reduction worth it.
 */
export const IDLE_MS = 50;
export const GROWTH_BYTES = 8 * 1024 * 1024;
export const MIN_INTERVAL_MS = 5000;

export function idleMemory(options: IdleMemoryOptions = {}): IdleMemory {
  const idleMs = options.idleMs ?? IDLE_MS;
  const growth = options.growthBytes ?? GROWTH_BYTES;
  const minInterval = options.minIntervalMs ?? MIN_INTERVAL_MS;
  const size = options.size ?? oldGenerationCommitted;
  const now = options.now ?? (() => performance.now());
  // The inspector is loaded at the first reduction, not at start-up.
  let reduce: Reduce | undefined | null = 'reduce' in options ? options.reduce : null;
  let baseline = -1;
  let last = -Infinity;
  let running = false;
  let edited = false;
  let timer: NodeJS.Timeout | undefined;
  const state = {
    reductions: 0,
    looks: 0,
    afterStart(): void {
      if (reduce !== undefined && baseline < 0) baseline = size();
    },
    afterWork(): void {
      if (reduce === undefined) return;
      if (baseline < 0) baseline = size();
      if (timer) timer.refresh();
      else timer = setTimeout(look, idleMs).unref();
    },
    afterEdit(): void {
      edited = true;
    },
  };
  function look(): void {
    timer = undefined;
    state.looks++;
    const typing = edited;
    edited = false;
    if (typing || running || now() - last < minInterval || size() < baseline + growth) return;
    if (reduce === null) reduce = v8Reduce();
    if (!reduce) return;
    running = true;
    state.reductions++;
    reduce(() => {
      running = false;
      last = now();
      baseline = size();
      options.afterReduce?.();
    });
  }
  return state;
}
