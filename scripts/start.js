#!/usr/bin/env node
// npm start: shows the product on the example letters. Until the editor launcher lands, it
// runs the imr-lint CLI on examples/ (the defective example shows every structural rule).
'use strict';
const path = require('path');
const root = path.resolve(__dirname, '..');
const { main } = require(path.join(root, 'dist', 'cli.js'));
process.chdir(root);
console.log('imr-lint on examples/ (clean-letter.imr is correct; defective-letter.imr has one problem per rule family):\n');
const code = main(['examples']);
console.log(`\nExit status ${code} (0: no errors, 1: errors found). Open the folder in VS Code with the extension installed to see the same problems as you type.`);
