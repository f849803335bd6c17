#!/usr/bin/env node
'use strict';
// Opens the built extension on a folder (default examples/) in a real VS Code, for `npm start`:
//  - desktop VS Code (`code --extensionDevelopmentPath=<repo> <folder>`) when a `code` binary is on PATH
//    (IMR_START=code-server forces the other branch);
//  - otherwise code-server 4.100.3 (installed on demand into .e2e/cs) on 127.0.0.1 with the packaged
//    extension installed, no auth (loopback only), no telemetry, no update checks; prints the URL and
//    runs until Ctrl+C, which stops code-server's whole process group and removes its private home.
// Usage: node scripts/e2e/serve.js [folder]   (after `npm run build`). Port: IMR_PORT (default 8080, else free).
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const lib = require('./lib');

const root = lib.ROOT;
const folder = path.resolve(process.argv[2] || path.join(root, 'examples'));

async function main() {
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
    console.error('dist/extension.js missing: run `npm run build` first (npm start does).');
    return 1;
  }
  if (process.env.IMR_START !== 'code-server' && lib.which('code')) {
    console.log(`Opening ${folder} in VS Code with the extension from ${root} ...`);
    const r = spawnSync('code', [`--extensionDevelopmentPath=${root}`, folder], { stdio: 'inherit' });
    return r.status ?? 1;
  }
  if (!fs.existsSync(lib.codeServerBin())) {
    console.log(`No \`code\` on PATH: using code-server ${lib.CODE_SERVER_VERSION}, installing it into .e2e/cs first (about a minute).`);
    spawnSync('bash', [path.join(__dirname, 'prereqs.sh'), '--no-apt', '--editor'], { stdio: 'inherit' });
  }
  if (!fs.existsSync(lib.codeServerBin())) {
    console.error(`code-server is not available. ${lib.PREREQS_HINT}, or install VS Code (\`code\`).`);
    return 1;
  }
  const state = {};
  const cleanup = lib.makeCleanup(state);
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      console.log('\nStopping code-server ...');
      cleanup().finally(() => process.exit(0));
    });
  }
  const { dirs, env } = lib.makePrivateHome('imr-start-');
  state.dirs = dirs;
  lib.writeUserSettings(dirs);

  // Install the packaged extension, exactly what a user gets from the .vsix.
  const vsix = path.join(dirs.tmp, 'imr-lint.vsix');
  let r = lib.vscePackage(vsix, dirs.tmp);
  if (r.status !== 0) {
    console.error(`vsce package failed:\n${r.stdout}${r.stderr}`);
    await cleanup();
    return 1;
  }
  r = lib.codeServerSync(['--install-extension', vsix], { dirs, env });
  if (r.status !== 0) {
    console.error(`installing the extension failed:\n${r.stdout}${r.stderr}`);
    await cleanup();
    return 1;
  }

  const port = await lib.freePort(Number(process.env.IMR_PORT) || 8080);
  const server = await lib.startCodeServer({ dirs, env, folder, port });
  state.cs = server.cs;
  console.log(`\nIMR Lint in code-server ${lib.CODE_SERVER_VERSION} (VS Code 1.100.3), folder ${folder}:`);
  console.log(`\n    ${server.base}/?folder=${encodeURI(folder)}\n`);
  console.log('Open the URL in a browser on this machine (or forward the port). Press Ctrl+C to stop.');
  const { code, signal } = await server.exited;
  if (!stopping) {
    console.error(`code-server stopped (${code ?? signal}); log:\n${lib.tail(server.logFile)}`);
    await cleanup();
    return 1;
  }
  await cleanup(); // the shared promise of the signal handler: wait until the private home is gone
  return 0;
}

main().then(
  (c) => {
    if (c !== undefined) process.exit(c);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
