#!/usr/bin/env node
'use strict';
// Second real LSP client: headless Neovim (Debian 0.7.2) starts dist/server.js over stdio, opens
// each letter and reports its diagnostics; they must equal the CLI's JSON for the same file
// (count, ranges, codes, messages, severities). Prints `N passed, N failed` last. See docs/e2e.md.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const assert = require('assert');
const lib = require('./lib');

const root = lib.ROOT;
const label = 'neovim';
const SEVERITY = { error: 1, warning: 2, information: 3, info: 3, hint: 4 };

function letters() {
  const files = [];
  for (const name of ['defective-letter.imr', 'clean-letter.imr', 'plain-letter.txt']) {
    const p = path.join(root, 'examples', name);
    if (fs.existsSync(p)) files.push(p);
  }
  const extra = path.join(root, 'test', 'e2e', 'fixtures', 'nvim');
  if (fs.existsSync(extra)) for (const n of fs.readdirSync(extra).sort()) files.push(path.join(extra, n));
  return files;
}

function cliDiagnostics(files) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'imr-lint.js'), '--format', 'json', ...files], { encoding: 'utf8' });
  let parsed;
  try {
    parsed = JSON.parse(r.stdout);
  } catch {
    throw new Error(`the CLI did not print JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  const byFile = new Map();
  for (const entry of parsed) byFile.set(path.resolve(root, entry.file), entry.diagnostics);
  return byFile;
}

function key(d) {
  return `${d.line}:${d.character}-${d.endLine}:${d.endCharacter} ${d.code} ${d.severity} ${d.message}`;
}

/** Neovim's diagnostics use byte columns; the CLI and LSP use UTF-16 code units. */
function utf16Col(lines, line, byteCol) {
  const text = lines[line];
  if (text === undefined) return byteCol;
  return Buffer.from(text, 'utf8').subarray(0, byteCol).toString('utf8').length;
}

function runNvim(file, expectCount, home) {
  const outFile = path.join(home, `result-${path.basename(file)}.json`);
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
    TMPDIR: home,
    IMR_SERVER: path.join(root, 'dist', 'server.js'),
    IMR_FILE: file,
    IMR_OUT: outFile,
    IMR_EXPECT_COUNT: String(expectCount),
  };
  const t0 = Date.now();
  const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${path.join(__dirname, 'nvim-check.lua')}`], {
    env,
    encoding: 'utf8',
    timeout: 60000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = Date.now() - t0;
  let result = null;
  try {
    result = JSON.parse(fs.readFileSync(outFile, 'utf8'));
  } catch {
    /* reported below */
  }
  return { status: r.status, signal: r.signal, stderr: (r.stderr || '').trim(), result, ms };
}

function main() {
  const problems = lib.checkPrereqs({ nvim: true });
  if (!fs.existsSync(path.join(root, 'bin', 'imr-lint.js'))) problems.push('bin/imr-lint.js missing');
  if (problems.length) {
    lib.failPrereqs(label, problems);
    console.log(`${label}: 0 passed, 1 failed`);
    return 1;
  }
  const files = letters();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-nvim-'));
  let passed = 0,
    failed = 0;
  try {
    const cli = cliDiagnostics(files);
    for (const file of files) {
      const rel = path.relative(root, file);
      const name = `Neovim reports the CLI's diagnostics for ${rel}`;
      try {
        const expected = cli.get(file);
        assert.ok(expected, `the CLI printed nothing for ${rel}`);
        const got = runNvim(file, expected.length, home);
        assert.ok(got.result, `nvim wrote no result (exit ${got.status ?? got.signal}); stderr:\n${got.stderr}`);
        assert.strictEqual(got.result.error, null, `error in nvim: ${got.result.error}`);
        assert.ok(got.result.published, 'the server never published diagnostics for the buffer');
        const want = expected
          .map((d) =>
            key({
              line: d.range.start.line,
              character: d.range.start.character,
              endLine: d.range.end.line,
              endCharacter: d.range.end.character,
              code: d.rule,
              severity: SEVERITY[d.severity],
              message: d.message,
            }),
          )
          .sort();
        const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
        const have = got.result.diagnostics
          .map((d) =>
            key({
              line: d.lnum,
              character: utf16Col(lines, d.lnum, d.col),
              endLine: d.end_lnum,
              endCharacter: utf16Col(lines, d.end_lnum, d.end_col),
              code: d.code,
              severity: d.severity,
              message: d.message,
            }),
          )
          .sort();
        assert.deepStrictEqual(have, want, 'Neovim vs CLI diagnostics');
        for (const d of got.result.diagnostics) assert.strictEqual(d.source, 'imr-lint');
        if (path.extname(file) === '.imr' || path.extname(file) === '.txt') {
          assert.ok(
            got.result.symbols.includes('HOW THE IMR FINAL DETERMINATION WAS MADE'),
            `document symbols in Neovim: ${JSON.stringify(got.result.symbols)}`,
          );
        }
        assert.strictEqual(got.status, 0, `nvim exit code ${got.status ?? got.signal}`);
        passed++;
        console.log(`  ✔ ${name} (${want.length} diagnostics, ${got.ms} ms)`);
      } catch (e) {
        failed++;
        console.log(
          `  ✘ ${name}\n    ${String((e && e.message) || e)
            .split('\n')
            .join('\n    ')}`,
        );
      }
    }
  } catch (e) {
    failed++;
    console.log(`  ✘ ${(e && e.message) || e}`);
  } finally {
    if (lib.debug) console.error(`E2E_DEBUG: kept ${home}`);
    else fs.rmSync(home, { recursive: true, force: true });
  }
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

process.exit(main());
