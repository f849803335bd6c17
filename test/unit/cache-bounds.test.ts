/**
 * The catalog's memory bounds (service option `cacheBounds`, issue 11: the server keeps less
 * after opening many letters): a smaller quotation memory changes what is searched again, never
 * a result; the bound is kept (counted in searches, never timed); the service given bounds has a
 * catalog of its own, so the CLI's shared catalog keeps its batch-sized memories.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { QuotationData, QuotationIndex } from '../../server/src/service/catalog/quotations';
import { buildCatalog } from '../../server/src/service/catalog';
import { getLanguageService } from '../../server/src/service';
import { repoRoot } from '../util';

const library = JSON.parse(fs.readFileSync(path.join(repoRoot, 'server', 'data', 'quotations.json'), 'utf8')) as QuotationData;

/** A rationale quoting library entry `i`, with reviewer sentences of its own around it. */
function rationale(i: number): string {
  const quotation = library.quotations[i % library.quotations.length].text;
  return `Rationale ${i} for the request. The MTUS states "${quotation}" The records of visit ${i} were reviewed.`;
}

describe('cache bounds of the catalog (counts, not timings)', () => {
  it('a quotation memory of a few sentences searches a text again once it was pushed out, with the same result', () => {
    const small = new QuotationIndex(library, 8);
    const large = new QuotationIndex(library);
    const texts = Array.from({ length: 40 }, (_, i) => rationale(i));
    // Each text read twice: a text with a sentence first seen is remembered whole from its second read on.
    for (const text of texts) for (let k = 0; k < 2; k++) assert.deepStrictEqual(small.find(text), large.find(text));
    const smallBefore = small.stats.searches;
    const largeBefore = large.stats.searches;
    // The first text again: the large memory still holds it, the small one no longer does.
    assert.deepStrictEqual(small.find(texts[0]), large.find(texts[0]));
    assert.strictEqual(large.stats.searches - largeBefore, 0);
    assert.strictEqual(small.stats.searches - smallBefore, 1);
  });

  it('a text with a sentence first seen (a keystroke) is searched without being remembered whole; read again, it is remembered', () => {
    const index = new QuotationIndex(library);
    const text = rationale(3);
    const first = index.find(text);
    const { searches, alignments } = index.stats;
    // Searched again (not remembered whole), its passages remembered: nothing aligned again.
    assert.deepStrictEqual(index.find(text), first);
    assert.strictEqual(index.stats.searches - searches, 1);
    assert.strictEqual(index.stats.alignments - alignments, 0);
    // Its sentences known, it is remembered whole now.
    assert.deepStrictEqual(index.find(text), first);
    assert.strictEqual(index.stats.searches - searches, 1);
  });

  it('a service given bounds builds a catalog of its own and finds the same problems', () => {
    const bounded = getLanguageService({ cacheBounds: { quotationSentences: 8 } });
    const plain = getLanguageService();
    assert.notStrictEqual(bounded.catalog, buildCatalog());
    assert.strictEqual(plain.catalog, buildCatalog());
    const letters = fs.readdirSync(path.join(repoRoot, 'examples')).filter((f) => /\.(imr|txt)$/.test(f));
    assert.ok(letters.length > 0);
    for (const name of letters) {
      const text = fs.readFileSync(path.join(repoRoot, 'examples', name), 'utf8');
      const document = { uri: `file:///examples/${name}`, version: 1, getText: () => text };
      assert.deepStrictEqual(bounded.validate(document), plain.validate(document), name);
    }
  });
});
