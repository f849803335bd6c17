/**
 * Incremental checking (issue 11, item 2): an edit inside one item re-parses and re-checks that
 * item only; the other items' objects, analyses and problems are reused. Proved by counting rule
 * invocations and built items (never by timing), and by comparing every incremental result with
 * a check from scratch of the same text.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getLanguageService, RULES } from '../../server/src/service';
import type { Problem, Rule } from '../../server/src/service';
import { itemAnalysisCounts as analysisCounts } from '../../server/src/service/queries/analyses';
import { ItemReuse, parseLetter } from '../../server/src/service/parser/parse';
import { ruleScope } from '../../server/src/service/rules/rule';
import { LineCache, LineFindings, lineCacheCounts } from '../../server/src/service/line-cache';
import { LineMap } from '../../server/src/service/text';
import { exampleLetter } from '../letters';
import { countCalls } from '../rule-calls';
import { readCorpus, repoRoot } from '../util';

const itemRules = RULES.filter((r) => ruleScope(r) === 'item');
const letterRules = RULES.filter((r) => ruleScope(r) === 'letter');
const lineRules = RULES.filter((r) => ruleScope(r) === 'line');

/** Inserts `word` after the first occurrence of `anchor` at or after `from` (on the same line). */
function insertAfter(text: string, anchor: string, word: string, from = 0): string {
  const at = text.indexOf(anchor, from);
  assert.ok(at >= 0, `anchor '${anchor}' not found`);
  return text.slice(0, at + anchor.length) + word + text.slice(at + anchor.length);
}

