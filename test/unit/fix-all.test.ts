import * as assert from 'assert';
import { editsOf } from '../edits';
import * as fs from 'fs';
import * as path from 'path';
import { applyFixes, FIX_ALL_KIND, getLanguageService, unambiguousFix } from '../../server/src/service';
import type { Problem } from '../../server/src/service';
import { fixAll, minimalEdit } from '../../server/src/service/features/fix-all';
import { fixtureFiles, loadFixture } from '../fixtures';
import { corpusDir, corpusMissingReason, readCorpus, repoRoot } from '../util';

const service = getLanguageService();
let version = 0;
const doc = (text: string, uri = 'file:///fix-all/letter.imr') => ({ uri, version: ++version, getText: () => text });
const defective = fs.readFileSync(path.join(repoRoot, 'examples', 'defective-letter.imr'), 'utf8');
const at = (line: number, character: number) => ({ line, character });
const problem = (fixes: Problem['fixes'], line = 0): Problem => ({
  ruleId: 'IMR999',
  alias: 'probe',
  severity: 'error',
  message: 'probe',
  range: { start: at(line, 0), end: at(line, 1) },
  fixes,
});

describe('fix-all (service)', () => {
  it('applies the preferred fixes of the defective example and re-checks until nothing is fixable', () => {
    const result = service.fixAll(doc(defective));
    assert.deepStrictEqual(result.fixed.map((f) => f.ruleId).sort(), ['IMR001', 'IMR005']);
    assert.ok(result.text.includes('CLINICAL CASE SUMMARY') && result.text.includes('#90: Overturned'));
    const after = service.validate(doc(result.text));
    assert.ok(!after.some((p) => unambiguousFix(p)), 'an unambiguous fix is left after fix-all');
    assert.ok(result.rounds >= 2, 'the result was not re-checked');
  });

  it('converges: fix-all twice equals fix-all once, on every rule fixture and the examples', () => {
    const files = [...fixtureFiles(path.join(repoRoot, 'test', 'fixtures', 'rules')).map((f) => loadFixture(f).text), defective];
    let changed = 0;
    for (const text of files) {
      const once = service.fixAll(doc(text)).text;
      const twice = service.fixAll(doc(once));
      assert.strictEqual(twice.text, once);
      assert.strictEqual(twice.fixed.length, 0);
      if (once !== text) changed++;
    }
    assert.ok(changed >= 5, `only ${changed} fixtures had something to fix`);
  });

  it('applies only unambiguous fixes: one preferred fix that needs no input from the reviewer', () => {
    const one = { title: 'one', preferred: true, edits: [{ range: { start: at(0, 0), end: at(0, 1) }, newText: 'X' }] };
    const two = { title: 'two', preferred: true, edits: [{ range: { start: at(0, 0), end: at(0, 1) }, newText: 'Y' }] };
    const notPreferred = { title: 'plain', edits: one.edits };
    const placeholder = { title: 'fill', preferred: true, needsInput: true, edits: one.edits };
    assert.strictEqual(unambiguousFix(problem([one]))?.title, 'one');
    assert.strictEqual(unambiguousFix(problem([one, two])), undefined);
    assert.strictEqual(unambiguousFix(problem([notPreferred])), undefined);
    assert.strictEqual(unambiguousFix(problem([placeholder])), undefined);
    for (const severity of ['information', 'hint'] as const) {
      assert.strictEqual(unambiguousFix({ ...problem([one]), severity }), undefined, `a ${severity} fix is the reviewer's to choose`);
    }
    assert.strictEqual(unambiguousFix({ ...problem([one]), severity: 'warning' })?.title, 'one');
  });

  it('refuses the whole run when the fixes of a round overlap, leaving the text alone', () => {
    const a = { title: 'a', preferred: true, edits: [{ range: { start: at(0, 0), end: at(0, 3) }, newText: 'X' }] };
    const b = { title: 'b', preferred: true, edits: [{ range: { start: at(0, 2), end: at(0, 5) }, newText: 'Y' }] };
    let calls = 0;
    const result = fixAll('abcdef', () => (calls++, [problem([a]), problem([b])]));
    assert.deepStrictEqual(
      { text: result.text, refused: result.refused, fixed: result.fixed.length, calls },
      { text: 'abcdef', refused: 'overlap', fixed: 0, calls: 1 },
    );
  });

  it('stops when a round changes nothing, and after a bounded number of rounds', () => {
    const same = { title: 'same', preferred: true, edits: [{ range: { start: at(0, 0), end: at(0, 1) }, newText: 'a' }] };
    let calls = 0;
    assert.strictEqual(fixAll('abc', () => (calls++, [problem([same])])).text, 'abc');
    assert.strictEqual(calls, 1);
    let grow = 0;
    const r = fixAll(
      'a',
      (text) => (
        grow++,
        [problem([{ title: 'grow', preferred: true, edits: [{ range: { start: at(0, text.length), end: at(0, text.length) }, newText: 'a' }] }])]
      ),
    );
    assert.ok(grow <= 8 && r.rounds === grow, `ran ${grow} rounds`);
  });

  it('keeps CRLF line endings and gives the editor one minimal edit', () => {
    const crlf = defective.replace(/\n/g, '\r\n');
    const result = service.fixAll(doc(crlf, 'file:///fix-all/crlf.imr'));
    assert.ok(!/[^\r]\n/.test(result.text), 'a bare \\n appeared in a CRLF letter');
    assert.strictEqual(result.edits.length, 1);
    assert.strictEqual(applyFixes(crlf, result.edits).text, result.text);
  });

  it('offers a source.fixAll.imr-lint code action only when something is fixable', () => {
    const action = service.getFixAllAction(doc(defective));
    assert.strictEqual(action?.kind, FIX_ALL_KIND);
    assert.strictEqual(action?.title, 'Fix all auto-fixable problems');
    const clean = fs.readFileSync(path.join(repoRoot, 'examples', 'clean-letter.imr'), 'utf8');
    assert.strictEqual(service.getFixAllAction(doc(clean)), undefined);
  });

  it('minimalEdit never splits a CRLF pair or a surrogate pair', () => {
    assert.deepStrictEqual(minimalEdit('a\r\nb', 'a\r\nb'), undefined);
    const e = minimalEdit('x\r\ny', 'x\r\n\r\ny')!;
    assert.strictEqual('x\r\ny'.slice(0, e.start) + e.newText + 'x\r\ny'.slice(e.end), 'x\r\n\r\ny');
    assert.ok(!('x\r\ny'[e.start - 1] === '\r' && 'x\r\ny'[e.start] === '\n'));
    const s = minimalEdit('\uD83D\uDE00a', '\uD83D\uDE01a')!;
    assert.strictEqual(s.start, 0);
  });
});

