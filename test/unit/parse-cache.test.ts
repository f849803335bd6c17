/**
 * The parser's text caches (parser/cache.ts, issue 11): a guideline paragraph, an item header
 * and a sentence read as a conclusion are parsed once per text, whatever letter or line they
 * stand in, and their positions are those of the place they stand in now. Proved by counting
 * parses (never by timing) and by comparing positions with the text they come from.
 */
import * as assert from 'assert';
import { buildCatalog } from '../../server/src/service/catalog';
import { parseLetter } from '../../server/src/service/parser/parse';
import { MAX_KEY_LENGTH, parseCounts, TextCache } from '../../server/src/service/parser/cache';
import type { Range } from 'vscode-languageserver-types';
import type { LetterModel } from '../../server/src/service/parser/model';
import { exampleLetter } from '../letters';

const catalog = buildCatalog();

/** The work the caches did during `run`. */
function counted(run: () => void): { citationsParsed: number; conclusionsRead: number; headersParsed: number } {
  const before = { ...parseCounts };
  run();
  return {
    citationsParsed: parseCounts.citationsParsed - before.citationsParsed,
    conclusionsRead: parseCounts.conclusionsRead - before.conclusionsRead,
    headersParsed: parseCounts.headersParsed - before.headersParsed,
  };
}

/** Every range of the items' citations and conclusions, in order. */
function itemRanges(model: LetterModel): Range[] {
  const out: Range[] = [];
  for (const item of model.items) {
    const header = item.header;
    if (header) out.push(header.text.range, header.treatment.range, ...(header.decision ? [header.decision.word.range] : []));
    for (const p of item.paragraphs) {
      for (const c of p.citations?.mtus ?? []) {
        out.push(c.range);
        for (const g of c.guidelines) {
          out.push(g.range, g.name.range, ...g.sections.map((s) => s.range), ...g.pages.map((page) => page.range));
          if (g.year) out.push(g.year.range);
        }
      }
      for (const n of p.citations?.nonMtus ?? []) out.push(n.range, n.source.range);
    }
    if (item.rationale?.conclusion) out.push(item.rationale.conclusion.sentence.range);
  }
  return out;
}

/** The text a range covers. */
function textOf(model: LetterModel, range: Range): string {
  return model.lines.text.slice(model.lines.offsetAt(range.start), model.lines.offsetAt(range.end));
}

/** The model as data (functions left out), for comparisons. */
const data = (model: LetterModel) => JSON.stringify({ ...model, uri: '', lines: model.lines.starts });

