import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decodeLetter, fixFile } from '../../server/src/cli/fix';
import { escapeHtml, renderHtmlReport } from '../../server/src/cli/html-report';
import { Progress } from '../../server/src/cli/progress';
import { getLanguageService, resolveRules, resolveWords, RULES } from '../../server/src/service';
import { repoRoot } from '../util';
import { runCli } from '../harness';

const examples = path.join(repoRoot, 'examples');
const defective = fs.readFileSync(path.join(examples, 'defective-letter.imr'), 'utf8');

const run = (args: string[], cwd?: string) => runCli(args, cwd);

describe('CLI for batch work', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-lint-wf-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('--fix', () => {
    it('fixes the file in place, keeps its mode, BOM and CRLF line endings, says what it fixed and exits by what remains', () => {
      const file = path.join(tmp, 'letter.imr');
      const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(defective.replace(/\n/g, '\r\n'), 'utf8')]);
      fs.writeFileSync(file, original);
      fs.chmodSync(file, 0o640);
      const r = run(['--fix', file]);
      assert.strictEqual(r.code, 1, 'errors that have no unambiguous fix remain');
      assert.ok(r.out.includes(`${file}: fixed 2 problems (IMR001 missing-section x1, IMR005 item-decision x1).`), r.out);
      assert.ok(!r.out.includes('IMR001') || !/letter\.imr:\d+:\d+ error IMR001/.test(r.out), 'the fixed problem is still reported');
      assert.ok(/letter\.imr:\d+:\d+ error IMR006/.test(r.out), 'what remains is reported');
      const bytes = fs.readFileSync(file);
      assert.deepStrictEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      assert.ok(text.includes('CLINICAL CASE SUMMARY\r\n') && !/[^\r]\n/.test(text));
      assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640);
      assert.deepStrictEqual(fs.readdirSync(tmp), ['letter.imr'], 'a temporary file was left behind');
      const again = run(['--fix', file]);
      assert.ok(again.out.includes('Nothing to fix automatically.'), again.out);
      assert.ok(fs.readFileSync(file).equals(bytes), 'a second --fix changed the file');
    });

    it('exits 0 when every error was fixable', () => {
      const file = path.join(tmp, 'clean-but-misspelled.imr');
      const clean = fs.readFileSync(path.join(examples, 'clean-letter.imr'), 'utf8');
      fs.writeFileSync(file, clean.replace('CLINICAL CASE SUMMARY', 'CLINICAL CASE SUMARY'));
      assert.strictEqual(run([file]).code, 1);
      const r = run(['--fix', file]);
      assert.strictEqual(r.code, 0, r.out);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), clean);
    });

    it('never touches a file that changed while it was checked', () => {
      const file = path.join(tmp, 'letter.imr');
      fs.writeFileSync(file, defective);
      const context = {
        service: getLanguageService(),
        rules: resolveRules(),
        words: resolveWords(),
        uriOf: (f: string) => `file://${f}`,
        beforeWrite: (f: string) => fs.appendFileSync(f, '\nedited meanwhile\n'),
      };
      const outcome = fixFile(file, defective, context);
      assert.strictEqual(outcome.status, 'changed-on-disk');
      assert.strictEqual(fs.readFileSync(file, 'utf8'), `${defective}\nedited meanwhile\n`);
      // Changed between the check and the fix: refused too.
      assert.strictEqual(fixFile(file, defective, { ...context, beforeWrite: undefined }).status, 'changed-on-disk');
    });

    it('never touches a file whose fixes overlap, nor one that is not UTF-8', () => {
      const file = path.join(tmp, 'letter.imr');
      fs.writeFileSync(file, defective);
      const real = getLanguageService();
      const overlapping = {
        ...real,
        fixAll: (d: Parameters<typeof real.fixAll>[0]) => ({ text: d.getText(), fixed: [], rounds: 1, refused: 'overlap' as const, edits: [] }),
      };
      const outcome = fixFile(file, defective, { service: overlapping, rules: resolveRules(), words: resolveWords(), uriOf: (f) => `file://${f}` });
      assert.strictEqual(outcome.status, 'overlap');
      assert.strictEqual(fs.readFileSync(file, 'utf8'), defective);
      const latin1 = path.join(tmp, 'latin1.imr');
      const bytes = Buffer.from(defective.replace('Upheld', 'Upheld caf\u00e9'), 'latin1');
      fs.writeFileSync(latin1, bytes);
      const r = run(['--fix', latin1]);
      assert.ok(r.out.includes('not changed: it is not UTF-8 text'), r.out);
      assert.ok(fs.readFileSync(latin1).equals(bytes));
    });

    it('keeps UTF-16 LE letters in UTF-16 LE', () => {
      const file = path.join(tmp, 'utf16.imr');
      fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(defective, 'utf16le')]));
      const outcome = fixFile(file, defective, { service: getLanguageService(), rules: resolveRules(), words: resolveWords(), uriOf: (f) => `file://${f}` });
      assert.strictEqual(outcome.status, 'fixed');
      const decoded = decodeLetter(fs.readFileSync(file))!;
      assert.strictEqual(decoded.encoding, 'utf16le');
      assert.ok(decoded.text.includes('CLINICAL CASE SUMMARY'));
    });
  });

  describe('severity filters', () => {
    it('--quiet reports errors only', () => {
      const r = run(['--quiet', 'examples']);
      assert.strictEqual(r.code, 1);
      assert.ok(!/ (warning|information|hint) IMR/.test(r.out));
      assert.ok(/ error IMR/.test(r.out));
    });

    it('--max-warnings N exits 1 above N, 0 at or below it', () => {
      const file = path.join(examples, 'citation-defects.imr');
      const all = run(['--format', 'json', file]);
      const warnings = (JSON.parse(all.out) as Array<{ diagnostics: Array<{ severity: string }> }>)[0].diagnostics.filter(
        (d) => d.severity === 'warning',
      ).length;
      assert.ok(warnings > 1);
      const config = path.join(tmp, 'warnings-only.json');
      fs.writeFileSync(config, JSON.stringify({ rules: { IMR013: 'warning', IMR020: 'warning' } }));
      assert.strictEqual(run(['--config', config, '--max-warnings', String(warnings + 2), file]).code, 0);
      const over = run(['--config', config, '--max-warnings', String(warnings + 1), file]);
      assert.strictEqual(over.code, 1);
      assert.ok(over.err.includes(`${warnings + 2} warnings, more than --max-warnings ${warnings + 1}`), over.err);
      assert.strictEqual(run(['--max-warnings', 'many', file]).code, 2);
    });

    it('hides hints from text output unless --min-severity hint; JSON keeps them', () => {
      const config = path.join(tmp, 'hints.json');
      fs.writeFileSync(config, JSON.stringify({ rules: { IMR016: 'hint' } }));
      const file = path.join(examples, 'citation-defects.imr');
      const text = run(['--config', config, file]);
      assert.ok(!/ hint IMR016/.test(text.out));
      assert.ok(text.out.includes('(1 less severe problem not shown: use --min-severity hint to see them.)'), text.out);
      assert.ok(/ hint IMR016/.test(run(['--config', config, '--min-severity', 'hint', file]).out));
      assert.ok(run(['--config', config, '--format', 'json', file]).out.includes('"severity": "hint"'));
      const errorsOnly = run(['--min-severity', 'error', file]);
      assert.ok(!/ warning IMR/.test(errorsOnly.out));
      assert.strictEqual(run(['--min-severity', 'loud', file]).code, 2);
    });
  });

  it('honours "words" of .imr-lint.json: an accepted name is not a misspelling', () => {
    const letter = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'rules', 'drug-misspelling', 'misspelled-names.imr'), 'utf8').split('--- expect')[0];
    fs.writeFileSync(path.join(tmp, 'letter.imr'), letter);
    assert.ok(run(['letter.imr'], tmp).out.includes("'Vallium' looks like a misspelling"));
    fs.writeFileSync(path.join(tmp, '.imr-lint.json'), JSON.stringify({ words: ['Vallium'] }));
    const r = run(['letter.imr'], tmp);
    assert.ok(!r.out.includes("'Vallium'"), r.out);
    assert.ok(r.out.includes("'Ketaprofen'"));
  });

  describe('--format html', () => {
    it('writes one self-contained page: summary by severity and rule, a chart, each letter, rule links, sortable tables', () => {
      const r = run(['--format', 'html', 'examples']);
      const html = r.out;
      assert.ok(html.startsWith('<!DOCTYPE html>'));
      assert.ok(html.includes(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"`));
      assert.ok(!/<link|<img|src=|@import|url\(/i.test(html), 'the page loads something');
      assert.ok(!/https?:\/\//.test(html), 'the page names a network address');
      assert.ok(html.includes('<table class="sortable" id="by-rule">') && html.includes('<svg class="chart"'));
      assert.ok(html.includes('4 letters checked, 2 letters with problems, 13 problems.'), html.slice(0, 2000));
      assert.ok(/<a href="file:\/\/[^"]*\/docs\/rules\/missing-section\.md">IMR001<\/a>/.test(html));
      assert.ok(html.includes(escapeHtml("The heading 'CLINICAL CASE SUMARY' is misspelled: it should read 'CLINICAL CASE SUMMARY'.")));
      assert.ok(html.includes("addEventListener('click'"));
      assert.strictEqual(r.code, 1);
    });

    it('shows letter text only inside the problem messages', () => {
      const html = run(['--format', 'html', 'examples/defective-letter.imr']).out;
      // A sentence of the letter that no message repeats.
      const body = defective.split('\n').find((l) => l.startsWith('The Final Determination was based on'))!;
      assert.ok(body && !html.includes(body.slice(0, 40)));
      assert.ok(!html.includes('02/30/2017') || html.split('02/30/2017').length - 1 === 1, 'the header date appears beyond its one message');
    });

    it('escapes what it shows', () => {
      const html = renderHtmlReport({
        results: [
          {
            file: '<b>x</b>.imr',
            problems: [
              {
                ruleId: 'IMR001',
                alias: 'missing-section',
                severity: 'error',
                message: '<script>alert(1)</script>',
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
              },
            ],
          },
        ],
        rules: RULES,
        docsBaseUri: 'file:///docs/rules',
        version: '1',
      });
      assert.ok(!html.includes('<script>alert') && !html.includes('<b>x</b>'));
      assert.ok(html.includes('&lt;b&gt;x&lt;/b&gt;.imr'));
    });
  });

  it('the progress line appears only on a terminal and only after two seconds, and is erased', () => {
    let clock = 0;
    const written: string[] = [];
    const tty = { isTTY: true, write: (s: string) => written.push(s) };
    const p = new Progress(10, tty, () => clock);
    p.update(1);
    clock = 1999;
    p.update(2);
    assert.strictEqual(written.length, 0);
    clock = 2001;
    p.update(3);
    clock = 2050;
    p.update(4); // within 100 ms: not redrawn
    clock = 2200;
    p.update(10);
    p.end();
    assert.deepStrictEqual(written, ['\r\x1b[Kimr-lint: checked 3 of 10 letters', '\r\x1b[Kimr-lint: checked 10 of 10 letters', '\r\x1b[K']);
    const pipe: string[] = [];
    const q = new Progress(10, { isTTY: false, write: (s: string) => pipe.push(s) }, () => (clock += 5000));
    q.update(5);
    q.end();
    assert.strictEqual(pipe.length, 0);
  });
});
