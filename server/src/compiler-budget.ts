/**
 * Budgets of V8's optimising compiler in the language server and the CLI (issue 11: opening many
 * letters, the first edits of a letter, a batch). Both flags are read at each use, so they can be
 * set at run time (editors start the server as `node FILE`: no node option can be given).
 *
 * The server's code is mostly cold or lukewarm: a burst of opens, or the first edits of a letter,
 * optimises hundreds of functions and optimises many again after a deoptimisation. On a machine of
 * 2 cores, V8's helper threads then spent as much CPU compiling as the main thread spent
 * checking, and their malloc arenas kept about 3 MB each afterwards.
 * - The inlining budget: TurboFan inlines callees into a function it optimises up to a cumulative
 *   bytecode size (`--max-inlined-bytecode-size-cumulative`, 920 bytes by default). A quarter of
 *   it keeps the small helpers inlined (warm code as fast, measured in-process) while each
 *   compilation is far smaller.
 * - The interrupt budget: a function is considered for optimisation after it has run this much
 *   bytecode (`--interrupt-budget`, 66 KB in Node 20's V8). Twice as much optimises only what
 *   stays hot a little longer: fewer compilations of code that a burst runs a few times.
 * The CLI's batch is the same kind of code at first (2,000 letters, one thread: 1.52-1.63 s of
 * user CPU with both budgets, 2.11-2.30 s without, 5 runs each).
 * Measured figures: docs/performance-server.md ("Opening many letters"), docs/performance-cli.md.
 */
import * as v8 from 'v8';

/** V8's own budgets (Node 20, V8 11.3): inlining 920 bytes of bytecode, interrupt 67,584. */
const V8_INLINING_BUDGET = 920;
const V8_INTERRUPT_BUDGET = 67584;

/** The server's inlining budget, in bytes of bytecode inlined into one optimised function: a quarter of V8's. */
export const SERVER_INLINING_BUDGET = V8_INLINING_BUDGET / 4;

/**
 * The server's interrupt budget, in bytes of bytecode run before a function is considered for
 * optimisation: twice Node 20's default (later V8s, Node 22's, already use this value).
 */
export const SERVER_INTERRUPT_BUDGET = 2 * V8_INTERRUPT_BUDGET;

/** The V8 flag that sets the inlining budget. */
export function inliningFlag(bytes: number): string {
  return `--max-inlined-bytecode-size-cumulative=${Math.max(0, Math.round(bytes))}`;
}

/** The V8 flag that sets the interrupt budget. */
export function interruptFlag(bytes: number): string {
  return `--interrupt-budget=${Math.max(1024, Math.round(bytes))}`;
}

/** Both budgets at V8's own values (server-start.ts sets them back before it makes the code cache). */
export const COMPILER_BUDGET_DEFAULTS = [inliningFlag(V8_INLINING_BUDGET), interruptFlag(V8_INTERRUPT_BUDGET)];

/** Sets the optimising compiler's inlining budget for the rest of the process. */
export function limitInlining(bytes: number = SERVER_INLINING_BUDGET): void {
  v8.setFlagsFromString(inliningFlag(bytes));
}

/** Sets how much bytecode a function runs before it is considered for optimisation, for the rest of the process. */
export function delayOptimization(bytes: number = SERVER_INTERRUPT_BUDGET): void {
  v8.setFlagsFromString(interruptFlag(bytes));
}

/**
 * Both budgets at once (the server's main.ts, the CLI's start and entry). The CLI sets them before
 * it loads its bundle through V8's code cache: V8 rejects a cache made under other flags.
 */
export function setCompilerBudgets(): void {
  limitInlining();
  delayOptimization();
}
