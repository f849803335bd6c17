'use strict';
// Shared helpers for the real-editor tests: locating prerequisites, a private home per run,
// starting code-server in its own process group, headless Chromium, and one cleanup path.
// See docs/e2e.md.
const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const http = require('http');
const { spawn, spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const CODE_SERVER_VERSION = '4.100.3';
const DEFAULT_CODE_SERVER_BIN = path.join(ROOT, '.e2e', 'cs', 'node_modules', '.bin', 'code-server');
const PREREQS_HINT =
  'run `bash scripts/e2e/prereqs.sh` as root (apt-get install -y chromium neovim libkrb5-dev ripgrep; code-server@' + CODE_SERVER_VERSION + ' into .e2e/cs)';

const debug = !!process.env.E2E_DEBUG && process.env.E2E_DEBUG !== '0';

function codeServerBin() {
  return process.env.CODE_SERVER_BIN || DEFAULT_CODE_SERVER_BIN;
}

function chromiumBin() {
  if (process.env.CHROMIUM_BIN) return process.env.CHROMIUM_BIN;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (fs.existsSync(p)) return p;
  return '/usr/bin/chromium';
}

function which(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

/** Returns a list of human-readable problems (empty when all is there). */
function checkPrereqs({ codeServer = false, chromium = false, nvim = false } = {}) {
  const problems = [];
  if (codeServer && !fs.existsSync(codeServerBin())) {
    problems.push(`code-server not found at ${codeServerBin()} (set CODE_SERVER_BIN, or install code-server@${CODE_SERVER_VERSION} into .e2e/cs)`);
  }
  if (chromium && !fs.existsSync(chromiumBin())) {
    problems.push(`Chromium not found at ${chromiumBin()} (Debian package "chromium"; or set CHROMIUM_BIN)`);
  }
  if (nvim && !which('nvim')) problems.push('nvim not found on PATH (Debian package "neovim")');
  if (
    !fs.existsSync(path.join(ROOT, 'dist', 'server.js')) ||
    !fs.existsSync(path.join(ROOT, 'dist', 'server-main.js')) ||
    !fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))
  ) {
    problems.push('dist/server.js, dist/server-main.js or dist/extension.js missing (run `npm run build`)');
  }
  return problems;
}

function failPrereqs(part, problems) {
  console.error(`${part}: missing prerequisites:`);
  for (const p of problems) console.error(`  - ${p}`);
  console.error(`  To install them: ${PREREQS_HINT}.`);
}

