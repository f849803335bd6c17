#!/usr/bin/env node
// npm start: shows the product on the example letters. First the imr-lint CLI's report on
// examples/ (works everywhere), then the extension itself in a real VS Code: the desktop `code`
// when it is on PATH, otherwise code-server on 127.0.0.1 (installed on demand; see docs/e2e.md).
// Ctrl+C stops the editor and leaves no process behind.
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const { main } = require(path.join(root, 'dist', 'cli.js'));
process.chdir(root);
console.log('imr-lint on examples/ (clean-letter.imr and plain-letter.txt are correct; the others show the checks):\n');
main(['examples']);
if (process.env.IMR_START === 'cli') process.exit(0);

console.log('\nOpening the examples in VS Code with the extension (Ctrl+C to stop) ...\n');
// The editor helper handles Ctrl+C itself (it stops its process group); wait for it here.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => undefined);
const editor = spawnSync(process.execPath, [path.join(__dirname, 'e2e', 'serve.js'), path.join(root, 'examples')], { stdio: 'inherit' });
process.exit(editor.status ?? 0);
