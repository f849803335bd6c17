#!/usr/bin/env node
'use strict';
// UI test: package the extension as a .vsix (vsce, offline), install it into code-server, open the
// defective example in headless Chromium, open the Problems panel and assert on its rows (every
// diagnostic the CLI reports for the same file, with its code and position), then save a
// screenshot to test/e2e/out/problems.png and docs/images/problems.png.
// Prints `N passed, N failed` last. See docs/e2e.md.
const fs = require('fs');
const os = require('os');
const path = require('path');
const assert = require('assert');
const { spawnSync } = require('child_process');
const lib = require('./lib');

const root = lib.ROOT;
const label = 'ui';
const example = path.join(root, 'examples', 'defective-letter.imr');
const outDir = path.join(root, 'test', 'e2e', 'out');
const shot = path.join(outDir, 'problems.png');
const docShot = path.join(root, 'docs', 'images', 'problems.png');
const WAIT = Number(process.env.E2E_UI_WAIT_MS) || 30000;

const results = [];
async function check(name, fn) {
  const t0 = Date.now();
  try {
    const v = await fn();
    results.push(true);
    console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
    return v;
  } catch (e) {
    results.push(false);
    console.log(
      `  ✘ ${name}\n    ${String((e && e.message) || e)
        .split('\n')
        .join('\n    ')}`,
    );
    throw e;
  }
}

function cliDiagnostics(file) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'imr-lint.js'), '--format', 'json', file], { encoding: 'utf8' });
  return JSON.parse(r.stdout)[0].diagnostics;
}