describe('structural quick fixes', () => {
  const codeActions = (text: string, ruleId: string) => {
    const d = doc(text);
    const p = service.validate(d).find((x) => x.ruleId === ruleId)!;
    return service.getCodeActions(d, p.range).filter((a) => a.diagnostics?.[0].code === ruleId);
  };

  it("inserts a missing labelled paragraph where it belongs, with a placeholder, in the letter's line ending", () => {
    const crlf = defective.replace(/\n/g, '\r\n');
    const [action] = codeActions(crlf, 'IMR006');
    assert.strictEqual(action.title, "Insert a 'MAXIMUS guideline:' paragraph to fill in");
    const edit = editsOf(action, 'file:///fix-all/letter.imr')[0];
    assert.ok(edit.newText.includes('\r\n') && !/[^\r]\n/.test(edit.newText));
    const fixed = applyFixes(crlf, [edit]).text;
    const lines = fixed.split('\r\n');
    const ca = lines.findIndex((l, i) => i >= 45 && l.startsWith('Claims Administrator guideline:'));
    const mx = lines.findIndex((l) => l.startsWith('MAXIMUS guideline: [write'));
    const dr = lines.findIndex((l, i) => i > ca && l.startsWith('Decision rationale:'));
    assert.ok(ca < mx && mx < dr, `order CA ${ca}, MX ${mx}, DR ${dr}`);
    assert.ok(!service.validate(doc(fixed)).some((p) => p.ruleId === 'IMR006'));
  });

  it('is never applied by fix-all (the placeholder needs the reviewer)', () => {
    assert.ok(!service.fixAll(doc(defective)).text.includes('[write'));
  });

  it('inserts a missing last section heading at the end of the letter', () => {
    const text = loadFixture(path.join(repoRoot, 'test', 'fixtures', 'rules', 'missing-section', 'no-issues-section.imr')).text;
    const [action] = codeActions(text, 'IMR001');
    assert.strictEqual(action.title, "Insert the heading 'IMR ISSUES, DECISIONS AND RATIONALES' at the end of the letter");
    const fixed = applyFixes(text, editsOf(action, 'file:///fix-all/letter.imr')).text;
    assert.ok(/\n\nIMR ISSUES, DECISIONS AND RATIONALES\n$/.test(fixed), JSON.stringify(fixed.slice(-60)));
    assert.ok(!service.validate(doc(fixed)).some((p) => p.ruleId === 'IMR001'));
  });
});

describe('fix-all on the published letters (read from ../shared at run time)', function () {
  const letters = [...readCorpus('letters'), ...readCorpus('seeds')];
  if (!corpusDir())
    it(`skipped: ${corpusMissingReason}`, function () {
      this.skip();
    });
  else {
    it("converges on every letter, adds no problem, and keeps each letter's line endings and form feeds", () => {
      let fixedLetters = 0;
      for (const { name, text } of letters) {
        const before = service.validate(doc(text, `file:///corpus/${name}`));
        const once = service.fixAll(doc(text, `file:///corpus/${name}`));
        assert.ok(!once.refused, `${name}: fixes overlap`);
        const twice = service.fixAll(doc(once.text, `file:///corpus/${name}`));
        assert.strictEqual(twice.fixed.length, 0, `${name}: a second fix-all still fixed ${twice.fixed.map((f) => f.ruleId).join(', ')}`);
        const after = service.validate(doc(once.text, `file:///corpus/${name}`));
        assert.strictEqual(
          after.length,
          before.length - once.fixed.length,
          `${name}: ${before.length} problems, ${once.fixed.length} fixed, ${after.length} left`,
        );
        assert.strictEqual((once.text.match(/\f/g) ?? []).length, (text.match(/\f/g) ?? []).length, `${name}: form feeds changed`);
        assert.strictEqual((once.text.match(/\r\n/g) ?? []).length, (text.match(/\r\n/g) ?? []).length, `${name}: line endings changed`);
        if (once.fixed.length) fixedLetters++;
      }
      assert.ok(fixedLetters > 0, 'fix-all fixed nothing on the letters');
    });
  }
});