/** A private temp home so neither code-server nor Chromium writes to ~ or leaves sockets in /tmp. */
function makePrivateHome(prefix = 'vscode-e2e-') {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dirs = {
    tmp,
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    xdgConfig: path.join(tmp, 'xdg-config'),
    xdgCache: path.join(tmp, 'xdg-cache'),
    xdgData: path.join(tmp, 'xdg-data'),
    xdgState: path.join(tmp, 'xdg-state'),
    tmpdir: path.join(tmp, 'tmp'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_CACHE_HOME: dirs.xdgCache,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_STATE_HOME: dirs.xdgState,
    TMPDIR: dirs.tmpdir,
  };
  // Variables meant for the parent runner only.
  delete env.ELECTRON_RUN_AS_NODE;
  return { dirs, env };
}

function writeUserSettings(dirs, extra = {}) {
  const userDir = path.join(dirs.userData, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  const settings = {
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'git.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    ...extra,
  };
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** A free loopback port: `preferred` when it is free, else one the OS picks. */
function freePort(preferred = 0) {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', (e) => (preferred ? freePort(0).then(resolve, reject) : reject(e)));
    srv.listen(preferred, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Runs code-server synchronously for a one-off command (e.g. --install-extension). */
function codeServerSync(args, { dirs, env }) {
  const r = spawnSync(codeServerBin(), ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, ...args], {
    env,
    encoding: 'utf8',
    timeout: 120000,
  });
  return r;
}

/**
 * Starts code-server in its own process group (detached => setsid) on a free loopback port,
 * and waits for /healthz. Returns { cs, port, base, log, exited }.
 */
async function startCodeServer({ dirs, env, folder, port: wanted }) {
  const port = wanted || (await freePort());
  const cfg = path.join(dirs.tmp, 'config.yaml');
  fs.writeFileSync(cfg, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = path.join(dirs.tmp, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');
  const args = [
    '--config',
    cfg,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
  ];
  if (folder) args.push(folder);
  const cs = spawn(codeServerBin(), args, { detached: true, stdio: ['ignore', logFd, logFd], env });
  fs.closeSync(logFd);
  const exited = new Promise((resolve) => cs.on('exit', (code, signal) => resolve({ code, signal })));
  cs.on('error', (e) => console.error(`code-server failed to start: ${e.message}`));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  let done = false;
  exited.then(() => {
    done = true;
  });
  while (!done && Date.now() < deadline) {
    if (await httpOk(`${base}/healthz`)) return { cs, port, base, logFile, exited };
    await new Promise((r) => setTimeout(r, 200));
  }
  const why = done ? 'code-server exited early' : 'code-server did not answer /healthz within 60 s';
  killGroup(cs.pid, 'SIGKILL');
  const err = new Error(`${why}; log tail:\n${tail(logFile)}`);
  throw err;
}

function killGroup(pid, signal) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    /* gone */
  }
}

async function launchChromium(env) {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: chromiumBin(),
    headless: true,
    env,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// Used only while the repository has no .vscodeignore, so a test package never packs .e2e/ (300 MB) or sources.
const FALLBACK_VSCODEIGNORE = [
  '.e2e/**',
  '.ci/**',
  '.git/**',
  '.gitignore',
  '.vscode-test/**',
  'node_modules/**',
  'out/**',
  'client/**',
  'server/**',
  'test/**',
  'scripts/**',
  'bin/**',
  'examples/**',
  'docs/**',
  '!docs/images/**',
  '!docs/rules/**',
  '**/*.map',
  '**/*.ts',
  '**/tsconfig*.json',
  '*.tsbuildinfo',
  '*.vsix',
  'package-lock.json',
].join('\n');

/** `vsce package --no-dependencies` (offline, dist/ is bundled) into `vsix`; returns spawnSync's result. */
function vscePackage(vsix, workDir) {
  const args = [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix];
  if (!fs.existsSync(path.join(ROOT, '.vscodeignore'))) {
    const ignore = path.join(workDir, 'vscodeignore');
    fs.writeFileSync(ignore, FALLBACK_VSCODEIGNORE);
    args.push('--ignoreFile', ignore);
  }
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
}

/** vscode-remote URI for an absolute local path, as the workbench at host:port sees it. */
function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${encodeURI(absPath)}`;
}

/**
 * One shared cleanup for main and signal handlers: close the browser, TERM then KILL code-server's
 * process group, remove the private home (kept with E2E_DEBUG=1).
 */
function makeCleanup(state) {
  let promise = null;
  const cleanup = () => {
    if (promise) return promise;
    state.stopping = true;
    promise = (async () => {
      if (state.browser) {
        try {
          await Promise.race([state.browser.close(), new Promise((r) => setTimeout(r, 5000))]);
        } catch {
          /* ignore */
        }
      }
      if (state.cs) {
        killGroup(state.cs.pid, 'SIGTERM');
        await new Promise((r) => setTimeout(r, 500));
        killGroup(state.cs.pid, 'SIGKILL');
      }
      if (state.dirs) {
        if (debug) console.error(`E2E_DEBUG: kept ${state.dirs.tmp}`);
        else fs.rmSync(state.dirs.tmp, { recursive: true, force: true });
      }
    })();
    return promise;
  };
  process.on('exit', () => {
    if (state.cs) killGroup(state.cs.pid, 'SIGKILL');
  });
  return cleanup;
}

function installSignalHandlers(cleanup) {
  let signalled = false;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (signalled) return;
      signalled = true;
      console.error(`${path.basename(process.argv[1])}: ${sig}, cleaning up`);
      cleanup().finally(() => process.exit(130));
    });
  }
}

module.exports = {
  ROOT,
  CODE_SERVER_VERSION,
  PREREQS_HINT,
  debug,
  codeServerBin,
  chromiumBin,
  which,
  checkPrereqs,
  failPrereqs,
  makePrivateHome,
  writeUserSettings,
  freePort,
  startCodeServer,
  codeServerSync,
  killGroup,
  launchChromium,
  remoteUri,
  vscePackage,
  makeCleanup,
  installSignalHandlers,
  tail,
};
