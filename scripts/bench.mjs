#!/usr/bin/env node
// npm run bench: imr-lint's speed against a peer measured in the same run (never in tests).
//  1. Throughput of the CLI path (directory scan, read, parse, check, JSON output) over at
//     least 1,000 unique letters, against markdownlint (default rules) on the same files.
//  2. Per-document parse+check time (p50/p99) on 15 KB letters, as on a keystroke.
// Letters come from $IMR_CORPUS_DIR or ../shared/letters (varied so that no two are the same),
// else from examples/.
import { createRequire } from 'module';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { fileURLToPath } from 'url';
import { lint as markdownlint } from 'markdownlint/sync';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { main } = require(path.join(root, 'dist', 'cli.js'));
const { getLanguageService } = require(path.join(root, 'out', 'server', 'src', 'service'));

const LETTERS = 1000;
const corpus = [process.env.IMR_CORPUS_DIR && path.join(process.env.IMR_CORPUS_DIR, 'letters'), path.resolve(root, '..', 'shared', 'letters')].find(
  (d) => d && fs.existsSync(d),
);
const sourceDir = corpus ?? path.join(root, 'examples');
const sources = fs
  .readdirSync(sourceDir)
  .filter((f) => /\.(txt|imr)$/.test(f))
  .sort()
  .map((f) => fs.readFileSync(path.join(sourceDir, f), 'utf8'));

/** Variant k of a letter: its own case number and dates shifted, so no two files are equal. */
function vary(text, k) {
  const day = String((k % 28) + 1).padStart(2, '0');
  return text
    .replace(/CM\d\d-\d{7}/, `CM98-${String(k).padStart(7, '0')}`)
    .replace(/(\d\d)\/\d\d\/(\d{4})/g, `$1/${day}/$2`)
    .replace(/\binjured worker\b/, k % 2 ? 'injured employee' : 'injured worker');
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-bench-'));
const files = [];
let bytes = 0;
for (let k = 0; k < Math.max(LETTERS, sources.length); k++) {
  const text = vary(sources[k % sources.length], k);
  const file = path.join(tmp, `letter-${String(k).padStart(4, '0')}.imr`);
  fs.writeFileSync(file, text);
  files.push(file);
  bytes += Buffer.byteLength(text);
}
const unique = new Set(files.map((f) => fs.readFileSync(f, 'utf8'))).size;

function best(runs, f) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    f();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return Math.min(...times);
}

let cliProblems = 0;
const oursMs = best(5, () => {
  // The CLI streams its JSON output in pieces (one file at a time).
  const out = [];
  main(
    ['--format', 'json', tmp],
    (s) => out.push(s),
    () => undefined,
  );
  cliProblems = JSON.parse(out.join('\n')).reduce((n, f) => n + f.diagnostics.length, 0);
});
const peerMs = best(5, () => markdownlint({ files }));
const mb = bytes / (1024 * 1024);
const ours = mb / (oursMs / 1000);
const peer = mb / (peerMs / 1000);

// Per-document time on 15 KB letters: a real letter whose items are repeated up to 15 KB.
const service = getLanguageService();
const long = sources.slice(0, 50).map((text, i) => {
  const at = text.indexOf('The Final Determination was based on');
  let letter = text;
  const items = at >= 0 ? text.slice(text.indexOf('\n', at)) : text;
  while (letter.length < 15 * 1024) letter += items;
  return vary(letter, i);
});
// A server checks the same letters over and over: the first rounds (JIT compilation of every
// path) are warm-up and are not counted.
const WARM_UP_ROUNDS = 10;
const ROUNDS = 60;
const samples = [];
let version = 0;
for (let round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
  for (const text of long) {
    const doc = { uri: 'bench://long', version: ++version, getText: () => text };
    const t0 = process.hrtime.bigint();
    service.validate(doc);
    if (round >= WARM_UP_ROUNDS) samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
}
samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))];
const avgKb = long.reduce((n, t) => n + t.length, 0) / long.length / 1024;

fs.rmSync(tmp, { recursive: true, force: true });

const report = [
  `letters: ${files.length} files (${unique} unique), ${mb.toFixed(2)} MB, from ${corpus ? 'the corpus' : 'examples/'}; ${cliProblems} problems found`,
  `imr-lint CLI path:        ${ours.toFixed(1)} MB/s (${oursMs.toFixed(0)} ms, best of 5)`,
  `markdownlint (defaults):  ${peer.toFixed(1)} MB/s (${peerMs.toFixed(0)} ms, best of 5)`,
  `ratio imr-lint/markdownlint: ${(ours / peer).toFixed(1)}x (target >= 10x)`,
  `parse+check on ${avgKb.toFixed(1)} KB letters (${samples.length} runs after ${WARM_UP_ROUNDS * long.length} warm-up runs): p50 ${pct(50).toFixed(3)} ms, p99 ${pct(99).toFixed(3)} ms (target p99 < 2 ms)`,
];
console.log(report.join('\n'));

