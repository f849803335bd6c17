import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../util';
import { runCli } from '../harness';
import { uriOf } from '../../server/src/cli/check';
import { fileURLToPath } from 'url';

const examples = path.join(repoRoot, 'examples');
const bin = path.join(repoRoot, 'bin', 'imr-lint.js');

const run = (args: string[], cwd?: string) => runCli(args, cwd);

describe('CLI imr-lint', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-lint-cli-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('stops quietly when the reader closes the pipe early (imr-lint ... | head)', () => {
    // Many files so that the output outlasts the pipe buffer; `head -c 1` closes after one byte.
    const dir = path.join(tmp, 'many');
    fs.mkdirSync(dir);
    const letter = fs.readFileSync(path.join(examples, 'defective-letter.imr'), 'utf8');
    for (let i = 0; i < 400; i++) fs.writeFileSync(path.join(dir, `letter-${i}.imr`), letter);
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" "${dir}" | head -c 1 >/dev/null`], { encoding: 'utf8' });
    assert.strictEqual(r.stderr, '', 'nothing on stderr (no EPIPE stack trace)');
  });

  it("hands each letter's text to beforeLetter, before it is checked (the command line looks at its size)", () => {
    const seen: string[] = [];
    const r = runCli([path.join(examples, 'clean-letter.imr'), path.join(examples, 'defective-letter.imr')], undefined, {
      beforeLetter: (text) => seen.push(text),
    });
    assert.strictEqual(r.code, 1);
    assert.deepStrictEqual(
      seen,
      ['clean-letter.imr', 'defective-letter.imr'].map((f) => fs.readFileSync(path.join(examples, f), 'utf8')),
    );
  });

  it("checks each letter under a file: URI of its own path (made from its folder's URI and its encoded name)", () => {
    const names = ['a.imr', 'b c.imr', 'd#1%.imr', 'e?[f],g@h;i.imr', 'é.imr', path.join('sub', 'a.imr'), 'a.imr'];
    const uris = names.map((n) => uriOf(path.join(tmp, n)));
    assert.deepStrictEqual(
      uris.map((u) => fileURLToPath(u)),
      names.map((n) => path.join(tmp, n)),
    );
    assert.strictEqual(new Set(uris).size, names.length - 1);
    assert.strictEqual(uriOf('<stdin>'), 'stdin://letter');
  });

  it('exits 0 and prints a summary for a clean letter', () => {
    const r = run([path.join(examples, 'clean-letter.imr')]);
    assert.strictEqual(r.code, 0);
    assert.strictEqual(r.out, 'No problems in 1 file.');
  });

  it('prints file:line:col severity rule message (1-based) and exits 1 on errors', () => {
    const r = run(['examples/defective-letter.imr']);
    assert.strictEqual(r.code, 1);
    const lines = r.out.split('\n');
    assert.strictEqual(
      lines[0],
      "examples/defective-letter.imr:3:23 error IMR011 The header's 'Decision Date:' value '02/30/2017' is not a valid date (MM/DD/YYYY).",
    );
    assert.match(lines[lines.length - 1], /^5 problems \(5 errors, 0 warnings, 0 notes\) in 1 file\.$/);
  });

  it('--format json prints one array with 0-based LSP ranges', () => {
    const r = run(['--format', 'json', 'examples/defective-letter.imr', 'examples/clean-letter.imr']);
    const parsed = JSON.parse(r.out);
    assert.ok(Array.isArray(parsed));
    assert.deepStrictEqual(
      parsed.map((f: { file: string }) => f.file),
      ['examples/defective-letter.imr', 'examples/clean-letter.imr'],
    );
    const first = parsed[0].diagnostics[0];
    assert.deepStrictEqual(first, {
      rule: 'IMR011',
      alias: 'header-invalid-date',
      severity: 'error',
      message: "The header's 'Decision Date:' value '02/30/2017' is not a valid date (MM/DD/YYYY).",
      range: { start: { line: 2, character: 22 }, end: { line: 2, character: 32 } },
    });
    assert.deepStrictEqual(parsed[1].diagnostics, []);
  });

  it('--format sarif prints SARIF 2.1.0 with rule metadata and help URIs', () => {
    const r = run(['--format=sarif', 'examples/defective-letter.imr']);
    const sarif = JSON.parse(r.out);
    assert.strictEqual(sarif.version, '2.1.0');
    const driver = sarif.runs[0].tool.driver;
    assert.ok(driver.rules.every((rule: { helpUri: string }) => /^file:.*docs\/rules\/[a-z-]+\.md$/.test(rule.helpUri)));
    const result = sarif.runs[0].results[0];
    assert.strictEqual(result.ruleId, 'IMR011');
    assert.strictEqual(driver.rules[result.ruleIndex].id, 'IMR011');
    assert.deepStrictEqual(result.locations[0].physicalLocation.region, { startLine: 3, startColumn: 23, endLine: 3, endColumn: 33 });
  });

  it('searches folders for letters and skips .txt files that are not letters', () => {
    fs.mkdirSync(path.join(tmp, 'dir', 'sub'), { recursive: true });
    fs.copyFileSync(path.join(examples, 'plain-letter.txt'), path.join(tmp, 'dir', 'sub', 'letter.txt'));
    fs.copyFileSync(path.join(examples, 'defective-letter.imr'), path.join(tmp, 'dir', 'a.imr'));
    fs.writeFileSync(path.join(tmp, 'dir', 'notes.txt'), 'Shopping list\nmilk\n');
    const r = run(['--format', 'json', path.join(tmp, 'dir')]);
    const files = JSON.parse(r.out).map((f: { file: string }) => path.relative(tmp, f.file));
    assert.deepStrictEqual(files, [path.join('dir', 'a.imr'), path.join('dir', 'sub', 'letter.txt')]);
  });

  it('reports an unreadable file on stderr, still checks the others, and exits 2', () => {
    const r = run(['--format', 'json', path.join(tmp, 'missing.imr'), 'examples/clean-letter.imr']);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /cannot read .*missing\.imr: no such file or folder/);
    assert.strictEqual(JSON.parse(r.out).length, 1);
  });

  it('exits 2 with usage on bad arguments', () => {
    assert.strictEqual(run([]).code, 2);
    const r = run(['--format', 'xml', 'x']);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /unknown format 'xml'/);
    assert.match(run(['--bogus', 'x']).err, /unknown option '--bogus'/);
  });

  it('applies a configuration file and rejects a broken one with a clear message', () => {
    const good = path.join(tmp, 'good.json');
    fs.writeFileSync(good, '{ // comments are allowed\n "rules": { "header-invalid-date": "off", "IMR005": "warning" } }');
    const r = run(['--format', 'json', '--config', good, 'examples/defective-letter.imr']);
    const diagnostics = JSON.parse(r.out)[0].diagnostics;
    assert.ok(!diagnostics.some((d: { rule: string }) => d.rule === 'IMR011'));
    assert.strictEqual(diagnostics.find((d: { rule: string }) => d.rule === 'IMR005').severity, 'warning');

    const broken = path.join(tmp, 'broken.json');
    fs.writeFileSync(broken, '{ "rules": { "IMR999": true, "IMR001": "loud" }');
    const b = run(['--config', broken, 'examples/clean-letter.imr']);
    assert.strictEqual(b.code, 2);
    assert.match(b.err, /not valid JSON/);
    fs.writeFileSync(broken, '{ "rules": { "IMR999": true, "IMR001": "loud" } }');
    const c = run(['--config', broken, 'examples/clean-letter.imr']);
    assert.strictEqual(c.code, 2);
    assert.match(c.err, /unknown rule 'IMR999'/);
    assert.match(c.err, /rule 'IMR001' has the setting "loud"/);
  });

  it('reads .imr-lint.json from the current folder', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'cfg-'));
    fs.writeFileSync(path.join(dir, '.imr-lint.json'), '{ "rules": { "IMR011": false } }');
    const r = run(['--format', 'json', path.join(examples, 'defective-letter.imr')], dir);
    assert.ok(!JSON.parse(r.out)[0].diagnostics.some((d: { rule: string }) => d.rule === 'IMR011'));
  });

  it('the installed command reads --stdin (one process, no per-file start)', () => {
    const text = fs.readFileSync(path.join(examples, 'defective-letter.imr'));
    const p = spawnSync(process.execPath, [bin, '--stdin', '--format', 'json'], { input: text, encoding: 'utf8' });
    assert.strictEqual(p.status, 1, p.stderr);
    const parsed = JSON.parse(p.stdout);
    assert.strictEqual(parsed[0].file, '<stdin>');
    assert.strictEqual(parsed[0].diagnostics.length, 5);
  });

  it('handles a binary file and an empty file gracefully', () => {
    fs.writeFileSync(path.join(tmp, 'binary.imr'), Buffer.from([0x25, 0x50, 0, 0, 1, 2, 3]));
    fs.writeFileSync(path.join(tmp, 'empty.imr'), '');
    const r = run(['--format', 'json', path.join(tmp, 'binary.imr'), path.join(tmp, 'empty.imr')]);
    assert.strictEqual(r.code, 0);
    const parsed = JSON.parse(r.out);
    assert.deepStrictEqual(
      parsed[0].diagnostics.map((d: { rule: string; severity: string }) => `${d.rule} ${d.severity}`),
      ['IMR012 warning'],
    );
    assert.deepStrictEqual(parsed[1].diagnostics, []);
    assert.strictEqual(parsed[1].notLetter, 'the file is empty or blank, so it is not a letter', 'an empty file is not a letter');
  });
});