describe('incremental checking: an edit re-checks its own item only', () => {
  const letter = exampleLetter('defective-letter.imr');

  it('the example letter has several items, and both scopes have rules', () => {
    const service = getLanguageService();
    assert.ok(service.parse({ uri: 'x', version: 1, getText: () => letter }).items.length >= 3);
    assert.ok(itemRules.length >= 15, `${itemRules.length} item rules`);
    assert.ok(letterRules.length >= 10, `${letterRules.length} letter rules`);
    assert.ok(lineRules.length >= 2, `${lineRules.length} line rules`);
  });

  it('a word typed in the second rationale re-runs the item rules on item 2 only, and every letter rule once', () => {
    const service = getLanguageService();
    const items = service.parse({ uri: 'u', version: 1, getText: () => letter }).items.length;
    const first = countCalls(() => service.validate({ uri: 'u', version: 1, getText: () => letter }));
    // The first check: every item rule on every item, every letter and line rule once.
    assert.strictEqual(first.length, itemRules.length * items + letterRules.length + lineRules.length);

    const second = rationaleStart(letter, 2);
    const edited = insertAfter(letter, 'Decision rationale: ', 'Indeed, ', second);
    const calls = countCalls(() => service.validate({ uri: 'u', version: 2, getText: () => edited }));
    const itemCalls = calls.filter((c) => itemRules.some((r) => r.id === c.rule));
    assert.strictEqual(itemCalls.length, itemRules.length, 'one call per item rule');
    assert.ok(
      itemCalls.every((c) => c.items.length === 1 && c.items[0] === 2),
      JSON.stringify(itemCalls.slice(0, 3)),
    );
    assert.deepStrictEqual(
      calls.filter((c) => letterRules.some((r) => r.id === c.rule)).map((c) => c.rule),
      letterRules.map((r) => r.id),
    );
    // The line rules: once each, on the one edited line.
    assert.deepStrictEqual(
      calls.filter((c) => lineRules.some((r) => r.id === c.rule)).map((c) => `${c.rule} ${c.lines}`),
      lineRules.map((r) => `${r.id} 1`),
    );
    assert.strictEqual(calls.length, itemRules.length + letterRules.length + lineRules.length);
  });

  it('an edit that adds a line re-checks that line only with the line rules (the lines after it moved, unchanged)', () => {
    const service = getLanguageService();
    service.validate({ uri: 'u', version: 1, getText: () => letter });
    const at = letter.indexOf('\n', rationaleStart(letter, 2)) + 1;
    const edited = `${letter.slice(0, at)}Norco and Ultrma were tried.\n${letter.slice(at)}`;
    const calls = countCalls(() => service.validate({ uri: 'u', version: 2, getText: () => edited }));
    assert.deepStrictEqual(
      calls.filter((c) => lineRules.some((r) => r.id === c.rule)).map((c) => `${c.rule} ${c.lines}`),
      lineRules.map((r) => `${r.id} 1`),
    );
    const problems = service.validate({ uri: 'u', version: 2, getText: () => edited });
    const fresh = getLanguageService({ catalog: service.catalog }).validate({ uri: 'u', version: 2, getText: () => edited });
    assert.deepStrictEqual(problems, fresh);
    assert.ok(
      problems.some((p) => p.alias === 'drug-misspelling' && /Ultrma/.test(p.message)),
      'the new line is checked',
    );
  });

  it('the untouched items are the same objects, and their problems the same objects', () => {
    const service = getLanguageService();
    const v1 = service.parse({ uri: 'u', version: 1, getText: () => letter });
    const p1 = service.validate({ uri: 'u', version: 1, getText: () => letter });
    const edited = insertAfter(letter, 'Decision rationale: ', 'Indeed, ', rationaleStart(letter, 2));
    const v2 = service.parse({ uri: 'u', version: 2, getText: () => edited });
    const p2 = service.validate({ uri: 'u', version: 2, getText: () => edited });
    assert.strictEqual(v2.items[0], v1.items[0]);
    assert.notStrictEqual(v2.items[1], v1.items[1]);
    for (let k = 2; k < v1.items.length; k++) assert.strictEqual(v2.items[k], v1.items[k], `item ${k + 1}`);
    // Problems inside item 1 (before the edit) are reused objects, not rebuilt.
    const inItem1 = (p: Problem) =>
      p.range.start.line >= v1.items[0].range.start.line && p.range.end.line <= v1.items[0].range.end.line && itemRules.some((r) => r.id === p.ruleId);
    const before = p1.filter(inItem1);
    assert.ok(before.length > 0, 'the example has problems in item 1');
    assert.deepStrictEqual(
      p2.filter(inItem1).map((p) => before.includes(p)),
      before.map(() => true),
    );
  });

  it('the parser builds the edited item only; an item that moves to another line is rebuilt', () => {
    const service = getLanguageService();
    const reuse = new ItemReuse();
    const v1 = parseLetter(letter, 'u', 1, service.catalog, reuse);
    assert.strictEqual(reuse.built, v1.items.length);
    const edited = insertAfter(letter, 'Decision rationale: ', 'Indeed, ', rationaleStart(letter, 2));
    parseLetter(edited, 'u', 2, service.catalog, reuse);
    assert.deepStrictEqual({ built: reuse.built, reused: reuse.reused }, { built: 1, reused: v1.items.length - 1 });
    // A new line in item 2 moves item 3 and later: they are rebuilt (their ranges changed); item 1 is not.
    const withLine = insertAfter(edited, 'Indeed, ', 'see below.\n\n', rationaleStart(edited, 2));
    parseLetter(withLine, 'u', 3, service.catalog, reuse);
    assert.deepStrictEqual({ built: reuse.built, reused: reuse.reused }, { built: v1.items.length - 1, reused: 1 });
  });

  it('an item analysis (quotations, drugs) is computed once per item, and again only for the edited item', () => {
    const service = getLanguageService();
    service.validate({ uri: 'u', version: 1, getText: () => letter });
    const before = { ...analysisCounts };
    const edited = insertAfter(letter, 'Decision rationale: ', 'Indeed, ', rationaleStart(letter, 2));
    service.validate({ uri: 'u', version: 2, getText: () => edited });
    service.doComplete({ uri: 'u', version: 2, getText: () => edited }, { line: 0, character: 0 });
    assert.ok(
      analysisCounts.quotationMatches - before.quotationMatches <= 1,
      `${analysisCounts.quotationMatches - before.quotationMatches} quotation analyses`,
    );
    assert.ok(analysisCounts.treatmentDrugs - before.treatmentDrugs <= 1, `${analysisCounts.treatmentDrugs - before.treatmentDrugs} drug analyses`);
  });

  it('an item rule that throws on some items is reported once per check and still checks the other items', () => {
    const errors: string[] = [];
    const service = getLanguageService({ onRuleError: (id) => errors.push(id) });
    const doc = { uri: 'u', version: 1, getText: () => letter };
    const expected = getLanguageService({ catalog: service.catalog }).validate(doc);
    const items = service.parse(doc).items;
    // An item rule's problem, and the item it stands in: the rule throws on every other item.
    const found = expected.find((p) => itemRules.some((r) => r.id === p.ruleId))!;
    const home = items.find((i) => i.range.start.line <= found.range.start.line && found.range.start.line <= i.range.end.line)!;
    assert.ok(found && home && items.length >= 3);
    const rule = RULES.find((r) => r.id === found.ruleId) as Rule;
    const original = rule.check;
    rule.check = (context) => {
      if (context.model.items.some((i) => i.number !== home.number)) throw new TypeError('broken');
      original.call(rule, context);
    };
    try {
      const problems = service.validate(doc);
      assert.deepStrictEqual(errors, [rule.id]);
      assert.deepStrictEqual(
        problems.filter((p) => p.ruleId === rule.id),
        expected.filter((p) => p.ruleId === rule.id),
      );
    } finally {
      rule.check = original;
    }
  });

  it('a configuration change re-runs the item rules (results are cached per configuration)', () => {
    const service = getLanguageService();
    const doc = { uri: 'u', version: 1, getText: () => letter };
    service.validate(doc);
    const again = countCalls(() => service.validate(doc, undefined, new Set(['indeed'])));
    assert.strictEqual(again.length, itemRules.length * service.parse(doc).items.length + letterRules.length + lineRules.length);
  });
});