async function main() {
  const problems = lib.checkPrereqs({ codeServer: true, chromium: true });
  if (!fs.existsSync(example)) problems.push(`${path.relative(root, example)} missing`);
  if (problems.length) {
    lib.failPrereqs(label, problems);
    console.log(`${label}: 0 passed, 1 failed`);
    return 1;
  }
  const state = {};
  const cleanup = lib.makeCleanup(state);
  lib.installSignalHandlers(cleanup);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-ui-'));
  try {
    const { dirs, env } = lib.makePrivateHome('vscode-e2e-ui-');
    state.dirs = dirs;
    lib.writeUserSettings(dirs, { 'workbench.colorTheme': 'Default Dark Modern', 'editor.minimap.enabled': false });

    const vsix = path.join(work, 'imr-lint.vsix');
    await check('the extension packages as a .vsix (vsce, offline)', () => {
      const r = lib.vscePackage(vsix, work);
      assert.strictEqual(r.status, 0, `vsce failed:\n${r.stdout}\n${r.stderr}`);
      const list = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
      if (list.status === 0) {
        const files = list.stdout.split('\n');
        for (const f of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/server-main.js']) {
          assert.ok(files.includes(f), `${f} not in the vsix`);
        }
        assert.ok(!files.some((f) => f.startsWith('extension/.e2e/') || f.startsWith('extension/node_modules/')), 'the vsix contains .e2e/ or node_modules/');
      }
      const kb = Math.round(fs.statSync(vsix).size / 1024);
      assert.ok(kb < 5000, `the vsix is ${kb} KB`);
    });

    const expected = cliDiagnostics(example);
    await check('code-server installs the .vsix, with the rule docs its diagnostics link to', () => {
      const r = lib.codeServerSync(['--install-extension', vsix], { dirs, env });
      assert.strictEqual(r.status, 0, `install failed:\n${r.stdout}\n${r.stderr}`);
      const installed = fs.readdirSync(dirs.extensions).filter((n) => n.startsWith('imr-lint.imr-lint-'));
      assert.ok(installed.length === 1, `extensions dir: ${fs.readdirSync(dirs.extensions).join(', ')}`);
      const extDir = path.join(dirs.extensions, installed[0]);
      for (const f of ['package.json', 'dist/extension.js', 'dist/server.js', 'dist/server-main.js', 'images/icon.png']) {
        assert.ok(fs.existsSync(path.join(extDir, f)), `${f} is not in the installed extension`);
      }
      for (const d of expected) {
        const doc = path.join('docs', 'rules', `${d.alias}.md`);
        assert.ok(fs.existsSync(path.join(extDir, doc)), `${d.rule} links to ${doc}, which is not in the installed extension`);
      }
    });

    const server = await lib.startCodeServer({ dirs, env, folder: path.dirname(example) });
    state.cs = server.cs;
    state.browser = await lib.launchChromium(env);
    const page = await state.browser.newPage({ viewport: { width: 1280, height: 800 } });
    if (lib.debug) page.on('console', (m) => console.error(`[page ${m.type()}] ${m.text()}`));
    const payload = JSON.stringify([['openFile', lib.remoteUri(server.port, example)]]);
    await page.goto(`${server.base}/?folder=${encodeURIComponent(path.dirname(example))}&payload=${encodeURIComponent(payload)}`);

    await check('the editor shows the letter with error squiggles', async () => {
      await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: WAIT });
      const status = await page.locator('.statusbar').innerText({ timeout: WAIT });
      assert.match(status, /IMR Determination/, `status bar: ${status.replace(/\s+/g, ' ')}`);
    });

    let rowsText = '';
    await check(`the Problems panel lists the CLI's ${expected.length} diagnostics with codes and positions`, async () => {
      assert.ok(expected.length > 0, 'the CLI reports no diagnostic for the defective example');
      await page.click('.monaco-editor .view-lines');
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: WAIT });
      const want = expected.map((d) => ({
        message: d.message,
        code: d.rule,
        where: `[Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}]`,
      }));
      // Rows render as they arrive: poll the panel's text until every diagnostic is there.
      const deadline = Date.now() + WAIT;
      let missing = want;
      for (;;) {
        const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
        rowsText = rows.map((r) => r.replace(/\u00a0/g, ' ').replace(/\s*\n\s*/g, ' ')).join('\n');
        const found = (w) =>
          rows.some((r) => {
            const t = r.replace(/\u00a0/g, ' ');
            return t.includes(w.message) && t.includes(w.code) && t.includes(w.where);
          });
        missing = want.filter((w) => !found(w));
        if (missing.length === 0 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepStrictEqual(missing, [], `rows missing from the Problems panel; it shows:\n${rowsText}`);
      const badge = await page
        .locator('.panel .composite-bar .badge-content, .part.panel .badge .badge-content')
        .allInnerTexts()
        .catch(() => []);
      if (badge.length) assert.ok(badge.includes(String(expected.length)), `Problems badge: ${JSON.stringify(badge)}`);
      if (lib.debug) console.error(rowsText);
    });

    await check('a screenshot of the Problems panel is saved', async () => {
      fs.mkdirSync(outDir, { recursive: true });
      await page.screenshot({ path: shot });
      assert.ok(fs.statSync(shot).size > 10000, 'the screenshot is suspiciously small');
      fs.mkdirSync(path.dirname(docShot), { recursive: true });
      fs.copyFileSync(shot, docShot);
      console.log(`    ${path.relative(root, shot)} (copied to ${path.relative(root, docShot)})`);
    });

    await check('the language status item on the letter shows the active rules and the configuration', async () => {
      const item = page.locator('[id="status.languageStatus"]');
      await item.waitFor({ timeout: WAIT });
      await item.hover();
      const deadline = Date.now() + WAIT;
      let text = '';
      for (;;) {
        text = (
          await page
            .locator('.monaco-hover, .workbench-hover, .context-view')
            .allInnerTexts()
            .catch(() => [])
        ).join('\n');
        if (/IMR Lint: 33 of 33 rules/.test(text) && /No configuration file|\.imr-lint\.json/.test(text)) break;
        if (Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.match(text, /IMR Lint: 33 of 33 rules/, `language status hover: ${text.replace(/\s+/g, ' ')}`);
      assert.match(text, /checks as you type/);
      assert.match(text, /No configuration file/);
      assert.match(text, /Rule index/);
      assert.match(text, /Create configuration/);
    });

    await check('the HTML report (imr-lint --format html) opens in Chromium: summary, chart, letters, sorting; screenshot saved', async () => {
      const report = path.join(work, 'report.html');
      const r = spawnSync(process.execPath, [path.join(root, 'bin', 'imr-lint.js'), '--format', 'html', path.join(root, 'examples')], {
        encoding: 'utf8',
        cwd: root,
      });
      assert.strictEqual(r.status, 1, r.stderr);
      fs.writeFileSync(report, r.stdout);
      const html = await state.browser.newPage({ viewport: { width: 1100, height: 900 } });
      const requests = [];
      html.on('request', (req) => {
        if (!req.url().startsWith('file:')) requests.push(req.url());
      });
      await html.goto(`file://${report}`);
      const body = await html.locator('body').innerText();
      assert.match(body, /IMR Lint report/);
      assert.match(body, /4 letters checked, 2 letters with problems, 13 problems\./);
      assert.match(body, /Problems by rule/);
      assert.match(body, /CLINICAL CASE SUMARY' is misspelled/);
      assert.strictEqual(await html.locator('svg.chart').count(), 2);
      const firstRule = async () => (await html.locator('#by-rule tbody tr').first().locator('td').first().innerText()).trim();
      await html.click('#by-rule th:has-text("Rule")');
      const asc = await firstRule();
      await html.click('#by-rule th:has-text("Rule")');
      const desc = await firstRule();
      assert.ok(asc === 'IMR001' && desc === 'IMR020', `sorting by rule: ${asc} then ${desc}`);
      await html.click('#by-rule th:has-text("Rule")');
      assert.deepStrictEqual(requests, [], 'the report loaded something from the network');
      const reportShot = path.join(root, 'docs', 'images', 'html-report.png');
      await html.screenshot({ path: reportShot, fullPage: false });
      assert.ok(fs.statSync(reportShot).size > 10000, 'the report screenshot is suspiciously small');
      console.log(`    ${path.relative(root, reportShot)}`);
      await html.close();
    });
  } catch (e) {
    if (!results.includes(false)) {
      results.push(false);
      console.log(`  ✘ ${(e && e.stack) || e}`);
    }
  } finally {
    await cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  }
  const passed = results.filter(Boolean).length;
  const failed = results.length - passed;
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(e);
    console.log(`${label}: 0 passed, 1 failed`);
    process.exit(1);
  },
);
