#!/usr/bin/env node
// The long fuzzing run (issue 13): npm run fuzz -- --runs 100000 [--seed N] [--cli-every N]
// Mutated and generated letters through the whole service, the fixes and the CLI; prints the
// smallest failing case (fast-check shrinks it) or the operation counts, and the time taken.
'use strict';
const path = require('path');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const runs = option('--runs', 10000);
const seed = option('--seed', Date.now() % 2147483647);
const cliEvery = option('--cli-every', 10);
const maxFixes = option('--max-fixes', 5);

const harness = path.resolve(__dirname, '..', 'out', 'test', 'fuzz', 'harness.js');
const { runFuzz } = require(harness);
const started = process.hrtime.bigint();
const batch = 1000;
let done = 0;
const total = { cases: 0, problems: 0, fixesChecked: 0, fixesRefused: 0, fixAllApplied: 0, fixAllRefused: 0, cliRuns: 0, maxLength: 0 };
while (done < runs) {
  const n = Math.min(batch, runs - done);
  // One seed per batch, derived from the run's seed: any failure is replayable with its batch seed.
  const batchSeed = (seed + done) % 2147483647;
  const result = runFuzz(n, batchSeed, { maxFixes, cliEvery });
  for (const k of Object.keys(total)) total[k] = k === 'maxLength' ? Math.max(total[k], result.stats[k]) : total[k] + result.stats[k];
  done += n;
  if (result.failed) {
    console.error(`FAILED in the batch with seed ${batchSeed} (${n} runs):\n${result.report}`);
    console.log(`fuzz: ${done} runs, 1 failed`);
    process.exit(1);
  }
  process.stderr.write(`\r${done}/${runs} cases`);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stderr.write('\n');
console.log(
  `fuzz: ${runs} runs, 0 failed (seed ${seed}, ${seconds.toFixed(1)} s); ${total.problems} problems checked, ${total.fixesChecked} fixes applied and re-checked, fix-all applied ${total.fixAllApplied} times (refused for overlapping edits ${total.fixAllRefused} times), ${total.cliRuns} CLI runs, longest document ${total.maxLength} characters`,
);