describe('line rules: findings kept by line text (service/line-cache.ts)', () => {
  // The example, with a line each line rule reports on.
  const letter = `${exampleLetter('defective-letter.imr')}Ultrma was tried after x-rays.The appeal followed.\n`;
  const distinctLines = new Set(letter.split(/\r\n|\r|\n/)).size;

  it('a first check runs each line rule once, on a view of the distinct line texts', () => {
    const service = getLanguageService();
    const calls = countCalls(() => service.validate({ uri: 'a', version: 1, getText: () => letter }));
    assert.deepStrictEqual(
      calls.filter((c) => lineRules.some((r) => r.id === c.rule)).map((c) => `${c.rule} ${c.lines}`),
      lineRules.map((r) => `${r.id} ${distinctLines}`),
    );
  });

  it('another letter with the same lines runs no line rule, and gets the same problems (its own objects)', () => {
    const service = getLanguageService();
    const first = service.validate({ uri: 'a', version: 1, getText: () => letter });
    // The same lines in another order (the sections reversed): every line is known by its text.
    const other = letter.split('\n').reverse().join('\n');
    const calls = countCalls(() => service.validate({ uri: 'b', version: 1, getText: () => other }));
    assert.deepStrictEqual(
      calls.filter((c) => lineRules.some((r) => r.id === c.rule)),
      [],
    );
    const lineProblems = (ps: Problem[]) => ps.filter((p) => lineRules.some((r) => r.id === p.ruleId));
    const fresh = getLanguageService({ catalog: service.catalog }).validate({ uri: 'b', version: 1, getText: () => other });
    const got = service.validate({ uri: 'b', version: 1, getText: () => other });
    assert.deepStrictEqual(got, fresh);
    assert.deepStrictEqual(new Set(lineProblems(got).map((p) => p.ruleId)), new Set(lineRules.map((r) => r.id)));
    assert.ok(lineProblems(got).every((p) => !first.includes(p)));
  });

  it('an edit that brings back a line text seen before runs no line rule; a new text runs each line rule on that line only', () => {
    const service = getLanguageService();
    service.validate({ uri: 'u', version: 1, getText: () => letter });
    const edited = insertAfter(letter, 'Decision rationale: ', 'Ultrma, ', rationaleStart(letter, 2));
    const typed = countCalls(() => service.validate({ uri: 'u', version: 2, getText: () => edited }));
    assert.deepStrictEqual(
      typed.filter((c) => lineRules.some((r) => r.id === c.rule)).map((c) => `${c.rule} ${c.lines}`),
      lineRules.map((r) => `${r.id} 1`),
    );
    const undone = countCalls(() => service.validate({ uri: 'u', version: 3, getText: () => letter }));
    assert.deepStrictEqual(
      undone.filter((c) => lineRules.some((r) => r.id === c.rule)),
      [],
    );
    const fresh = getLanguageService({ catalog: service.catalog }).validate({ uri: 'u', version: 3, getText: () => letter });
    assert.deepStrictEqual(service.validate({ uri: 'u', version: 3, getText: () => letter }), fresh);
  });

  it('the new texts of a check are stored when the next check starts (LineCache later / settle)', () => {
    const cache = new LineCache('k');
    const found: LineFindings = [[], []];
    cache.later(['a line', 'another line'], [found, undefined]);
    assert.strictEqual(cache.get('a line'), undefined);
    cache.settle();
    assert.deepStrictEqual(cache.get('a line'), found);
    assert.strictEqual(cache.get('another line'), null);
    // A second `later` stores the first one's texts before keeping its own.
    cache.later(['third'], [undefined]);
    cache.later(['fourth'], [undefined]);
    assert.strictEqual(cache.get('third'), null);
    assert.strictEqual(cache.get('fourth'), undefined);
  });

  it("a line as it stood in the last document checked whole takes that line's findings (LineCache atSameLine / remember)", () => {
    const cache = new LineCache('k');
    const found: LineFindings = [[], []];
    cache.remember(['first line', 'second line', 'third'], [found, null, found], Int32Array.of(-1, -1, 0), [undefined]);
    assert.strictEqual(cache.atSameLine(0, 'first line'), found);
    assert.strictEqual(cache.atSameLine(1, 'second line'), null);
    // A text the check waited for and found nothing on is kept as nothing found.
    assert.strictEqual(cache.atSameLine(2, 'third'), null);
    assert.strictEqual(cache.atSameLine(0, 'first lime'), undefined);
    assert.strictEqual(cache.atSameLine(1, 'first line'), undefined);
    assert.strictEqual(cache.atSameLine(3, ''), undefined);
  });

  it('a letter checked after another compares each line with the line at its index there, then looks up the others by text', () => {
    const service = getLanguageService();
    service.validate({ uri: 'a', version: 1, getText: () => letter });
    const lineCount = new LineMap(letter).lineCount;
    // One line changed (a misspelled drug typed), the others at the same index.
    const edited = insertAfter(letter, 'Decision rationale: ', 'Ultrma, ', rationaleStart(letter, 2));
    const before = { ...lineCacheCounts };
    const got = service.validate({ uri: 'b', version: 1, getText: () => edited });
    assert.strictEqual(lineCacheCounts.sameLine - before.sameLine, lineCount - 1);
    assert.strictEqual(lineCacheCounts.lookups - before.lookups, 1);
    assert.deepStrictEqual(got, getLanguageService({ catalog: service.catalog }).validate({ uri: 'b', version: 1, getText: () => edited }));
    // A line added at the start moves every line: each is looked up by its text, with the same result.
    const moved = `Case Number: CM00-0000000\n${edited}`;
    const again = { ...lineCacheCounts };
    const shifted = service.validate({ uri: 'c', version: 1, getText: () => moved });
    assert.ok(lineCacheCounts.lookups - again.lookups >= lineCount - 5, `${lineCacheCounts.lookups - again.lookups} lookups`);
    assert.deepStrictEqual(shifted, getLanguageService({ catalog: service.catalog }).validate({ uri: 'c', version: 1, getText: () => moved }));
  });

  it('a configuration change checks the lines again (findings are kept per configuration)', () => {
    const service = getLanguageService();
    const doc = { uri: 'u', version: 1, getText: () => letter };
    service.validate(doc);
    const ultrma = countCalls(() => service.validate({ uri: 'b', version: 1, getText: () => letter }, undefined, new Set(['ultrma'])));
    assert.deepStrictEqual(
      ultrma.filter((c) => lineRules.some((r) => r.id === c.rule)).map((c) => c.rule),
      lineRules.map((r) => r.id),
    );
  });
});

