/**
 * The server's inlining budget (server/src/inlining-budget.ts, issue 11): set at run time, it
 * changes what V8's optimising compiler inlines. Checked in a child process (the flag is
 * process-wide) by V8's own trace of its inlining decisions, never by timing.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { inliningFlag, SERVER_INLINING_BUDGET } from '../../server/src/inlining-budget';

const moduleFile = path.resolve(__dirname, '..', '..', 'server', 'src', 'inlining-budget.js');

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

describe('inlining budget (decisions, not timings)', () => {
  it('names the V8 flag and a budget below V8 default of 920 bytes', () => {
    assert.strictEqual(inliningFlag(230), '--max-inlined-bytecode-size-cumulative=230');
    assert.ok(SERVER_INLINING_BUDGET > 0 && SERVER_INLINING_BUDGET < 920);
  });

  it('takes effect when set at run time', () => {
    assert.strictEqual(inlinedCalls(undefined), 2, 'V8 inlines the function at both calls by default');
    assert.strictEqual(inlinedCalls(0), 0, 'with no budget, it inlines it nowhere');
    assert.ok(inlinedCalls(SERVER_INLINING_BUDGET) <= 2);
  });
});
