/**
 * The document cache as the language server uses it (docs/performance-server.md): results for
 * every open letter, models for the few last parsed or checked (modelCacheSize), and an edit that
 * compares only the lines around its changed characters (service/text-change.ts). Proved by
 * counting rule invocations and by object identity, never by timing.
 */
import * as assert from 'assert';
import { getLanguageService, RULES } from '../../server/src/service';
import type { Problem } from '../../server/src/service';
import { reuseCounts, reuseEqualProblems, sameProblem } from '../../server/src/service/problem-reuse';
import { ruleScope } from '../../server/src/service/rules/rule';
import { commonPrefixLength, commonSuffixLength } from '../../server/src/service/text-change';
import { detached } from '../../server/src/service/text';
import { exampleLetter } from '../letters';
import { countCalls } from '../rule-calls';

const lineRules = RULES.filter((r) => ruleScope(r) === 'line').map((r) => r.id);
const letter = exampleLetter('defective-letter.imr');
const doc = (uri: string, text: string, version = 1) => ({ uri, version, getText: () => text });

describe('document cache: results for every open letter, models for the last few', () => {
  it('a letter kept cold answers its diagnostics without parsing or checking again', () => {
    const service = getLanguageService({ cacheSize: 16, modelCacheSize: 2 });
    const uris = ['a', 'b', 'c', 'd'];
    const first = uris.map((u) => service.validate(doc(u, letter)));
    const calls = countCalls(() => uris.forEach((u, i) => assert.strictEqual(service.validate(doc(u, letter)), first[i], u)));
    assert.deepStrictEqual(calls, [], 'no rule ran');
  });

  it('only the last modelCacheSize letters keep their model; a request that needs the model of another parses it again', () => {
    const service = getLanguageService({ cacheSize: 16, modelCacheSize: 2 });
    const a = service.parse(doc('a', letter));
    assert.strictEqual(service.parse(doc('a', letter)), a, 'kept while among the last two');
    service.parse(doc('b', letter));
    assert.strictEqual(service.parse(doc('a', letter)), a);
    service.parse(doc('b', letter));
    service.parse(doc('c', letter));
    const again = service.parse(doc('a', letter));
    assert.notStrictEqual(again, a, 'parsed again after two others');
    assert.deepStrictEqual(again.items.length, a.items.length);
  });

  it('a letter parsed again for a request keeps the problems it had (same text, same version)', () => {
    const service = getLanguageService({ cacheSize: 16, modelCacheSize: 1 });
    const problems = service.validate(doc('a', letter));
    service.validate(doc('b', letter));
    service.doHover(doc('a', letter), { line: 0, character: 0 });
    const calls = countCalls(() => assert.strictEqual(service.validate(doc('a', letter)), problems));
    assert.deepStrictEqual(calls, []);
  });

  it('an edit to a letter kept cold is checked from scratch, with the result of a fresh service', () => {
    const service = getLanguageService({ cacheSize: 16, modelCacheSize: 1 });
    service.validate(doc('a', letter));
    service.validate(doc('b', letter));
    const edited = letter.replace('Decision rationale:', 'Decision rationale: Also,');
    assert.notStrictEqual(edited, letter);
    assert.deepStrictEqual(service.validate(doc('a', edited, 2)), getLanguageService().validate(doc('a', edited, 2)));
  });

  it('cacheSize bounds the letters kept: the oldest is dropped, results and model', () => {
    const service = getLanguageService({ cacheSize: 2, modelCacheSize: 2 });
    const problems = service.validate(doc('a', letter));
    service.validate(doc('b', letter));
    service.validate(doc('c', letter));
    assert.notStrictEqual(service.validate(doc('a', letter)), problems, 'checked again');
  });

  it('modelCacheSize 0 is taken as 1 (the letter being checked keeps its model while it is checked)', () => {
    const service = getLanguageService({ cacheSize: 4, modelCacheSize: 0 });
    assert.deepStrictEqual(service.validate(doc('a', letter)), getLanguageService().validate(doc('a', letter)));
    assert.ok(service.parse(doc('b', letter)).items.length > 0);
  });

  it('forget drops a letter', () => {
    const service = getLanguageService({ cacheSize: 16, modelCacheSize: 2 });
    const problems = service.validate(doc('a', letter));
    service.forget('a');
    assert.notStrictEqual(service.validate(doc('a', letter)), problems);
  });
});

describe('document cache: an edit compares only the lines around its changed characters', () => {
  const lines = letter.split('\n');
  const at = (k: number, word: string) => {
    const copy = [...lines];
    copy[k] = `${word} ${copy[k]}`;
    return copy.join('\n');
  };

  for (const [name, edit] of [
    ['two words far apart in one version', () => at(lines.length - 3, 'Alsoo').replace(lines[2], `Xx ${lines[2]}`)],
    ['a line added at the top', () => `New first line\n${letter}`],
    ['a line removed in the middle', () => [...lines.slice(0, 20), ...lines.slice(21)].join('\n')],
    ['the whole text replaced by itself', () => letter],
    ['the last character removed', () => letter.slice(0, -1)],
  ] as Array<[string, () => string]>) {
    it(`${name}: the result of a check from scratch`, () => {
      const service = getLanguageService();
      service.validate(doc('x', letter));
      const text = edit();
      assert.deepStrictEqual(service.validate(doc('x', text, 2)), getLanguageService().validate(doc('x', text, 2)));
    });
  }

  it('two words typed far apart in one version re-check two lines, not the lines between them', () => {
    const service = getLanguageService();
    service.validate(doc('x', letter));
    const text = at(lines.length - 3, 'Alsoo').replace(lines[2], `Xx ${lines[2]}`);
    const calls = countCalls(() => service.validate(doc('x', text, 2))).filter((c) => lineRules.includes(c.rule));
    // Each line rule runs once, on a view of the two edited lines (service/line-cache.ts).
    assert.strictEqual(calls.length, lineRules.length);
    assert.ok(calls.every((c) => c.lines === 2));
  });
});

