#!/usr/bin/env node
// How fast a run could be if V8 had nothing left to warm up: a lower bound for the batch and the
// opening of 200 letters (issue 11), measured in-process (never in tests; `npm run build` first).
//   node scripts/target-bound.js [--letters DIR] [--batch 2000] [--docs 200] [--rounds 3] [--profile]
// Each workload runs in a process of its own, with the compiler budgets the CLI and the server set:
// - node: an empty script, spawn to exit (min of 5): what every run pays before any code of ours.
// - batch: N letters made as ../shared/tools/bench makes its batch (each copy unique by serial
//   sentences), checked as the CLI checks them (a one-shot service): once with cold code, then
//   ROUNDS times over new copies of the same letters (new serials: the code is warm and the caches
//   answer the boilerplate, as on the bench's later copies), the minimum kept.
// - open: the bench's 200 ~15 KB letters, checked as the server checks them (a service that
//   reuses items), cold, then ROUNDS times over new copies.
// The warm passes leave out reading the files, writing the output, loading the bundle and V8's
// warm-up: a whole run takes longer. So the batch's whole process cannot beat node's start plus
// the warm pass, nor can the opening of the letters beat the warm pass.
// --profile: CPU profiles (100 us) of the cold pass and one warm pass of each workload (--rounds
// is then ignored), and the functions whose self time differs most between them (the cold pass's
// extra time: code not yet optimised, and the text met for the first time). The profiler slows
// both passes.
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');
const { loadLetters, benchLetters } = require('./bench-letters');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rounds = Math.max(1, Number(option('--rounds', '3')));
const batchSize = Number(option('--batch', '2000'));
const docCount = Number(option('--docs', '200'));
const letterDir = option('--letters', undefined);
const profiling = args.includes('--profile');
// MB as the bench counts them (10^6 bytes).
const megabytes = (list) => list.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/** Runs `work` under the CPU profiler (an inspector session of this thread): ms of self time per function. */
function profiled(session, work) {
  let self;
  session.post('Profiler.start');
  work();
  session.post('Profiler.stop', (error, result) => {
    if (error) throw error;
    const { nodes, samples, timeDeltas } = result.profile;
    const byId = new Map(nodes.map((n) => [n.id, n.callFrame]));
    self = new Map();
    samples.forEach((id, k) => {
      const frame = byId.get(id);
      // (A regular expression is named by its source: the first 60 characters of it are kept.)
      const name = frame.functionName || '(anonymous)';
      const key = name.startsWith('RegExp: ')
        ? name.length > 68
          ? `${name.slice(0, 68)}...`
          : name
        : `${name} ${path.basename(frame.url)}:${frame.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (timeDeltas[k] ?? 0) / 1000);
    });
  });
  // An inspector session of the same thread answers at once, before `post` returns.
  if (!self) throw new Error('target-bound: the profiler did not answer');
  return self;
}

/** The functions whose self time (ms) is most above in `cold` than in `warm`: [name, cold, warm]. */
function coldest(cold, warm, count = 25) {
  return [...cold]
    .map(([name, c]) => [name, c, warm.get(name) ?? 0])
    .sort((a, b) => b[1] - b[2] - (a[1] - a[2]))
    .slice(0, count);
}

/** One workload, in this process: the cold pass and the warm passes (ms) and the size checked (MB). */
function measure(workload) {
  require(path.join(root, 'out', 'server', 'src', 'compiler-budget')).setCompilerBudgets();
  const { getLanguageService } = require(path.join(root, 'out', 'server', 'src', 'service'));
  const letters = loadLetters(letterDir);
  const { unique, benchLetter } = benchLetters(letters);
  // The bench's batch: copy k of letter k % L, named after its letter and k, so that the CLI
  // (which checks a folder in the order of the names) checks the copies of a letter one after another.
  const batchOrder = Array.from({ length: batchSize }, (_, k) => ({ letter: k % letters.length, k })).sort((a, b) => a.letter - b.letter || a.k - b.k);
  // Serials of each pass: far apart, so that no two passes share a copy.
  const texts = (pass) =>
    workload === 'batch'
      ? batchOrder.map(({ letter, k }) => unique(letters[letter], pass * 1e7 + k))
      : Array.from({ length: docCount }, (_, i) => benchLetter(i, pass * 1e7 + i));
  const check = (list, pass) => {
    // The CLI's service checks each file once; the server's reuses items across versions.
    const service = getLanguageService(workload === 'batch' ? { itemReuse: false } : {});
    const t0 = process.hrtime.bigint();
    list.forEach((text, i) => service.validate({ uri: `file:///bound/${pass}/${i}.imr`, version: 1, getText: () => text }));
    return ms(t0);
  };
  const first = texts(1);
  const warm = [];
  if (profiling) {
    const session = new (require('inspector').Session)();
    session.connect();
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 100 });
    let cold = 0;
    const second = texts(2);
    const coldSelf = profiled(session, () => (cold = check(first, 1)));
    const warmSelf = profiled(session, () => warm.push(check(second, 2)));
    return { cold, warm, mb: megabytes(first), count: first.length, profile: coldest(coldSelf, warmSelf) };
  }
  const cold = check(first, 1);
  for (let r = 0; r < rounds; r++) warm.push(check(texts(r + 2), r + 2));
  return { cold, warm, mb: megabytes(first), count: first.length };
}

function child(workload) {
  const run = spawnSync(process.execPath, [__filename, ...args, '--workload', workload], { encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    throw new Error(`target-bound: the ${workload} workload failed (exit ${run.status})`);
  }
  return JSON.parse(run.stdout);
}

const fs = require('fs');
if (!fs.existsSync(path.join(root, 'out', 'server', 'src', 'service'))) {
  console.error('target-bound: no build in out/: run `npm run build` first');
  process.exit(2);
}
if (letterDir !== undefined && !fs.existsSync(letterDir)) {
  console.error(`target-bound: no folder ${letterDir} (--letters DIR: a folder of .txt or .imr letters)`);
  process.exit(2);
}

const workload = option('--workload', undefined);
if (workload) {
  process.stdout.write(JSON.stringify(measure(workload)));
} else {
  const starts = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    starts.push(ms(t0));
  }
  const nodeStart = Math.min(...starts);
  console.log(`node, an empty script: ${nodeStart.toFixed(0)} ms (min of 5)`);
  const fixed = (x) => x.toFixed(0);
  for (const name of ['batch', 'open']) {
    const r = child(name);
    const best = Math.min(...r.warm);
    const what = name === 'batch' ? `batch, ${r.count} letters as the CLI checks them` : `open, ${r.count} ~15 KB letters as the server checks them`;
    console.log(`${what} (${r.mb.toFixed(2)} MB): cold ${fixed(r.cold)} ms; warm, new copies ${r.warm.map(fixed).join(', ')} ms`);
    if (name === 'batch') {
      const bound = nodeStart + best;
      console.log(`  a whole run takes at least ${fixed(bound)} ms (node's start + the best warm pass) = at most ${(r.mb / (bound / 1000)).toFixed(1)} MB/s`);
    } else console.log(`  opening them takes the server at least ${fixed(best)} ms (the best warm pass)`);
    if (r.profile) {
      console.log('  under the profiler; self time in ms, cold pass, warm pass, and the difference:');
      for (const [name, cold, warm] of r.profile)
        console.log(`  ${cold.toFixed(1).padStart(8)} ${warm.toFixed(1).padStart(8)} ${(cold - warm).toFixed(1).padStart(8)}  ${name}`);
    }
  }
}
