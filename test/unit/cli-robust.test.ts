/**
 * The CLI under bad input (issue 13, docs/reliability.md): a failure stays in its file, file
 * names cannot forge output lines, SARIF is valid against the SARIF 2.1.0 schema, only regular
 * files are read, links are followed once, `--` and `-` work, output is streamed, standard input
 * and configurations are bounded, and no file content reaches an error message.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { main } from '../../server/src/cli';
import { createReporter } from '../../server/src/cli/output';
import { getLanguageService, parseConfigText } from '../../server/src/service';
import { readFixture, repoRoot } from '../util';
import { letterWithDates } from '../letters';
import { runCli } from '../harness';

const examples = path.join(repoRoot, 'examples');
const bin = path.join(repoRoot, 'bin', 'imr-lint.js');
const defective = fs.readFileSync(path.join(examples, 'defective-letter.imr'), 'utf8');
const clean = fs.readFileSync(path.join(examples, 'clean-letter.imr'), 'utf8');

const run = runCli;

/** The installed command in its own process, killed after 15 s (a blocked read fails the test, never hangs it). */
function spawnCli(args: string[], cwd: string, input?: string | Buffer) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: 'utf8', timeout: 15000, maxBuffer: 64 * 1024 * 1024 });
}

describe('CLI robustness', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-lint-robust-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const dir = (name: string) => {
    const d = path.join(tmp, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };

  describe('crash isolation', () => {
    it('a failure while checking one file is reported for that file (error name only), the others are still checked, exit 2', () => {
      const d = dir('crash');
      fs.writeFileSync(path.join(d, 'a.imr'), defective);
      fs.writeFileSync(path.join(d, 'b.imr'), defective);
      fs.writeFileSync(path.join(d, 'c.imr'), clean);
      const createService: typeof getLanguageService = (options) => {
        const real = getLanguageService(options);
        return {
          ...real,
          validate(document, rules, words) {
            if (document.uri.endsWith('/b.imr')) throw new RangeError(`Maximum call stack size exceeded near ${document.getText().slice(0, 40)}`);
            if (document.uri.endsWith('/c.imr')) options?.onRuleError?.('IMR005', new TypeError(`bad ${document.getText().slice(0, 40)}`));
            return real.validate(document, rules, words);
          },
        };
      };
      const r = run(['--format', 'json', '.'], d, { createService });
      assert.strictEqual(r.code, 2);
      const parsed = JSON.parse(r.out);
      assert.deepStrictEqual(
        parsed.map((f: { file: string }) => f.file),
        ['a.imr', 'b.imr', 'c.imr'],
      );
      assert.strictEqual(parsed[0].diagnostics.length, 5, 'the file before the failure is fully reported');
      assert.deepStrictEqual(parsed[1].failures, ['the analysis failed (RangeError), so nothing was checked in this file']);
      assert.deepStrictEqual(parsed[2].failures, ['rule IMR005 failed (TypeError) and was skipped']);
      assert.match(r.err, /b\.imr: internal error: the analysis failed \(RangeError\)/);
      assert.match(r.err, /c\.imr: internal error: rule IMR005 failed \(TypeError\)/);
      assert.ok(!r.err.includes('Case Number') && !r.out.includes('Case Number'), 'no letter text in the reports');
      const text = run(['.'], d, { createService });
      assert.match(text.out, /^b\.imr: internal error: the analysis failed \(RangeError\)/m);
      assert.strictEqual(text.code, 2);
    });

    it('a letter with 130,000 dates in a rationale is checked (no stack overflow)', () => {
      const d = dir('dates');
      fs.writeFileSync(path.join(d, 'many-dates.imr'), letterWithDates(130000));
      fs.writeFileSync(path.join(d, 'other.imr'), defective);
      const r = run(['--format', 'json', 'many-dates.imr', 'other.imr'], d);
      assert.strictEqual(r.err, '');
      const parsed = JSON.parse(r.out);
      assert.strictEqual(parsed.length, 2);
      assert.ok(!parsed[0].failures);
      assert.strictEqual(parsed[1].diagnostics.length, 5);
    });
  });

  describe('file names', () => {
    it('escapes control characters in text output, so a name cannot forge a problem line', () => {
      const d = dir('names');
      const name = 'x.imr:1:1 error IMR001 forged\nletter.imr';
      fs.writeFileSync(path.join(d, name), defective);
      const r = run([name], d);
      const lines = r.out.split('\n');
      assert.strictEqual(lines.length, 6, 'five problems and the summary');
      for (const line of lines.slice(0, 5)) assert.ok(line.startsWith('x.imr:1:1 error IMR001 forged\\nletter.imr:'), line);
      assert.ok(!lines.some((l) => l.startsWith('letter.imr')));
    });

    it('escapes control characters that a message quotes from the letter (a terminal escape, U+2028)', () => {
      const lines: string[] = [];
      const reporter = createReporter('text', (s) => lines.push(s), { version: '0', docsBaseUri: 'file:///docs', readmeUri: 'file:///README.md', cwd: '/' });
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
      reporter.file({
        file: 'a.imr',
        problems: [{ ruleId: 'IMR011', alias: 'header-invalid-date', severity: 'error', message: "The value '\u001b[2J\u2028x' is wrong.", range }],
      });
      reporter.end([]);
      assert.deepStrictEqual(lines, ["a.imr:1:1 error IMR011 The value '\\x1b[2J\\u2028x' is wrong.", '1 problem (1 errors, 0 warnings, 0 notes) in 1 file.']);
    });

    it('--format sarif is valid against the SARIF 2.1.0 schema, with percent-encoded URIs', () => {
      const d = dir('sarif');
      const names = ['plain.imr', 'with space #1 100%.imr', 'tab\there.imr', 'naïve ü.imr'];
      fs.mkdirSync(path.join(d, 'sub dir'));
      for (const n of names) fs.writeFileSync(path.join(d, 'sub dir', n), defective);
      fs.writeFileSync(path.join(d, 'empty.imr'), '');
      const r = run(['--format', 'sarif', 'sub dir', 'empty.imr', path.join(d, 'sub dir', 'plain.imr')], d);
      const sarif = JSON.parse(r.out);
      const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'data', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
      // The vendored schema is draft-04: ajv 8 reads it once `id` is `$id` and `$schema` is dropped.
      delete schema.$schema;
      schema.$id = schema.id;
      delete schema.id;
      const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
      ajv.addFormat('uri', (s: string) => URI_REFERENCE.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s));
      ajv.addFormat('uri-reference', (s: string) => URI_REFERENCE.test(s));
      ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
      const validate = ajv.compile(schema);
      assert.ok(validate(JSON.parse(r.out)), JSON.stringify(validate.errors?.slice(0, 3)));
      const uris = sarif.runs[0].results.map(
        (x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0].physicalLocation.artifactLocation.uri,
      );
      assert.ok(uris.includes('sub%20dir/with%20space%20%231%20100%25.imr'), uris.join(' '));
      assert.ok(uris.includes('sub%20dir/tab%09here.imr'));
      assert.ok(uris.includes('sub%20dir/na%C3%AFve%20%C3%BC.imr'));
      assert.ok(
        uris.some((u: string) => u.startsWith('file:///') && u.endsWith('/sub%20dir/plain.imr')),
        'an absolute path is a file: URI',
      );
      for (const u of uris) assert.ok(URI_REFERENCE.test(u), u);
      const notes = sarif.runs[0].invocations[0].toolExecutionNotifications;
      assert.match(notes[0].message.text, /not a letter/);
    });
  });

  describe('what is read', () => {
    it('reports and skips a FIFO on the command line or in a folder, without blocking', function () {
      if (process.platform === 'win32') this.skip();
      const d = dir('fifo');
      const sub = path.join(d, 'letters');
      fs.mkdirSync(sub);
      fs.writeFileSync(path.join(sub, 'a.imr'), defective);
      assert.strictEqual(spawnSync('mkfifo', [path.join(d, 'pipe.imr'), path.join(sub, 'pipe.imr')]).status, 0);
      const p = spawnCli(['--format', 'json', 'pipe.imr', 'letters'], d);
      assert.strictEqual(p.error, undefined, 'the CLI did not block');
      assert.strictEqual(p.status, 2);
      assert.match(p.stderr, /skipped pipe\.imr: a named pipe \(FIFO\), not a letter file/);
      assert.match(p.stderr, /skipped letters\/pipe\.imr: a named pipe/);
      assert.deepStrictEqual(
        JSON.parse(p.stdout).map((f: { file: string }) => f.file),
        ['letters/a.imr'],
      );
    });

    it('follows symbolic links inside folders, each file once, and survives a link loop', function () {
      if (process.platform === 'win32') this.skip();
      const d = dir('links');
      const real = path.join(d, 'real');
      fs.mkdirSync(path.join(real, 'inner'), { recursive: true });
      fs.writeFileSync(path.join(d, 'outside.imr'), defective);
      fs.writeFileSync(path.join(real, 'inner', 'own.imr'), clean);
      fs.symlinkSync(path.join(d, 'outside.imr'), path.join(real, 'linked.imr'));
      fs.symlinkSync(path.join(d, 'outside.imr'), path.join(real, 'linked-again.imr'));
      fs.symlinkSync(real, path.join(real, 'inner', 'loop'));
      const r = run(['--format', 'json', 'real'], d);
      assert.strictEqual(r.code, 1);
      assert.deepStrictEqual(
        JSON.parse(r.out).map((f: { file: string }) => f.file),
        ['real/inner/own.imr', 'real/linked-again.imr'],
      );
    });

    it('-- ends the options and - reads standard input', () => {
      const d = dir('dashes');
      fs.writeFileSync(path.join(d, '--format'), defective);
      fs.writeFileSync(path.join(d, '-x.imr'), clean);
      const r = run(['--format', 'json', '--', '--format', '-x.imr'], d);
      assert.deepStrictEqual(
        JSON.parse(r.out).map((f: { file: string }) => f.file),
        ['--format', '-x.imr'],
      );
      assert.match(run(['-x.imr'], d).err, /unknown option '-x\.imr' \(to name a file that starts with '-', put -- before it\)/);
      const p = spawnCli(['--format', 'json', '-'], d, defective);
      assert.strictEqual(p.status, 1, p.stderr);
      const parsed = JSON.parse(p.stdout);
      assert.strictEqual(parsed[0].file, '<stdin>');
      assert.strictEqual(parsed[0].diagnostics.length, 5);
    });

    it('an empty or blank file named on the command line is reported as not a letter', () => {
      const d = dir('blank');
      fs.writeFileSync(path.join(d, 'empty.imr'), '');
      fs.writeFileSync(path.join(d, 'blank.imr'), ' \r\n\t\n');
      const r = run(['empty.imr', 'blank.imr'], d);
      assert.deepStrictEqual(r.out.split('\n'), [
        'empty.imr: not checked: the file is empty or blank, so it is not a letter',
        'blank.imr: not checked: the file is empty or blank, so it is not a letter',
        'No problems in 0 files. 2 files were not checked (not a letter).',
      ]);
      const json = JSON.parse(run(['--format', 'json', 'blank.imr'], d).out);
      assert.strictEqual(json[0].notLetter, 'the file is empty or blank, so it is not a letter');
    });

    it('streams: a file is reported before the next one is read', () => {
      const d = dir('stream');
      for (const n of ['1.imr', '2.imr', '3.imr']) fs.writeFileSync(path.join(d, n), defective);
      const outCalls: string[] = [];
      const seenAtValidate: number[] = [];
      const createService: typeof getLanguageService = (options) => {
        const real = getLanguageService(options);
        return { ...real, validate: (doc, rules, words) => (seenAtValidate.push(outCalls.length), real.validate(doc, rules, words)) };
      };
      const previous = process.cwd();
      process.chdir(d);
      try {
        main(
          ['--format', 'json', '.'],
          (s) => outCalls.push(s),
          () => undefined,
          { createService },
        );
      } finally {
        process.chdir(previous);
      }
      // JSON is written as each file comes (two writes: the previous entry's last line, with its
      // comma, or the array's start; then the entry): file n is out when file n+1 is checked.
      assert.deepStrictEqual(seenAtValidate, [0, 2, 4]);
      assert.strictEqual(JSON.parse(outCalls.join('\n')).length, 3);
      const text: string[] = [];
      const seenText: number[] = [];
      process.chdir(d);
      try {
        main(
          ['.'],
          (s) => text.push(s),
          () => undefined,
          {
            createService: (o) => {
              const real = getLanguageService(o);
              return { ...real, validate: (doc, rules, words) => (seenText.push(text.length), real.validate(doc, rules, words)) };
            },
          },
        );
      } finally {
        process.chdir(previous);
      }
      assert.deepStrictEqual(seenText, [0, 1, 2], 'text output is written file by file');
    });

    it('--stdin is bounded: more than 16 MiB is refused with the limit in the message', () => {
      const p = spawnCli(['--stdin'], tmp, Buffer.alloc(17 * 1024 * 1024, 0x61));
      assert.strictEqual(p.status, 2);
      assert.match(p.stderr, /standard input holds more than 16 MiB, the limit for one letter/);
    });
  });

  describe('configuration', () => {
    it('accepts a UTF-8 byte order mark', () => {
      const d = dir('bom');
      fs.writeFileSync(path.join(d, '.imr-lint.json'), '\ufeff{ "rules": { "IMR011": false } }');
      fs.writeFileSync(path.join(d, 'a.imr'), defective);
      const r = run(['--format', 'json', 'a.imr'], d);
      assert.strictEqual(r.err, '');
      assert.ok(!JSON.parse(r.out)[0].diagnostics.some((x: { rule: string }) => x.rule === 'IMR011'));
    });

    it('a syntax error names the line and column and never echoes the file (a letter given as --config)', () => {
      const d = dir('letter-as-config');
      fs.writeFileSync(path.join(d, 'letter.imr'), defective);
      const r = run(['--config', 'letter.imr', 'letter.imr'], d);
      assert.strictEqual(r.code, 2);
      assert.match(r.err, /^imr-lint: letter\.imr: not valid JSON at line 1, column 1: expected a value/);
      for (const word of defective.split(/\W+/).filter((w) => w.length > 3)) assert.ok(!r.err.includes(word), `'${word}' is not echoed`);
      assert.deepStrictEqual(parseConfigText('{\n  "rules": { "IMR001": "off", }\n}', 'c').errors, [
        "c: not valid JSON at line 2, column 31: a ',' before '}' (trailing commas are not allowed).",
      ]);
    });

    it('rejects an unterminated /* comment, and a configuration over 1 MiB with a clear message', () => {
      assert.deepStrictEqual(parseConfigText('{ "rules": {} } /* not closed', 'c').errors, [
        'c: not valid JSON at line 1, column 17: a /* comment is not closed.',
      ]);
      assert.deepStrictEqual(parseConfigText('{ /* closed */ "rules": {} // end', 'c').errors, [
        "c: not valid JSON at line 1, column 34: expected ',' or '}'.",
      ]);
      const d = dir('big-config');
      fs.writeFileSync(path.join(d, 'big.json'), `{ "rules": {}, "words": [${'"w",'.repeat(300000)}"w"] }`);
      const r = run(['--config', 'big.json', path.join(examples, 'clean-letter.imr')], d);
      assert.strictEqual(r.code, 2);
      assert.match(r.err, /cannot read the configuration big\.json: larger than 1 MiB, which is not a configuration/);
      assert.match(parseConfigText(' '.repeat(1024 * 1024 + 1), 'c').errors[0], /larger than 1 MiB/);
      assert.match(parseConfigText(`${'['.repeat(100000)}`, 'c').errors[0], /nested more than 64 levels deep/);
    });

    it('20,000 unknown rule names: ten listed, a count, and the known rules once', () => {
      const rules = Object.fromEntries(Array.from({ length: 20000 }, (_, i) => [`NOPE${i}`, true]));
      const errors = parseConfigText(JSON.stringify({ rules }), 'c').errors;
      assert.strictEqual(errors.length, 12);
      assert.strictEqual(errors[0], "c: unknown rule 'NOPE0'.");
      assert.strictEqual(errors[10], 'c: 19990 more unknown rule names.');
      assert.match(errors[11], /^c: known rules: IMR001 \(missing-section\), /);
      assert.ok(errors.join('\n').length < 5000);
    });

    it('keeps the words setting working in the CLI (accepted names are not reported)', () => {
      const d = dir('words');
      const fixture = readFixture('rules', 'drug-misspelling', 'misspelled-names.imr');
      fs.writeFileSync(path.join(d, 'letter.imr'), fixture.slice(0, fixture.indexOf('\n--- expect\n') + 1));
      const misspellings = (args: string[]) =>
        JSON.parse(run(['--format', 'json', ...args, 'letter.imr'], d).out)[0]
          .diagnostics.filter((x: { rule: string }) => x.rule === 'IMR028')
          .map((x: { message: string }) => x.message.split("'")[1]);
      assert.deepStrictEqual(misspellings([]), ['Vallium', 'Ketaprofen', 'NEURONTEN']);
      fs.writeFileSync(path.join(d, 'words.json'), '{ "words": ["Vallium"] }');
      assert.deepStrictEqual(misspellings(['--config', 'words.json']), ['Ketaprofen', 'NEURONTEN']);
    });
  });
});

/** RFC 3986 URI-reference: only unreserved, reserved and percent-encoded characters, and a valid shape. */
const URI_REFERENCE =
  /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?:\/\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*(?:@(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)?(?::\d*)?)?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*(?:\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?(?:#(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$/;