describe('text-change', () => {
  const base = Array.from({ length: 50000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
  const change = (i: number) => base.slice(0, i) + 'Z' + base.slice(i + 1);

  it('finds the common prefix and suffix at, before and after the chunk boundaries', () => {
    for (const i of [0, 1, 1023, 1024, 1025, 16384, 32768, 49999]) {
      const other = change(i);
      assert.strictEqual(commonPrefixLength(base, other), i, `prefix, change at ${i}`);
      assert.strictEqual(commonSuffixLength(base, other, base.length), base.length - 1 - i, `suffix, change at ${i}`);
    }
    assert.strictEqual(commonPrefixLength(base, base), base.length);
    assert.strictEqual(commonPrefixLength(base, base.slice(0, 20000)), 20000);
    assert.strictEqual(commonSuffixLength(base, `xx${base}`, base.length), base.length);
    assert.strictEqual(commonSuffixLength(base, base, 100), 100, 'at most the limit');
    assert.strictEqual(commonPrefixLength('', 'abc'), 0);
  });

  it('detached gives an equal string', () => {
    for (const s of ['', 'a', 'a line of a letter, long enough to be a slice', base.slice(100, 30000)]) assert.strictEqual(detached(s), s);
  });
});

describe('document cache: a problem an edit did not change keeps its object and its diagnostic', () => {
  it('after a word typed in the summary, every other diagnostic is the same object, letter rules included', () => {
    const service = getLanguageService();
    const before = service.doValidation(doc('x', letter));
    const letterRules = RULES.filter((r) => ruleScope(r) === 'letter').map((r) => r.id);
    assert.ok(
      before.some((d) => letterRules.includes(String(d.code))),
      'the example has letter-rule problems',
    );
    const lines = letter.split('\n');
    const edited = lines.findIndex((l) => l.startsWith('case file, including'));
    assert.ok(edited > 0);
    lines[edited] += ' Alsoo';
    const text = lines.join('\n');
    const after = service.doValidation(doc('x', text, 2));
    const others = before.filter((d) => d.range.start.line !== edited && d.range.end.line !== edited);
    assert.strictEqual(others.length, before.length);
    for (const d of others) assert.ok(after.includes(d), `${d.code} at line ${d.range.start.line} is the same object`);
    assert.deepStrictEqual(after, getLanguageService().doValidation(doc('x', text, 2)));
  });

  it('sameProblem compares every field', () => {
    const base: Problem = {
      ruleId: 'IMR001',
      alias: 'a',
      severity: 'error',
      message: 'm',
      range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } },
      related: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } }, message: 'r' }],
      fixes: [{ title: 't', edits: [{ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } }, newText: 'x' }] }],
    };
    const copy = JSON.parse(JSON.stringify(base)) as Problem;
    assert.ok(sameProblem(base, copy));
    const variants: Array<(p: Problem) => void> = [
      (p) => (p.severity = 'warning'),
      (p) => (p.message = 'n'),
      (p) => (p.range.end.character = 6),
      (p) => (p.related![0].message = 's'),
      (p) => (p.related = undefined),
      (p) => (p.fixes![0].edits[0].newText = 'y'),
      (p) => (p.fixes![0].preferred = true),
      (p) => (p.fixes = []),
    ];
    for (const change of variants) {
      const other = JSON.parse(JSON.stringify(base)) as Problem;
      change(other);
      assert.ok(!sameProblem(base, other), String(change));
    }
  });
  it('reuseEqualProblems compares only distinct objects that start at the same place, and takes each previous problem once', () => {
    const at = (line: number, message: string): Problem => ({
      ruleId: 'IMR001',
      alias: 'a',
      severity: 'error',
      message,
      range: { start: { line, character: 0 }, end: { line, character: 1 } },
    });
    const kept = [at(1, 'a'), at(2, 'b'), at(4, 'd')];
    const twin = at(3, 'c');
    const previous = [kept[0], kept[1], twin, at(3, 'c'), kept[2]];
    // The same objects (item and line problems) and two new ones equal to the two at line 3.
    const fresh = [kept[0], kept[1], at(3, 'c'), at(3, 'c'), kept[2], at(5, 'e')];
    reuseCounts.compared = 0;
    reuseEqualProblems(fresh, previous);
    assert.strictEqual(reuseCounts.compared, 2, 'the two new problems at line 3 only, each once (the second skips the one taken)');
    assert.deepStrictEqual(
      fresh.map((p) => previous.indexOf(p)),
      [0, 1, 2, 3, 4, -1],
    );
  });
});
