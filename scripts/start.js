#!/usr/bin/env node
// npm start: shows the product on the example letters. First the imr-lint CLI's report on
// examples/ (works everywhere), then the extension itself in a real VS Code: the desktop `code`
// when it is on PATH, otherwise code-server on 127.0.0.1 (installed into .e2e/cs on demand; see
// docs/e2e.md). On a bare Debian machine the Debian packages code-server needs are installed
// first when we are root with apt-get (saying what and why); otherwise the one command to run is
// printed. Ctrl+C stops the editor and leaves no process behind.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');

/** What code-server needs from Debian, and why (scripts/e2e/prereqs.sh --editor installs the same). */
const EDITOR_PACKAGES = {
  'libkrb5-dev': "headers for code-server's native 'kerberos' module",
  ripgrep: "the search tool code-server's installer would otherwise download",
  'g++': "the compiler code-server's native modules build with",
  make: 'runs those builds',
  python3: 'runs node-gyp, which drives those builds',
};

/**
 * Decides how to open the editor. Pure, for the tests.
 * facts: { hasCode, codeServerInstalled, missingPackages: string[], isRoot, hasAptGet, hasSudo, forceCodeServer }
 * returns { action: 'code' | 'serve' | 'install' | 'print', packages?: string[], command?: string }
 */
function plan(facts) {
  if (facts.hasCode && !facts.forceCodeServer) return { action: 'code' };
  if (facts.codeServerInstalled || facts.missingPackages.length === 0) return { action: 'serve' };
  if (facts.isRoot && facts.hasAptGet) return { action: 'install', packages: facts.missingPackages };
  const command = `${facts.isRoot ? '' : 'sudo '}bash scripts/e2e/prereqs.sh --editor`;
  return { action: 'print', packages: facts.missingPackages, command };
}

function which(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    try {
      fs.accessSync(path.join(dir, cmd), fs.constants.X_OK);
      return true;
    } catch {
      // next
    }
  }
  return false;
}

function missingDebianPackages() {
  if (!which('dpkg-query')) return Object.keys(EDITOR_PACKAGES).filter((p) => !which(p === 'libkrb5-dev' ? 'krb5-config' : p === 'ripgrep' ? 'rg' : p));
  return Object.keys(EDITOR_PACKAGES).filter((pkg) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    return !/install ok installed/.test(r.stdout || '');
  });
}

function facts() {
  const codeServerBin = process.env.CODE_SERVER_BIN || path.join(root, '.e2e', 'cs', 'node_modules', '.bin', 'code-server');
  return {
    hasCode: which('code'),
    forceCodeServer: process.env.IMR_START === 'code-server',
    codeServerInstalled: fs.existsSync(codeServerBin),
    missingPackages: missingDebianPackages(),
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasAptGet: which('apt-get'),
  };
}

function openEditor() {
  const decision = plan(facts());
  if (decision.action === 'print') {
    console.log('\nTo open the examples in an editor, this machine needs VS Code (`code`) or code-server, which');
    console.log(`needs these Debian packages: ${decision.packages.map((p) => `${p} (${EDITOR_PACKAGES[p]})`).join(', ')}.`);
    console.log(`Run this once, then \`npm start\` again:\n\n    ${decision.command}\n`);
    return 1;
  }
  if (decision.action === 'install') {
    console.log('\nNo `code` on PATH: opening the examples in code-server (VS Code in the browser), which needs');
    console.log('these Debian packages; installing them with apt-get (as root):');
    for (const p of decision.packages) console.log(`  - ${p}: ${EDITOR_PACKAGES[p]}`);
    const r = spawnSync('bash', [path.join(__dirname, 'e2e', 'prereqs.sh'), '--editor'], { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error('Installing them failed (see above); run `bash scripts/e2e/prereqs.sh --editor` as root, then `npm start`.');
      return 1;
    }
  }
  console.log('\nOpening the examples in VS Code with the extension (Ctrl+C to stop) ...\n');
  // The editor helper handles Ctrl+C itself (it stops its process group); wait for it here.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => undefined);
  const editor = spawnSync(process.execPath, [path.join(__dirname, 'e2e', 'serve.js'), path.join(root, 'examples')], { stdio: 'inherit' });
  return editor.status ?? 0;
}

function main() {
  const { main: cli } = require(path.join(root, 'dist', 'cli.js'));
  process.chdir(root);
  console.log('imr-lint on examples/ (clean-letter.imr and plain-letter.txt are correct; the others show the checks):\n');
  cli(['examples']);
  if (process.env.IMR_START === 'cli') return 0;
  return openEditor();
}

if (require.main === module) process.exit(main());
module.exports = { plan, EDITOR_PACKAGES };
