/**
 * The server's compiler budgets (server/src/compiler-budget.ts, issue 11): set at run time, they
 * change what V8's optimising compiler inlines and when it optimises. Checked in child processes
 * (the flags are process-wide) by V8's own trace of its inlining decisions and by the number of
 * calls before a function is optimised (compiled on the main thread, so the count is exact),
 * never by timing.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { inliningFlag, interruptFlag, SERVER_INLINING_BUDGET, SERVER_INTERRUPT_BUDGET } from '../../server/src/compiler-budget';

const moduleFile = path.resolve(__dirname, '..', '..', 'server', 'src', 'compiler-budget.js');

/** How many times V8 inlines a medium-sized function (too big to be always inlined) into its caller, under `budget` (undefined: V8's default). */
function inlinedCalls(budget: number | undefined): number {
  const script = `
    const b = require(${JSON.stringify(moduleFile)});
    if (${budget === undefined ? 'false' : 'true'}) b.limitInlining(${budget ?? 0});
    function mid(a, c) { let x = a; if (c > 3) x += c * 2; else x -= c; if (x > 100) x = x % 97; if (a === c) x += 1; x = x * 3 + (c & 7); if (x < 0) x = -x; return x + (a | 1) + (c >> 1); }
    function sum(n) { let s = 0; for (let i = 0; i < n; i++) s = mid(s, i) + mid(i, s); return s; }
    %PrepareFunctionForOptimization(sum); sum(10); sum(10); %OptimizeFunctionOnNextCall(sum); sum(10);`;
  const trace = execFileSync(process.execPath, ['--allow-natives-syntax', '--trace-turbo-inlining', '-e', script], { encoding: 'utf8' });
  return trace.split('\n').filter((line) => /^Inlining .*SharedFunctionInfo mid>.* into /.test(line)).length;
}

/** How many calls of a small function with a loop run before V8 optimises it, under `budget` bytes of interrupt budget. */
function callsBeforeOptimized(budget: number): number {
  const script = `
    const b = require(${JSON.stringify(moduleFile)});
    b.delayOptimization(${budget});
    function f(a) { let s = 0; for (let k = 0; k < 20; k++) s += (a * k) % 7; return s; }
    let i = 0;
    for (; i < 1e6; i++) { f(i); if (%GetOptimizationStatus(f) & 16) break; }
    process.stdout.write(String(i));`;
  // Maglev (on by default in later V8s) has a tier-up budget of its own: only TurboFan is counted.
  return Number(execFileSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--no-maglev', '-e', script], { encoding: 'utf8' }));
}

describe('compiler budgets (decisions and counts, not timings)', () => {
  it('names the V8 flags, with an inlining budget below V8 default of 920 bytes', () => {
    assert.strictEqual(inliningFlag(230), '--max-inlined-bytecode-size-cumulative=230');
    assert.strictEqual(interruptFlag(135168), '--interrupt-budget=135168');
    assert.ok(SERVER_INLINING_BUDGET > 0 && SERVER_INLINING_BUDGET < 920);
  });

  it('the inlining budget takes effect when set at run time', () => {
    assert.strictEqual(inlinedCalls(undefined), 2, 'V8 inlines the function at both calls by default');
    assert.strictEqual(inlinedCalls(0), 0, 'with no budget, it inlines it nowhere');
    assert.ok(inlinedCalls(SERVER_INLINING_BUDGET) <= 2);
  });

  it('the interrupt budget takes effect when set at run time: twice the budget, about twice the calls before optimising', () => {
    // Against half the server's budget rather than V8's default, which differs between V8 versions.
    const half = callsBeforeOptimized(SERVER_INTERRUPT_BUDGET / 2);
    const full = callsBeforeOptimized(SERVER_INTERRUPT_BUDGET);
    assert.ok(half > 0 && half < 1e6, `optimised after ${half} calls`);
    assert.ok(full > 1.5 * half && full < 1e6, `${full} calls against ${half}`);
  });
});
