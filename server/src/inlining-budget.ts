/**
 * A smaller inlining budget for V8's optimising compiler in the language server (issue 11:
 * opening many letters).
 *
 * TurboFan inlines callees into a function it optimises up to a cumulative bytecode size
 * (`--max-inlined-bytecode-size-cumulative`, 920 bytes by default). The server's code is mostly
 * cold or lukewarm: a burst of opens, or the first edits of a letter, optimises hundreds of
 * functions and re-optimises many of them after a deoptimisation. With the full budget, V8's
 * helper threads spent as much CPU compiling as the main thread spent checking, on a machine of
 * 2 cores, and their malloc arenas kept about 3 MB each afterwards. A quarter of the budget keeps
 * the small helpers inlined (the warm speed stays the same, measured in-process) while each
 * compilation is far smaller. The flag is read at each compilation, so it can be set at run time
 * (editors start the server as `node FILE`: no node option can be given).
 * Measured figures: docs/performance-server.md ("The optimising compiler's budget").
 */
import * as v8 from 'v8';

/** The server's budget, in bytes of bytecode inlined into one optimised function (V8's default: 920). */
export const SERVER_INLINING_BUDGET = 230;

/** The V8 flag that sets the budget. */
export function inliningFlag(bytes: number): string {
  return `--max-inlined-bytecode-size-cumulative=${Math.max(0, Math.round(bytes))}`;
}

/** Sets the optimising compiler's inlining budget for the rest of the process. */
export function limitInlining(bytes: number = SERVER_INLINING_BUDGET): void {
  v8.setFlagsFromString(inliningFlag(bytes));
}