// 3. Standard quotations: a letter with 20 quotation-sized rationale paragraphs (each quoting a
//    library entry with one word changed), checked in full, and the quotation matcher alone.
{
  const quoteService = getLanguageService();
  const index = quoteService.catalog.quotations();
  const PARAGRAPHS = 20;
  const quotes = index.quotations.filter((q) => q.text.split(' ').length >= 20);
  const rationales = [];
  const items = [];
  for (let i = 0; i < PARAGRAPHS; i++) {
    const q = quotes[i % quotes.length];
    const words = q.text.split(' ');
    words[Math.floor(words.length / 2)] = 'changed';
    const rationale = `The guidelines state: "${words.join(' ')}" In this case the records show no functional improvement. The request is not medically necessary.`;
    rationales.push(rationale);
    items.push(
      `Treatment ${i + 1}: Upheld\n\nClaims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.\n\nMAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment.\n\nDecision rationale: ${rationale.replace(/(.{1,95})(\s|$)/g, '$1\n').trimEnd()}\n`,
    );
  }
  const letter = `HOW THE IMR FINAL DETERMINATION WAS MADE\nAn expert reviewer reviewed the file.\n\nCLINICAL CASE SUMMARY\nA worker was injured.\n\nIMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n\n${items.join('\n')}`;
  const words = rationales.reduce((n, r) => n + r.split(/\s+/).length, 0);
  const full = [];
  const matcher = [];
  let v = 0;
  let found = 0;
  for (let round = 0; round < 250; round++) {
    const doc = { uri: 'bench://quotations', version: ++v, getText: () => letter };
    const t0 = process.hrtime.bigint();
    const problems = quoteService.validate(doc);
    if (round < 50) continue; // warm-up
    full.push(Number(process.hrtime.bigint() - t0) / 1e6);
    found = problems.filter((p) => /^IMR03[0-2]$/.test(p.ruleId)).length;
    const t1 = process.hrtime.bigint();
    // The matcher on texts it has not seen whole (a new last sentence each round), as after a keystroke.
    for (const r of rationales) index.find(`${r} Round ${round} of the bench.`);
    matcher.push(Number(process.hrtime.bigint() - t1) / 1e6);
  }
  const q = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))];
  console.log(
    [
      `quotations: ${index.quotations.length} in the library (${index.variants.length} forms); a letter of ${PARAGRAPHS} quotation paragraphs (${Math.round(words / PARAGRAPHS)} words each, ${(letter.length / 1024).toFixed(1)} KB), ${found} misquotations found`,
      `  whole letter parse+check (${full.length} runs): p50 ${q(full, 50).toFixed(3)} ms, p99 ${q(full, 99).toFixed(3)} ms = p50 ${(q(full, 50) / PARAGRAPHS).toFixed(4)} ms per paragraph (target well under 1 ms)`,
      `  quotation matcher alone (each text new, its other sentences remembered): p50 ${(q(matcher, 50) / PARAGRAPHS).toFixed(4)} ms, p99 ${(q(matcher, 99) / PARAGRAPHS).toFixed(4)} ms per paragraph`,
    ].join('\n'),
  );
}

// 4. What users see: ../shared/tools/bench measures the CLI and the server over stdio against
//    its peers in the same run (batch, LSP latency, 5 MB, scaling, start-up). Run when present;
//    BENCH_ARGS passes options through (e.g. BENCH_ARGS="--quick" or "--reps 5").
{
  const { spawnSync } = await import('child_process');
  const shared = [process.env.IMR_CORPUS_DIR, path.resolve(root, '..', 'shared')].find((d) => d && fs.existsSync(path.join(d, 'tools', 'bench')));
  if (!shared || process.env.IMR_BENCH_SHARED === '0') {
    console.log(`shared bench: not run (${shared ? 'IMR_BENCH_SHARED=0' : 'no ../shared/tools/bench beside the repo'})`);
  } else {
    const args = (process.env.BENCH_ARGS ?? '').split(/\s+/).filter(Boolean);
    console.log(`shared bench: ${path.join(shared, 'tools', 'bench')} ${[root, ...args].join(' ')}`);
    const run = spawnSync(path.join(shared, 'tools', 'bench'), [root, ...args], { stdio: 'inherit' });
    if (run.status !== 0) process.exitCode = run.status ?? 1;
  }
}