describe('parser text caches (counted, not timed)', () => {
  const letter = exampleLetter('clean-letter.imr');

  it('a letter parsed a second time parses no guideline paragraph, item header or conclusion again, and gives the same model', () => {
    const first = parseLetter(letter, 'file:///a.imr', 1, catalog);
    let second: LetterModel | undefined;
    const work = counted(() => (second = parseLetter(letter, 'file:///b.imr', 1, catalog)));
    assert.deepStrictEqual(work, { citationsParsed: 0, conclusionsRead: 0, headersParsed: 0 });
    assert.strictEqual(data(second!), data(first));
    assert.ok(first.items.every((item) => item.guidelines.length > 0 && item.rationale?.conclusion));
  });

  it('paragraphs moved by an inserted line are not parsed again, and their ranges are where they now stand', () => {
    const first = parseLetter(letter, 'file:///a.imr', 1, catalog);
    const at = letter.indexOf('\n') + 1;
    const moved = letter.slice(0, at) + 'An inserted line.\n' + letter.slice(at);
    let second: LetterModel | undefined;
    const work = counted(() => (second = parseLetter(moved, 'file:///a.imr', 2, catalog)));
    assert.deepStrictEqual(work, { citationsParsed: 0, conclusionsRead: 0, headersParsed: 0 });
    const before = itemRanges(first);
    const after = itemRanges(second!);
    assert.ok(before.length > 10);
    assert.strictEqual(after.length, before.length);
    after.forEach((range, i) => {
      assert.deepStrictEqual(range, {
        start: { line: before[i].start.line + 1, character: before[i].start.character },
        end: { line: before[i].end.line + 1, character: before[i].end.character },
      });
      assert.strictEqual(textOf(second!, range), textOf(first, before[i]));
    });
  });

  it('an edited guideline paragraph is parsed again, alone', () => {
    parseLetter(letter, 'file:///a.imr', 1, catalog);
    // A text no other test parses (the caches are shared by the whole process).
    const edited = letter.replace(
      'MAXIMUS guideline: Decision based on MTUS Opioid Treatment 2016',
      'MAXIMUS guideline: Decision based on MTUS Opioid Treatment 1987',
    );
    assert.notStrictEqual(edited, letter);
    let model: LetterModel | undefined;
    const work = counted(() => (model = parseLetter(edited, 'file:///a.imr', 2, catalog)));
    assert.deepStrictEqual(work, { citationsParsed: 1, conclusionsRead: 0, headersParsed: 0 });
    assert.strictEqual(model!.items[0].maximus?.citations?.mtus[0].guidelines[0].year?.value, 1987);
  });

  it('an edited item header is parsed again, alone', () => {
    parseLetter(letter, 'file:///a.imr', 1, catalog);
    const first = parseLetter(letter, 'file:///a.imr', 1, catalog).items[0].header!;
    // A text no other test parses (the caches are shared by the whole process).
    const edited = letter.replace(first.text.text, first.text.text.replace(/: Upheld$/, ' (a header only this test writes): Overturned'));
    assert.notStrictEqual(edited, letter);
    let model: LetterModel | undefined;
    const work = counted(() => (model = parseLetter(edited, 'file:///a.imr', 2, catalog)));
    assert.deepStrictEqual(work, { citationsParsed: 0, conclusionsRead: 0, headersParsed: 1 });
    assert.strictEqual(model!.items[0].header?.decision?.value, 'Overturned');
  });

  it('another catalog has its own citation cache (a parse depends on the catalog)', () => {
    const work = counted(() => parseLetter(letter, 'file:///a.imr', 1, { ...catalog }));
    assert.ok(work.citationsParsed > 0);
  });

  it('a cache keeps at most its limit, and what was used since it last turned over', () => {
    const cache = new TextCache<number>(4);
    let computed = 0;
    const get = (key: string) => cache.get(key, (k) => (computed++, k.length));
    get('a');
    get('bb');
    get('a');
    get('ccc');
    assert.strictEqual(computed, 3);
    get('a');
    get('dddd');
    assert.strictEqual(computed, 4, "'a' was found again");
    get('bb');
    assert.strictEqual(computed, 5, "'bb' was forgotten (not used since 'ccc' came)");
    get('a');
    assert.strictEqual(computed, 5, "'a' was kept (used since)");
    for (let i = 0; i < 100; i++) {
      get(`key ${i}`);
      assert.ok(cache.size <= 4, `${cache.size} entries`);
    }
  });

  it('a text equal to the last one of its length is found by comparison; another of that length is not taken for it', () => {
    const cache = new TextCache<string>(4);
    let computed = 0;
    const get = (key: string) => cache.get(key, (k) => (computed++, k.toUpperCase()));
    assert.strictEqual(get('guideline line'), 'GUIDELINE LINE');
    // Equal text, another string (a slice of other text), and a text of the same length.
    assert.strictEqual(get('a guideline line'.slice(2)), 'GUIDELINE LINE');
    assert.strictEqual(computed, 1);
    assert.strictEqual(get('guideline lime'), 'GUIDELINE LIME');
    assert.strictEqual(get('guideline line'), 'GUIDELINE LINE');
    assert.strictEqual(computed, 2);
    assert.strictEqual(cache.size, 2);
  });

  it('a text too long to keep is computed every time and not kept', () => {
    const cache = new TextCache<number>(4);
    let computed = 0;
    const long = 'x'.repeat(MAX_KEY_LENGTH + 1);
    cache.get(long, () => ++computed);
    cache.get(long, () => ++computed);
    assert.strictEqual(computed, 2);
    assert.strictEqual(cache.size, 0);
  });
});
