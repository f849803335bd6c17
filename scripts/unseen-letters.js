#!/usr/bin/env node
// What a letter costs when no cache has seen its text (never in tests; `npm run build` first).
//
// The bench's letters are copies (about 20 of each of the 97 letters of ../shared/letters, one
// serial line apart), so the service's caches (line texts, quotation sentences, the parser's
// paragraph readings) answer most of each copy. A folder of different letters gets no such help.
// This script warms the code on half of the letters (ROUNDS rounds, a new service each), then
// checks the other half, never seen, once with a new service, and once more (a new service, but
// the parser's module-level caches now hold them). Each half in a process of its own (the
// parser's module-level caches outlive a service).
//   node scripts/unseen-letters.js [--rounds 12] [--letters DIR]
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rounds = Number(option('--rounds', '12'));
const dir = path.resolve(option('--letters', path.resolve(root, '..', 'shared', 'letters')));
if (!fs.existsSync(dir)) {
  console.error(`unseen-letters: no letters in ${dir} (--letters DIR)`);
  process.exit(2);
}
// The server's compiler budgets (compiler-budget.ts), as the CLI and the server run.
const { setCompilerBudgets } = require(path.join(root, 'out', 'server', 'src', 'compiler-budget'));
setCompilerBudgets();
const { getLanguageService } = require(path.join(root, 'out', 'server', 'src', 'service'));

const texts = fs
  .readdirSync(dir)
  .filter((f) => /\.(txt|imr)$/.test(f))
  .sort()
  .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
const megabytes = (list) => list.reduce((n, t) => n + Buffer.byteLength(t), 0) / (1024 * 1024);

/** Checks `list` with a new one-shot service (as the CLI makes it); the time in ms. */
function checkAll(list, tag) {
  const service = getLanguageService({ itemReuse: false });
  const t0 = process.hrtime.bigint();
  list.forEach((text, i) => service.validate({ uri: `unseen://${tag}/${i}`, version: 1, getText: () => text }));
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const half = option('--half', undefined);
if (half === undefined) {
  for (const h of ['0', '1']) spawnSync(process.execPath, [__filename, ...args, '--half', h], { stdio: 'inherit' });
} else {
  const warm = texts.filter((_, i) => i % 2 !== Number(half));
  const unseen = texts.filter((_, i) => i % 2 === Number(half));
  for (let r = 0; r < rounds; r++) checkAll(warm, `warm-${r}`);
  const first = checkAll(unseen, 'first');
  const again = checkAll(unseen, 'again');
  const mb = megabytes(unseen);
  console.log(
    `${unseen.length} letters (${mb.toFixed(2)} MB) after ${rounds} rounds of ${warm.length} others: never seen ${first.toFixed(1)} ms = ${(mb / (first / 1000)).toFixed(1)} MB/s, ` +
      `${(first / unseen.length).toFixed(2)} ms a letter; again ${again.toFixed(1)} ms = ${(mb / (again / 1000)).toFixed(1)} MB/s`,
  );
}