describe('incremental checking: an edit at the end of a 5 MB document (issue 13)', function () {
  this.timeout(60000);

  it('re-builds no item and runs the line rules on the one edited line', () => {
    // Each copy ends with a misspelled drug name: thousands of line problems.
    const one = `${exampleLetter('defective-letter.imr')}Ultrma was tried.\n`;
    const big = one.repeat(Math.ceil(5_000_000 / one.length));
    const service = getLanguageService();
    const first = service.validate({ uri: 'big', version: 1, getText: () => big });
    const items = service.parse({ uri: 'big', version: 1, getText: () => big }).items.length;
    const edited = `${big}Ultrma`;
    const calls = countCalls(() => service.validate({ uri: 'big', version: 2, getText: () => edited }));
    // No item rule runs (the items are unchanged); each line rule sees one line; each letter rule runs once.
    assert.deepStrictEqual(
      calls.filter((c) => itemRules.some((r) => r.id === c.rule)),
      [],
    );
    assert.deepStrictEqual(
      calls.filter((c) => lineRules.some((r) => r.id === c.rule)).map((c) => c.lines),
      lineRules.map(() => 1),
    );
    assert.strictEqual(calls.length, letterRules.length + lineRules.length);
    const second = service.validate({ uri: 'big', version: 2, getText: () => edited });
    // The item and line rules' problems of the untouched text are the same objects (letter rules run again).
    const reusable = first.filter((p) => !letterRules.some((r) => r.id === p.ruleId));
    assert.ok(reusable.length > 500, `${reusable.length} item and line problems, ${items} items`);
    const kept = new Set(second);
    assert.deepStrictEqual(
      reusable.filter((p) => !kept.has(p)),
      [],
    );
  });
});

