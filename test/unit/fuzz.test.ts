/**
 * Fuzzing in the test suite (issue 13, Build 6): a few hundred mutated and generated letters
 * with a fixed seed (scripts/fuzz.js runs the long, random-seeded version), every truncation of
 * a letter at a line boundary, and a letter of thousands of items.
 */
import * as assert from 'assert';
import { baseLetters, Checker, generatedLetter, mutate, runFuzz } from '../fuzz/harness';

describe('fuzzing', () => {
  it('300 mutated and generated letters: no throw, ranges inside, CLI JSON valid, fixes converge', () => {
    const result = runFuzz(300, 20261130, { maxFixes: 5, cliEvery: 3 });
    assert.ok(!result.failed, result.report);
    assert.strictEqual(result.stats.cases, 300);
    assert.ok(result.stats.fixesChecked >= 15, `fixes were exercised (${result.stats.fixesChecked})`);
    assert.ok(result.stats.cliRuns >= 100);
  });

  it('every truncation of the defective example at a line boundary, with each line ending', () => {
    const text = baseLetters().find((l) => l.name === 'examples/defective-letter.imr')!.text;
    const checker = new Checker({ maxFixes: 2, cliEvery: 0 });
    try {
      for (const eol of ['\n', '\r\n', '\r'] as const) {
        const t = mutate(text, { op: 'eol', eol });
        for (let i = 0; i <= t.length; i++) if (i === t.length || t[i] === '\n' || t[i] === '\r') checker.check(t.slice(0, i));
      }
      assert.ok(checker.stats.cases > 200);
    } finally {
      checker.dispose();
    }
  });

  it('every character of the special set inserted at the start of each line of the header', () => {
    const text = baseLetters().find((l) => l.name === 'examples/clean-letter.imr')!.text;
    const checker = new Checker({ maxFixes: 2, cliEvery: 0 });
    try {
      for (const char of ['\ud800', '\udc00', '\u200b', '\ufeff', '\u200f', '\u202e', '\u0000', '\r', '\u2028']) {
        for (let line = 0; line < 8; line++) {
          const lines = text.split('\n');
          lines[line] = char + lines[line];
          checker.check(lines.join('\n'));
        }
      }
    } finally {
      checker.dispose();
    }
  });

  it('the checks can fail: a range outside the document and a fix that does not remove its problem are caught', () => {
    const checker = new Checker({ maxFixes: 5, cliEvery: 0 });
    try {
      const at = (line: number, character: number) => ({ line, character });
      const problem = (range: { start: { line: number; character: number }; end: { line: number; character: number } }, newText?: string) => ({
        ruleId: 'IMR999',
        alias: 'planted',
        severity: 'error' as const,
        message: 'A planted problem.',
        range,
        fixes: newText === undefined ? undefined : [{ title: 'Planted fix', edits: [{ range, newText }], preferred: true }],
      });
      Object.assign(checker.service, { validate: () => [problem({ start: at(0, 0), end: at(5, 0) })] });
      assert.throws(() => checker.check('one line'), /line 5 outside 0\.\.0/);
      Object.assign(checker.service, { validate: () => [problem({ start: at(0, 0), end: at(0, 9) })] });
      assert.throws(() => checker.check('one line'), /character 9 outside line 0 of length 8/);
      Object.assign(checker.service, { validate: () => [problem({ start: at(0, 0), end: at(0, 3) }, 'one')] });
      assert.throws(() => checker.check('one line'), /did not remove its problem/);
    } finally {
      checker.dispose();
    }
  });

  it('a letter of 3,000 items is checked whole', () => {
    const checker = new Checker({ maxFixes: 1, cliEvery: 0 });
    try {
      const text = generatedLetter(3000, 7);
      const model = checker.service.parse({ uri: 'mem://items', version: 1, getText: () => text });
      assert.strictEqual(model.items.length, 3000);
      checker.check(text);
    } finally {
      checker.dispose();
    }
  });
});
