#!/usr/bin/env node
'use strict';
// Stands in for the VS Code executable that @vscode/test-electron's runTests launches
// (vscodeExecutablePath) when VSCODE_E2E=code-server: it runs the same extension tests in
// code-server (VS Code 1.100.3 in the browser) inside headless Chromium, forwards the extension
// host's console, and exits with the code the workbench reports. See docs/e2e.md.
const util = require('util');
const lib = require('./lib');

const CONSOLE_DENY =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore|Found unexpected service worker|Overwriting extension|getaddrinfo ENOTFOUND|\[.*open-vsx|Started local extension host|\[Extension Host\] Started|Extension host .* started)/;
const LEVEL = /^%c\s*(INFO|WARN|ERR|DEBUG|TRACE)\b/;

function parseArgs(argv) {
  const out = { devPaths: [], testsPath: null, folder: null };
  for (const a of argv) {
    if (a.startsWith('--extensionDevelopmentPath=')) out.devPaths.push(a.slice('--extensionDevelopmentPath='.length));
    else if (a.startsWith('--extensionTestsPath=')) out.testsPath = a.slice('--extensionTestsPath='.length);
    else if (a.startsWith('-')) {
      /* Electron / desktop flags: --no-sandbox, --user-data-dir=..., --disable-extensions */
    } else if (!out.folder) out.folder = a;
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.devPaths.length === 0 || !args.testsPath) {
    console.error('code-server-shim: expected --extensionDevelopmentPath= and --extensionTestsPath= (it is meant to be launched by runTests)');
    return 2;
  }
  const problems = lib.checkPrereqs({ codeServer: true, chromium: true });
  if (problems.length) {
    lib.failPrereqs('code-server-shim', problems);
    return 2;
  }

  const state = {};
  const cleanup = lib.makeCleanup(state);
  lib.installSignalHandlers(cleanup);
  const timeoutMs = Number(process.env.E2E_TIMEOUT_MS) || 10 * 60 * 1000;
  const t0 = Date.now();
  const stamp = (what) => {
    if (lib.debug) console.error(`[shim +${((Date.now() - t0) / 1000).toFixed(2)}s] ${what}`);
  };

  let code = 1;
  try {
    const { dirs, env } = lib.makePrivateHome();
    state.dirs = dirs;
    lib.writeUserSettings(dirs);
    const server = await lib.startCodeServer({ dirs, env, folder: args.folder });
    state.cs = server.cs;
    stamp(`code-server healthy on ${server.base}`);

    state.browser = await lib.launchChromium(env);
    stamp('chromium launched');
    const page = await state.browser.newPage();

    // Extension-host console.* calls arrive in the page as console.log('%c INFO', 'color: ...', fmt, ...args).
    let queue = Promise.resolve();
    page.on('console', (msg) => {
      queue = queue.then(async () => {
        let values;
        try {
          values = await Promise.all(msg.args().map((h) => h.jsonValue().catch(() => String(h))));
        } catch {
          values = [msg.text()];
        }
        const head = typeof values[0] === 'string' ? values[0] : '';
        const m = LEVEL.exec(head);
        if (!m) {
          if (lib.debug) console.error(`[page ${msg.type()}] ${msg.text()}`);
          return;
        }
        const text = util.format(...values.slice(2));
        if (!lib.debug && CONSOLE_DENY.test(text)) return;
        if (m[1] === 'INFO' || m[1] === 'DEBUG' || m[1] === 'TRACE') process.stdout.write(text + '\n');
        else process.stderr.write(text + '\n');
      });
    });

    let resolveExit;
    const finished = new Promise((r) => {
      resolveExit = r;
    });
    await page.exposeFunction('codeAutomationExit', (exitCode) => {
      resolveExit({ code: Number(exitCode) || 0 });
    });
    page.on('crash', () => state.stopping || resolveExit({ code: 1, why: 'the Chromium page crashed' }));
    server.exited.then(
      ({ code: c, signal }) => state.stopping || resolveExit({ code: 1, why: `code-server exited (${c ?? signal})\n${lib.tail(server.logFile)}` }),
    );
    const timer = setTimeout(() => resolveExit({ code: 1, why: `timeout after ${timeoutMs} ms (E2E_TIMEOUT_MS)` }), timeoutMs);

    const payload = [
      ['extensionDevelopmentPath', lib.remoteUri(server.port, args.devPaths[0])],
      ['extensionTestsPath', lib.remoteUri(server.port, args.testsPath)],
    ];
    let url = `${server.base}/?`;
    if (args.folder) url += `folder=${encodeURIComponent(args.folder)}&`;
    url += `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    stamp(`open ${url}`);
    await page.goto(url);
    const result = await finished;
    clearTimeout(timer);
    stamp(`workbench reported exit code ${result.code}`);
    if (result.why) console.error(`code-server-shim: ${result.why}`);
    code = result.code;
    await queue; // let the forwarded console drain before exiting
  } catch (e) {
    console.error(`code-server-shim: ${(e && e.stack) || e}`);
    code = 1;
  }
  await cleanup();
  stamp('cleaned up');
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
