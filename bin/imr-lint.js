#!/usr/bin/env node
'use strict';
const path = require('path');
const fs = require('fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('imr-lint: the CLI is not built yet: run "npm run build" in ' + path.dirname(__dirname) + '\n');
  process.exit(2);
}
// Many files are checked in worker threads (dist/cli-worker.js); the exit status is set when the run ends.
require(cli).cliEntry(process.argv.slice(2));
