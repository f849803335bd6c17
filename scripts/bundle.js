#!/usr/bin/env node
// Bundles the client, the server and the CLI for the shipped extension (dist/).
'use strict';
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
esbuild
  .build({
    entryPoints: {
      extension: path.join(root, 'client/src/extension.ts'),
      server: path.join(root, 'server/src/main.ts'),
      cli: path.join(root, 'server/src/cli.ts'),
      // The CLI's worker threads (server/src/cli/parallel.ts finds it beside dist/cli.js).
      'cli-worker': path.join(root, 'server/src/cli/worker.ts'),
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    outdir: path.join(root, 'dist'),
    sourcemap: true,
    logLevel: 'warning',
  })
  .catch(() => process.exit(1));
