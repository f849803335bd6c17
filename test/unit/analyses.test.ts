/**
 * Shared analyses (server/src/service/queries): computed once per model version and read by
 * rules and features alike; and the one positions module.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getLanguageService } from '../../server/src/service';
import type { AnalysisCounts } from '../../server/src/service';
import { resolveRules } from '../../server/src/service/config';
import { compareRanges, cover, intersects, isBefore, rangeContains, rangeWithin } from '../../server/src/service/positions';
import { quotationMatches } from '../../server/src/service/queries/quotations';
import { createAnalyses } from '../../server/src/service/queries/analyses';
import { ItemReuse, parseLetter } from '../../server/src/service/parser/parse';
import { repoRoot } from '../util';

const fixture = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'rules', 'misquoted-meaning', 'negation-and-number-changed.imr'), 'utf8');
const text = fixture.slice(0, fixture.indexOf('\n--- expect\n') + 1);

describe('shared analyses: once per model version', () => {
  it('rules and features share the quotation matches and the guideline references of one version', () => {
    const counts: AnalysisCounts = { guidelineReferences: 0, quotationMatches: 0 };
    const service = getLanguageService({ analysisCounts: counts });
    const doc = (version: number, t = text) => ({ uri: 'mem://analyses', version, getText: () => t });

    const problems = service.validate(doc(1));
    // Three quotation rules and five citation rules read them: each is computed once.
    assert.ok(
      problems.some((p) => p.ruleId === 'IMR030'),
      'the fixture has misquotations (the matches are not empty)',
    );
    assert.deepStrictEqual(counts, { guidelineReferences: 1, quotationMatches: 1 });

    // Another rule configuration re-runs the rules on the same model: nothing is recomputed.
    service.validate(doc(1), resolveRules({ rules: { IMR030: 'warning' } }));
    // Completion in the MAXIMUS line reads the matches the rules found.
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('MAXIMUS guideline:'));
    const list = service.doComplete(doc(1), { line, character: 'MAXIMUS guideline: '.length });
    assert.ok(
      list.items.some((i) => /Cites the quotation/.test(String(i.detail))),
      'completion used the matches',
    );
    service.getCodeActions(doc(1), problems[0].range);
    assert.deepStrictEqual(counts, { guidelineReferences: 1, quotationMatches: 1 });

    // A new version is a new model: computed once more.
    service.validate(doc(2, text.replace('2\nweeks', '4\nweeks')));
    service.doComplete(doc(2, text.replace('2\nweeks', '4\nweeks')), { line, character: 'MAXIMUS guideline: '.length });
    assert.deepStrictEqual(counts, { guidelineReferences: 2, quotationMatches: 2 });
  });

  it("an item's analyses are shared by the model's item views and handed on to the next version that reuses the item", () => {
    // Owned by the model's analyses (no WeakMap by item: V8's scavenger keeps a WeakMap's values
    // alive whatever their key, and these hold their item and its version's text).
    const service = getLanguageService();
    const reuse = new ItemReuse();
    const v1 = parseLetter(text, 'mem://own', 1, service.catalog, reuse);
    assert.ok(v1.items.length >= 1);
    const a1 = createAnalyses(v1, service.catalog);
    const first = a1.item(v1.items[0]);
    assert.strictEqual(a1.view({ ...v1, items: [v1.items[0]] }).item(v1.items[0]), first, 'a view shares the item analyses');
    const v2 = parseLetter(text, 'mem://own', 2, service.catalog, reuse);
    assert.strictEqual(v2.items[0], v1.items[0], 'the parser reused the item');
    assert.strictEqual(createAnalyses(v2, service.catalog, undefined, undefined, a1).item(v2.items[0]), first, 'the next version keeps them');
    assert.notStrictEqual(createAnalyses(v2, service.catalog).item(v2.items[0]), first, 'another model without `previous` makes its own');
  });

  it('an analysis nobody reads is never computed', () => {
    const counts: AnalysisCounts = { guidelineReferences: 0, quotationMatches: 0 };
    const service = getLanguageService({ analysisCounts: counts });
    service.findDocumentSymbols({ uri: 'mem://symbols', version: 1, getText: () => text });
    service.getFoldingRanges({ uri: 'mem://symbols', version: 1, getText: () => text });
    assert.deepStrictEqual(counts, { guidelineReferences: 0, quotationMatches: 0 });
  });

  it("a located quotation edit has the aligner's edit fields, in their order, and its two ranges", () => {
    const service = getLanguageService();
    const model = service.parse({ uri: 'mem://located', version: 1, getText: () => text });
    const found = quotationMatches(model, service.catalog);
    const edits = found.flatMap((m) => m.edits.map((e, i) => ({ e, original: m.match.edits[i] })));
    assert.ok(edits.length >= 2, 'the fixture has misquoted words');
    for (const { e, original } of edits) {
      assert.deepStrictEqual(Object.keys(e), [...Object.keys(original), 'range', 'repairRange']);
      for (const key of Object.keys(original) as Array<keyof typeof original>) assert.strictEqual(e[key], original[key], key);
    }
  });
});

describe('positions (server/src/service/positions.ts)', () => {
  const p = (line: number, character: number) => ({ line, character });
  const r = (a: number, b: number, c: number, d: number) => ({ start: p(a, b), end: p(c, d) });

  it('orders positions by line, then character', () => {
    assert.ok(isBefore(p(0, 9), p(1, 0)));
    assert.ok(isBefore(p(1, 2), p(1, 3)));
    assert.ok(!isBefore(p(1, 3), p(1, 3)));
    const sorted = [r(2, 0, 2, 1), r(1, 5, 3, 0), r(1, 5, 1, 6), r(0, 0, 9, 9)].sort(compareRanges);
    assert.deepStrictEqual(sorted, [r(0, 0, 9, 9), r(1, 5, 1, 6), r(1, 5, 3, 0), r(2, 0, 2, 1)]);
  });

  it('contains both ends; intersects touching ranges; covers and clamps', () => {
    assert.ok(rangeContains(r(1, 2, 1, 5), p(1, 5)));
    assert.ok(rangeContains(r(1, 2, 1, 5), p(1, 2)));
    assert.ok(!rangeContains(r(1, 2, 1, 5), p(1, 6)));
    assert.ok(!rangeContains(r(1, 2, 3, 0), p(0, 4)));
    assert.ok(intersects(r(1, 0, 1, 4), r(1, 4, 1, 8)));
    assert.ok(!intersects(r(1, 0, 1, 4), r(1, 5, 1, 8)));
    assert.deepStrictEqual(cover(r(2, 3, 2, 9), r(1, 0, 2, 4)), r(1, 0, 2, 9));
    assert.ok(rangeWithin(r(1, 2, 1, 3), r(1, 2, 1, 3)));
    assert.ok(!rangeWithin(r(1, 1, 1, 3), r(1, 2, 1, 3)));
  });
});
