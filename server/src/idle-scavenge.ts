/**
 * A scavenge (V8's collection of the young generation) while the server is idle, so that a
 * keystroke seldom pays for one (issue 11: the didChange p99).
 *
 * Every check allocates (a keystroke in a 15 KB letter: 200-300 KB), and V8 scavenges when the
 * young generation is full: one keystroke in ten or so then waits 1-7 ms for a scavenge on top of
 * its ~1 ms check, which is the p99 of typing. The pause depends on what is alive (the current
 * model, caches), not on how full the space is, so the same scavenge costs the same a few
 * keystrokes earlier, when the user is between two keys. After a check, once the server has been
 * idle for `idleMs` (no other check meanwhile), the young generation is looked at, and if it is
 * more than `fullness` used, it is scavenged then. A server that is never idle (a client sending
 * the next change as soon as it has the diagnostics) is not touched: V8 scavenges as before. Only
 * an edit arms the look: after a burst of opened letters, a scavenge would only move what the
 * last letters left alive into the old generation, and no keystroke is waiting to be spared one.
 *
 * Start-up, too, ends with one full collection while idle (`afterStart`): until V8's first full
 * collection, its old generation's limit is a guess made from the first scavenges (about 8 MB over
 * what was old then), and the server crossed it during the first few hundred keystrokes of its
 * first letter (the bench's 220 edits: about 125 in), where starting the incremental marking cost
 * one keystroke 2-9 ms. Collected once the catalog and its indexes are built (7.2-7.4 MB kept),
 * the limit is set from what the server keeps. One letter opened and typed in for 220 keystrokes
 * brings the old generation to 13 MB (about 22 KB promoted a keystroke), and V8 starts marking
 * when less than a semi-space (4 MB) is left: with the usual growth (30% or 8 MB more,
 * young-generation.ts) marking started at the 216th keystroke, so the server lets that first
 * limit be 2.5 times what start-up keeps (`fullCollection` in main.ts): marking at the 441st.
 * Later limits follow the usual growth. (Three times measured 2-3 MB more RSS after 200 letters
 * opened, in the bench; 2.5 times, within its noise of 1 MB.)
 *
 * V8's `gc` function is not exposed to scripts unless node runs with --expose-gc, which editors do
 * not pass (they start the server as `node FILE`); the flag is read when a context is made, so it
 * is set at run time, a context is made to take the function from, and the flag is set back.
 */
import * as v8 from 'v8';
import * as vm from 'vm';

/**
 * V8's collection function: with `{ type: 'minor' }` it scavenges the young generation only,
 * without options it collects the whole heap (Node 20's V8 scavenges for any options object,
 * `{ type: 'major' }` included).
 */
export type Collect = (options?: { type: 'minor' }) => void;

/** V8's own value of the flag `v8Collect` sets for a moment (server-start.ts sets it back before it makes the code cache). */
export const GC_HIDDEN = '--no-expose-gc';

/** V8's gc function, or undefined if this runtime does not give it. */
export function v8Collect(): Collect | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as Collect) : undefined;
  } catch {
    return undefined;
  } finally {
    v8.setFlagsFromString(GC_HIDDEN);
  }
}

/** How full the young generation is: bytes used, and what one semi-space holds (objects are allocated in one of the two). */
export function youngGenerationUse(): { used: number; capacity: number } {
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return { used: space?.space_used_size ?? 0, capacity: (space?.space_size ?? 0) / 2 };
}

export interface IdleScavenger {
  /** The user edited a document: look at the young generation once the server has been idle for a while. */
  afterEdit(): void;
  /** A check ran: if a look is due (an edit came before), it waits until the server has been idle for a while again. */
  afterWork(): void;
  /** Start-up is done (the catalog and its indexes built): one full collection once the server has been idle for a while. */
  afterStart(): void;
  /** Scavenges run while idle (tests count them). */
  readonly scavenges: number;
  /** Full collections run while idle (tests count them). */
  readonly fullCollections: number;
  /** Times the young generation was looked at (tests count them). */
  readonly looks: number;
}

export interface IdleScavengeOptions {
  /** How long without a check counts as idle (ms). */
  idleMs?: number;
  /** Scavenge when more than this fraction of a semi-space is used. */
  fullness?: number;
  collect?: Collect;
  use?: () => { used: number; capacity: number };
  /** Runs the start-up's full collection (given as a function); by default it is simply run. */
  fullCollection?: (collectFully: () => void) => void;
}

/** Typing leaves 100 ms or more between keys; a client waiting on each answer, well under 1 ms. */
export const IDLE_MS = 20;
export const FULLNESS = 0.6;

export function idleScavenger(options: IdleScavengeOptions = {}): IdleScavenger {
  const idleMs = options.idleMs ?? IDLE_MS;
  const fullness = options.fullness ?? FULLNESS;
  // V8's function is taken at the first look, while idle: making the context it comes from takes
  // about 1 ms, which the server's start (the answer to initialize) need not wait for.
  let collect: Collect | undefined | null = 'collect' in options ? options.collect : null;
  const use = options.use ?? youngGenerationUse;
  const fullCollection = options.fullCollection ?? ((collectFully: () => void) => collectFully());
  let timer: NodeJS.Timeout | undefined;
  /** What the next look may do: a full collection (once, after start-up), a scavenge (after an edit), or nothing. */
  let due: 'major' | 'minor' | undefined;
  // One timer, pushed back by each edit and check: it fires only after `idleMs` without one.
  const arm = () => {
    if (timer) timer.refresh();
    else timer = setTimeout(look, idleMs).unref();
  };
  const state = {
    scavenges: 0,
    fullCollections: 0,
    looks: 0,
    afterEdit(): void {
      if (collect === undefined) return;
      due ??= 'minor';
      arm();
    },
    afterWork(): void {
      timer?.refresh();
    },
    afterStart(): void {
      if (collect === undefined) return;
      due = 'major';
      arm();
    },
  };
  function look(): void {
    timer = undefined;
    const what = due;
    due = undefined;
    state.looks++;
    if (what === 'minor') {
      const { used, capacity } = use();
      if (capacity <= 0 || used <= fullness * capacity) return;
    }
    let gc = collect;
    if (gc === null) {
      gc = v8Collect();
      // Kept for later scavenges, but not by the start-up's full collection: the function keeps
      // the context it was taken from alive, and a server whose letters are only opened, never
      // edited, needs it this once (taking it again after an edit costs about 1 ms, while idle).
      if (what === 'minor' || gc === undefined) collect = gc;
    }
    if (!gc) return;
    if (what === 'major') {
      const collectFully = gc;
      fullCollection(() => collectFully());
      state.fullCollections++;
    } else {
      gc({ type: 'minor' });
      state.scavenges++;
    }
  }
  return state;
}
