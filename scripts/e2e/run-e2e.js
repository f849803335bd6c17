#!/usr/bin/env node
'use strict';
// Runs the extension test suite (out/test/e2e/index.js, mocha) in a real VS Code through
// @vscode/test-electron's runTests.
//   VSCODE_E2E unset      -> test-electron downloads VS Code 1.100.3 (needs internet; xvfb-run -a on Linux without display)
//   VSCODE_E2E=code-server -> same tests in code-server inside headless Chromium (scripts/e2e/code-server-shim.js)
// `npm run test:e2e` (scripts/e2e/all.js) sets VSCODE_E2E=code-server unless it is already set.
// Prints `N passed, N failed` last; exits non-zero on any failure. See docs/e2e.md.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');
const lib = require('./lib');

const root = lib.ROOT;

async function main() {
  const label = 'extension tests';
  const testsPath = path.join(root, 'out', 'test', 'e2e', 'index');
  const mode = process.env.VSCODE_E2E || 'desktop';
  if (!fs.existsSync(testsPath + '.js')) {
    console.error(`${label}: ${testsPath}.js missing (run \`npm run build\`)`);
    console.log(`${label}: 0 passed, 1 failed`);
    return 1;
  }
  if (mode === 'code-server') {
    const problems = lib.checkPrereqs({ codeServer: true, chromium: true });
    if (problems.length) {
      lib.failPrereqs(label, problems);
      console.log(`${label}: 0 passed, 1 failed`);
      return 1;
    }
  }
  const resultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-e2e-result-'));
  const resultFile = path.join(resultDir, 'result.json');
  const options = {
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: testsPath,
    launchArgs: [path.join(root, 'test', 'e2e', 'fixtures', 'workspace'), '--disable-extensions'],
    extensionTestsEnv: {
      E2E_RESULT_FILE: resultFile,
      IMR_E2E_ROOT: root,
      ...(process.env.E2E_GREP ? { E2E_GREP: process.env.E2E_GREP } : {}),
    },
  };
  if (mode === 'code-server') {
    options.vscodeExecutablePath = path.join(__dirname, 'code-server-shim.js');
    try {
      fs.chmodSync(options.vscodeExecutablePath, 0o755);
    } catch {
      /* read-only checkout: rely on git's mode */
    }
  } else if (process.env.VSCODE_EXECUTABLE) options.vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;

  // test-electron forwards only SIGINT to the editor; turn a SIGTERM (CI timeout) into the same path.
  process.on('SIGTERM', () => (process.listenerCount('SIGINT') ? process.emit('SIGINT', 'SIGINT') : process.exit(143)));

  let exitCode = 0;
  try {
    await runTests(options);
  } catch (e) {
    exitCode = e && Number.isInteger(e.code) && e.code > 0 ? e.code : 1;
    if (!(e && e.name === 'TestRunFailedError') && !(e && /Test run failed/.test(String(e.message)))) {
      console.error(`${label}: ${(e && e.message) || e}`);
    }
  }
  let r = { passes: 0, failures: 1 };
  try {
    r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  } catch {
    console.error(`${label}: no result file from the test run (${mode}); the suite did not run to its end`);
  }
  fs.rmSync(resultDir, { recursive: true, force: true });
  if (r.failures > 0 || r.passes === 0) exitCode = exitCode || 1;
  console.log(`${label}: ${r.passes} passed, ${r.failures} failed`);
  return exitCode;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(e);
    console.log('extension tests: 0 passed, 1 failed');
    process.exit(1);
  },
);
