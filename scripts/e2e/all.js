#!/usr/bin/env node
'use strict';
// `npm run test:e2e`: the three real-editor parts, one after the other:
//   1. Neovim as a second LSP client, compared with the CLI  (scripts/e2e/nvim-test.js)
//   2. the extension test suite in VS Code via test-electron  (scripts/e2e/run-e2e.js; code-server by default here)
//   3. the UI test: vsix -> code-server -> Problems panel -> screenshot (scripts/e2e/ui-test.js)
// Each part prints `N passed, N failed`; this prints the total last and exits non-zero on any failure.
// Missing prerequisites fail the run with what to install; nothing is skipped. See docs/e2e.md.
const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const lib = require('./lib');

const SUMMARY = /(\d+) passed, (\d+) failed\s*$/;

function runPart(name, script, env) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    console.log(`\n=== ${name} ===`);
    const child = spawn(process.execPath, [path.join(__dirname, script)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let last = '';
    let buf = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop();
      for (const l of lines) if (SUMMARY.test(l)) last = l;
    });
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('close', (code, signal) => {
      process.removeListener('SIGINT', forward);
      process.removeListener('SIGTERM', forward);
      if (SUMMARY.test(buf)) last = buf;
      const m = SUMMARY.exec(last);
      let passed = m ? Number(m[1]) : 0;
      let failed = m ? Number(m[2]) : 0;
      if ((code !== 0 || signal) && failed === 0) failed = 1; // a crash or a non-zero exit is a failure
      if (!m && failed === 0) failed = 1;
      const secs = (Date.now() - t0) / 1000;
      resolve({ name, passed, failed, code, signal, secs });
    });
  });
}

async function main() {
  const env = { ...process.env };
  if (!env.VSCODE_E2E) env.VSCODE_E2E = 'code-server';
  const needCodeServer = env.VSCODE_E2E === 'code-server';

  // Install code-server on demand (pinned, into .e2e/cs) when the Debian packages it needs are there.
  if (needCodeServer && !env.CODE_SERVER_BIN && !fs.existsSync(lib.codeServerBin())) {
    console.log(`code-server ${lib.CODE_SERVER_VERSION} is not installed yet: installing it into .e2e/cs`);
    const r = spawnSync('bash', [path.join(__dirname, 'prereqs.sh'), '--no-apt'], { stdio: 'inherit' });
    if (r.status !== 0) console.error('e2e: could not install code-server (see above)');
  }
  const problems = lib.checkPrereqs({ codeServer: needCodeServer, chromium: needCodeServer, nvim: true });
  if (problems.length) {
    lib.failPrereqs('e2e', problems);
    console.log('e2e: 0 passed, 1 failed');
    return 1;
  }

  const only = (env.E2E_PARTS || 'nvim,extension,ui').split(',').map((s) => s.trim());
  const parts = [
    ['nvim', 'Neovim client vs CLI', 'nvim-test.js'],
    ['extension', `extension tests in VS Code (${env.VSCODE_E2E === 'code-server' ? 'code-server + headless Chromium' : 'desktop'})`, 'run-e2e.js'],
    ['ui', 'UI: vsix in code-server, Problems panel, screenshot', 'ui-test.js'],
  ].filter(([id]) => only.includes(id));
  const results = [];
  for (const [, name, script] of parts) results.push(await runPart(name, script, env));

  console.log('\n=== e2e summary ===');
  for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed (${r.secs.toFixed(1)} s)`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(e);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
