/**
 * The catalog's indexes made at build time (catalog/prebuilt.ts, scripts/prebuild-catalog.js):
 * an index filled from its stored tables (the spelling index, the quotation index, the section keys) is the index
 * built at run time and answers the same, stored tables of other input are not used, and the bundles hold the tables of the data files they were built with.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DeletionIndex, DeletionTables } from '../../server/src/service/catalog/deletion-forms';
import { DrugEntry, spellingDepth, spellingTargets } from '../../server/src/service/catalog/drugs';
import { pack, readStoredIndexes, storedIndexes, unpack } from '../../server/src/service/catalog/prebuilt';
import { PREBUILT } from '../../server/src/service/catalog/prebuilt-data';
import { QuotationIndex, QuotationTables } from '../../server/src/service/catalog/quotation-index';
import { QUOTATIONS } from '../../server/src/service/catalog/quotations';
import drugData from '../../server/data/drugs.json';
import guidelineData from '../../server/data/guidelines.json';
import { abbreviationMap } from '../../server/src/service/catalog/parts';
import { makeSectionKeys, sectionKeysOf } from '../../server/src/service/catalog/section-keys';
import { buildSectionIndex } from '../../server/src/service/catalog/sections';
import type { GuidelinePart } from '../../server/src/service/catalog/types';
import { repoRoot } from '../util';

const targets = [...spellingTargets(drugData.drugs as unknown as DrugEntry[]).keys()];

/** The index's internal tables, to compare two indexes whole. */
function internals(index: DeletionIndex): Record<string, Int32Array> {
  const { keys, ids, starts, postings } = index as unknown as Record<string, Int32Array>;
  return { keys, ids, starts, postings };
}

/** The stored spelling tables, read back as the bundle reads them (through JSON, as the bundle holds them). */
function storedSpelling(): DeletionTables {
  const stored = JSON.parse(JSON.stringify(storedIndexes()));
  return readStoredIndexes(stored)!.spelling;
}

function storedQuotations(): QuotationTables {
  const stored = JSON.parse(JSON.stringify(storedIndexes()));
  return readStoredIndexes(stored)!.quotations;
}

