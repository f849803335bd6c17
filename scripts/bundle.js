#!/usr/bin/env node
// Bundles the client, the server and the CLI for the shipped extension (dist/).
'use strict';
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');

// The catalog's indexes, made at build time from this build's data (scripts/prebuild-catalog.js),
// replace the stand-in of the sources (catalog/prebuilt-data.ts: nothing prebuilt), in the bundles
// and in the compiled tree (out/, which the tests and in-process tools run).
const catalog = require('./prebuild-catalog');
catalog.writeCompiledModule();
const prebuilt = {
  name: 'prebuilt-catalog',
  setup(build) {
    build.onResolve({ filter: /^\.\/prebuilt-data$/ }, (args) =>
      args.importer.endsWith(path.join('catalog', 'prebuilt.ts')) ? { path: 'prebuilt-data', namespace: 'prebuilt' } : undefined,
    );
    let text;
    build.onLoad({ filter: /.*/, namespace: 'prebuilt' }, () => ({ contents: (text ??= catalog.prebuiltModule()), loader: 'js' }));
  },
};
esbuild
  .build({
    entryPoints: {
      extension: path.join(root, 'client/src/extension.ts'),
      // dist/server.js, what editors run: loads dist/server-main.js through V8's code cache (server/src/server-start.ts).
      server: path.join(root, 'server/src/server-start.ts'),
      'server-main': path.join(root, 'server/src/main.ts'),
      cli: path.join(root, 'server/src/cli.ts'),
      // The CLI's worker threads (server/src/cli/parallel.ts finds it beside dist/cli.js).
      'cli-worker': path.join(root, 'server/src/cli/worker.ts'),
      // bin/imr-lint.js's start: loads dist/cli.js through V8's code cache (server/src/cli/start.ts).
      'cli-start': path.join(root, 'server/src/cli/start.ts'),
      // The worker threads' start: dist/cli.js through the main thread's code cache (server/src/cli/worker-start.ts).
      'cli-worker-start': path.join(root, 'server/src/cli/worker-start.ts'),
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    outdir: path.join(root, 'dist'),
    sourcemap: true,
    logLevel: 'warning',
    plugins: [prebuilt],
  })
  .catch(() => process.exit(1));
