#!/usr/bin/env node
'use strict';
const path = require('path');
const fs = require('fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('imr-lint: the CLI is not built yet: run "npm run build" in ' + path.dirname(__dirname) + '\n');
  process.exit(2);
}
// dist/cli-start.js loads dist/cli.js through V8's code cache (server/src/cli/start.ts); an older
// build without it runs dist/cli.js directly. Many files are checked in worker threads
// (dist/cli-worker.js); the exit status is set when the run ends.
const start = path.join(__dirname, '..', 'dist', 'cli-start.js');
if (fs.existsSync(start)) require(start).start(process.argv.slice(2));
else require(cli).cliEntry(process.argv.slice(2));