describe('catalog indexes made at build time', () => {
  it('packs integer arrays of every width and reads them back', () => {
    const arrays = [Int32Array.from([0, 1, 255]), Int32Array.from([256, 65535, 3]), Int32Array.from([-1, 0x7fffffff, -0x80000000, 65536]), new Int32Array(0)];
    assert.deepStrictEqual(unpack(pack(arrays)), arrays);
  });

  it('fills the spelling index from its stored tables: the same tables as a build', () => {
    const built = new DeletionIndex(targets, spellingDepth);
    const filled = new DeletionIndex(targets, spellingDepth, storedSpelling());
    assert.deepStrictEqual(internals(filled), internals(built));
    assert.strictEqual(internals(built).keys.length > 0, true);
  });

  it('gives the same candidates for every target and every form a misspelling may have', () => {
    const built = new DeletionIndex(targets, spellingDepth);
    const filled = new DeletionIndex(targets, spellingDepth, storedSpelling());
    let words = 0;
    for (const target of targets) {
      // The target, one letter changed, one dropped, one added: each at every place.
      const variants = [target];
      for (let i = 1; i < target.length; i++)
        variants.push(`${target.slice(0, i)}x${target.slice(i + 1)}`, target.slice(0, i) + target.slice(i + 1), `${target.slice(0, i)}e${target.slice(i)}`);
      for (const word of variants) {
        for (const depth of [1, 2]) assert.deepStrictEqual(filled.candidates(word, depth), built.candidates(word, depth), `${word} ${depth}`);
        words++;
      }
    }
    assert.ok(words > 10 * targets.length);
  });

  it('builds the index as without stored tables when they were made of other targets or depths', () => {
    const built = internals(new DeletionIndex(targets, spellingDepth));
    const stored = storedSpelling();
    const others = [...targets.slice(1), 'newdrugname'];
    assert.deepStrictEqual(internals(new DeletionIndex(others, spellingDepth, stored)), internals(new DeletionIndex(others, spellingDepth)));
    // The same targets with another depth rule: the stored depths differ.
    const deeper = () => 2;
    assert.deepStrictEqual(internals(new DeletionIndex(targets, deeper, stored)), internals(new DeletionIndex(targets, deeper)));
    assert.notDeepStrictEqual(internals(new DeletionIndex(targets, deeper, stored)), built);
  });

  it('reads no tables of another layout', () => {
    const stored = storedIndexes();
    assert.ok(readStoredIndexes(stored));
    assert.strictEqual(readStoredIndexes({ ...stored, format: stored.format + 1 }), undefined);
    assert.strictEqual(readStoredIndexes(undefined), undefined);
  });

  it('fills the quotation index from its stored tables: the same forms, tokens, words and shingle table', () => {
    const built = new QuotationIndex(QUOTATIONS);
    const filled = new QuotationIndex(QUOTATIONS, undefined, storedQuotations());
    assert.deepStrictEqual(filled.variants, built.variants);
    const inside = (index: QuotationIndex) => {
      const { vocabulary, shingles } = index as unknown as { vocabulary: Map<string, number>; shingles: Record<string, unknown> };
      return { vocabulary: [...vocabulary], shingles: { ...shingles } };
    };
    assert.deepStrictEqual(inside(filled), inside(built));
    assert.ok(built.variants.length > QUOTATIONS.quotations.length);
  });

  it('finds the same passages in letters and in every quotation form', () => {
    const built = new QuotationIndex(QUOTATIONS);
    const filled = new QuotationIndex(QUOTATIONS, undefined, storedQuotations());
    const texts = built.variants.map((v) => `The reviewer notes: "${v.text}" per the MTUS.`);
    for (const name of fs.readdirSync(path.join(repoRoot, 'examples')))
      texts.push(...fs.readFileSync(path.join(repoRoot, 'examples', name), 'utf8').split(/\n\s*\n/));
    let found = 0;
    for (const text of texts) {
      const a = built.find(text);
      assert.deepStrictEqual(filled.find(text), a, text.slice(0, 80));
      found += a.length;
    }
    assert.ok(found >= built.variants.length);
  });

  it('builds the quotation index as without stored tables when a quotation or lead-in differs', () => {
    const stored = storedQuotations();
    const [first, ...rest] = QUOTATIONS.quotations;
    for (const changed of [
      { ...first, text: `${first.text} Changed.` },
      { ...first, leadIns: [...(first.leadIns ?? []), 'As the MTUS states,'] },
    ]) {
      const data = { ...QUOTATIONS, quotations: [changed, ...rest] };
      assert.deepStrictEqual(new QuotationIndex(data, undefined, stored).variants, new QuotationIndex(data).variants);
    }
  });

  const guidelineParts = guidelineData.parts as unknown as GuidelinePart[];
  const abbreviations = abbreviationMap(guidelineData.sectionAbbreviations.terms);

  it('fills the section keys of every part from their stored tables: the keys a build makes', () => {
    const stored = readStoredIndexes(JSON.parse(JSON.stringify(storedIndexes())))!;
    let parts = 0;
    for (const part of guidelineParts) {
      const tables = stored.sections(part.id);
      if (part.sections.length === 0) {
        assert.strictEqual(tables, undefined, part.id);
        continue;
      }
      assert.ok(tables, part.id);
      assert.deepStrictEqual(tables.keys, makeSectionKeys(part.sections, abbreviations), part.id);
      assert.strictEqual(sectionKeysOf(part.sections, abbreviations, tables), tables.keys, `${part.id}: the stored keys are used`);
      parts++;
    }
    assert.ok(parts > 10);
    assert.strictEqual(stored.sections('no-such-part'), undefined);
  });

  it('resolves every section name, alias and derived form the same with stored section keys', () => {
    const stored = readStoredIndexes(JSON.parse(JSON.stringify(storedIndexes())))!;
    let names = 0;
    for (const part of guidelineParts) {
      const built = buildSectionIndex(part.sections, abbreviations);
      const filled = buildSectionIndex(part.sections, abbreviations, stored.sections(part.id));
      for (const entry of part.sections) {
        for (const name of [entry.name, ...(entry.aliases ?? []), `${entry.name}s`, entry.name.replace(/\s*\(.*?\)/g, ''), entry.name.split(',')[0]]) {
          assert.deepStrictEqual(filled.resolve(name), built.resolve(name), name);
          assert.strictEqual(filled.startsCommaName(name), built.startsCommaName(name), name);
          names++;
        }
      }
    }
    assert.ok(names > 500);
  });

  it('makes the section keys again when a name, an alias or an abbreviation differs from the stored ones', () => {
    const stored = readStoredIndexes(JSON.parse(JSON.stringify(storedIndexes())))!;
    const part = guidelineParts.find((p) => p.sections.length > 20)!;
    const tables = stored.sections(part.id)!;
    const [first, ...rest] = part.sections;
    const changed = [
      { sections: [{ ...first, name: `${first.name} Renamed` }, ...rest], abbreviations },
      { sections: [{ ...first, aliases: [...(first.aliases ?? []), 'Another Alias'] }, ...rest], abbreviations },
      { sections: part.sections, abbreviations: new Map([...abbreviations, ['xyz', 'extra yield zone']]) },
    ];
    for (const { sections, abbreviations: a } of changed) {
      const keys = sectionKeysOf(sections, a, tables);
      assert.notStrictEqual(keys, tables.keys);
      assert.deepStrictEqual(keys, makeSectionKeys(sections, a));
    }
  });

  it('the compiled tree holds the tables of the current data files (npm run build makes them again)', () => {
    assert.deepStrictEqual(PREBUILT, JSON.parse(JSON.stringify(storedIndexes())), 'out/ holds other tables than the data files give: run npm run build');
  });

  for (const name of ['cli.js', 'cli-worker.js', 'server-main.js']) {
    it(`dist/${name} holds the tables of the current data files (npm run build makes them again)`, function () {
      const file = path.join(repoRoot, 'dist', name);
      if (!fs.existsSync(file)) this.skip();
      const text = fs.readFileSync(file, 'latin1');
      const stored = storedIndexes();
      assert.ok(text.includes(stored.spelling.arrays), `dist/${name} holds other spelling tables than the data files give: run npm run build`);
      assert.ok(text.includes(stored.quotations.arrays), `dist/${name} holds other quotation tables than the data files give: run npm run build`);
      assert.ok(text.includes(`"format": ${stored.format}`));
      for (const part of stored.sections.parts)
        assert.ok(
          text.includes(part.arrays) && text.includes(JSON.stringify(part.keys)),
          `dist/${name} holds other section keys of ${part.part} than the data files give: run npm run build`,
        );
    });
  }
});