/** The offset where item `n`'s "Decision rationale:" label starts (the label of the n-th item). */
function rationaleStart(text: string, n: number): number {
  let at = -1;
  for (let k = 0; k < n; k++) at = text.indexOf('Decision rationale: ', at + 1);
  assert.ok(at >= 0);
  return at;
}

/** Edits a reviewer makes: each one applied to the text the previous one produced. */
function editsOf(text: string): Array<(t: string) => string> {
  const edits: Array<(t: string) => string> = [];
  const rationales: number[] = [];
  for (let at = text.indexOf('Decision rationale:'); at >= 0; at = text.indexOf('Decision rationale:', at + 1)) rationales.push(at);
  const last = rationales.length - 1;
  if (last >= 0) {
    edits.push((t) => insertAt(t, nthIndex(t, 'Decision rationale:', last) + 19, ' Norco is an NSAID.'));
    edits.push((t) => insertAt(t, nthIndex(t, 'Decision rationale:', 0) + 19, ' The request is medically necessary.'));
    edits.push((t) => insertAt(t, nthIndex(t, 'Decision rationale:', last) + 19, '\n\n'));
    edits.push((t) => t.replace(/: Upheld/, ': Uphold'));
    edits.push((t) => t.replace(/Page\(s\): (\d+)/, 'Page(s): 9$1'));
    edits.push((t) => t.replace(/Section\(s\): /, 'Section(s): Opiods, '));
    edits.push((t) => insertAt(t, Math.floor(t.length / 2), 'x'));
    edits.push((t) => t.replace(/\n\n/, '\n'));
    edits.push((t) => t.slice(0, Math.floor(t.length * 0.8)));
    edits.push((t) => t + '\n\nDecision rationale: an added paragraph.');
  }
  edits.push((t) => t.replace(/Decision Date: +\d\d/, (m) => m.replace(/\d\d$/, '13')));
  edits.push((t) => t.replace(/CLINICAL CASE SUMMARY/, 'CLINCAL CASE SUMMARY'));
  return edits;
}

function nthIndex(t: string, s: string, n: number): number {
  let at = -1;
  for (let k = 0; k <= n; k++) {
    const next = t.indexOf(s, at + 1);
    if (next < 0) return at < 0 ? 0 : at;
    at = next;
  }
  return at;
}

function insertAt(t: string, at: number, s: string): string {
  return t.slice(0, at) + s + t.slice(at);
}

describe('incremental checking: the same problems as a check from scratch', function () {
  this.timeout(60000);
  // Every fourth real letter (in memory, never copied) keeps the suite short; all seeds.
  const letters = [
    { name: 'clean-letter.imr', text: exampleLetter('clean-letter.imr') },
    { name: 'defective-letter.imr', text: exampleLetter('defective-letter.imr') },
    { name: 'citation-defects.imr', text: fs.readFileSync(path.join(repoRoot, 'examples', 'citation-defects.imr'), 'utf8') },
    ...readCorpus('letters').filter((_, i) => i % 4 === 0),
    ...readCorpus('seeds'),
  ];

  it(`after each of a series of edits, on ${letters.length} letters (the real ones read in memory)`, () => {
    const incremental = getLanguageService();
    const catalog = incremental.catalog;
    let compared = 0;
    for (const { name, text } of letters) {
      let current = text;
      let version = 1;
      incremental.validate({ uri: name, version, getText: () => current });
      for (const edit of editsOf(text)) {
        current = edit(current);
        version++;
        const fresh = getLanguageService({ catalog }).validate({ uri: name, version, getText: () => current });
        const got = incremental.validate({ uri: name, version, getText: () => current });
        assert.deepStrictEqual(got, fresh, `${name}, edit ${version - 1}`);
        compared++;
      }
      incremental.forget(name);
    }
    assert.ok(compared >= 20);
  });
});
