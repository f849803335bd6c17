#!/usr/bin/env node
// Runs the unit, fixture, corpus, grammar and protocol tests (everything but the
// real-editor suite) from the compiled output and prints the summary line CI reads last.
'use strict';
const path = require('path');
const fs = require('fs');
const Mocha = require('mocha');

const root = path.resolve(__dirname, '..');
const testRoot = path.join(root, 'out', 'test');

function collect(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'e2e') found.push(...collect(full));
    } else if (entry.name.endsWith('.test.js')) {
      found.push(full);
    }
  }
  return found.sort();
}

if (!fs.existsSync(testRoot)) {
  console.error('No compiled tests in out/test: run "npm run build" first (npm test does).');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// The CLIs the tests spawn (bin/imr-lint.js) write no code cache into the user's cache folder
// (server/src/cli/start.ts); test/unit/cli-start.test.ts tests the cache in a temporary folder.
if (process.env.IMR_LINT_CACHE_DIR === undefined) process.env.IMR_LINT_CACHE_DIR = 'off';

const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20000, reporter: 'spec' });
const grep = process.env.TEST_GREP;
if (grep) mocha.grep(grep);
for (const file of collect(testRoot)) mocha.addFile(file);

let passed = 0,
  failed = 0,
  skipped = 0;
const runner = mocha.run((failures) => {
  process.exitCode = failures > 0 || failed > 0 ? 1 : 0;
  // Printed after mocha's own epilogue so that it is the last line.
  setImmediate(() => console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`));
});
runner.on('pass', () => passed++);
runner.on('fail', () => failed++);
runner.on('pending', () => skipped++);
