/**
 * Spans keep offsets; positions are computed on demand (docs/engine.md, "Spans keep offsets"):
 * a parse makes the positions of the few parts that are not spans (the header's range, the dates
 * found in the text), and a span's range is made when it is read, once. Counted, never timed.
 * Also: what an edit takes from the previous version besides its items (the header, the summary's
 * dates), with the positions of a parse from scratch.
 */
import * as assert from 'assert';
import { buildCatalog } from '../../server/src/service/catalog';
import { ItemReuse, parseLetter } from '../../server/src/service/parser/parse';
import { LineMap, TextSpan } from '../../server/src/service/text';
import { exampleLetter } from '../letters';

const catalog = buildCatalog();

/** Positions made while `run` ran. */
function positionsMade(run: () => void): number {
  const before = LineMap.positionsMade;
  run();
  return LineMap.positionsMade - before;
}

describe('positions on demand (counted, not timed)', () => {
  const text = exampleLetter('defective-letter.imr');
  /** A letter with dates in its case summary. */
  const clean = exampleLetter('clean-letter.imr');

  it('a parse makes the positions of the header and the dates only, however many spans it makes', () => {
    let model = parseLetter(text, 'u', 1, catalog);
    const made = positionsMade(() => (model = parseLetter(text, 'u', 1, catalog)));
    const sentences = model.items.reduce((n, item) => n + (item.rationale?.sentences.length ?? 0), 0);
    assert.ok(sentences > 5 && model.items.length >= 2, 'the letter has items and sentences');
    assert.strictEqual(made, 2 * ((model.header ? 1 : 0) + model.dates.length));
  });

  it('makes a range when it is read, once, and the same range as a whole-letter computation', () => {
    const model = parseLetter(text, 'u', 1, catalog);
    const item = model.items[0];
    const sentence = item.rationale!.sentences[0];
    const first = positionsMade(() => sentence.range);
    const again = positionsMade(() => sentence.range);
    assert.deepStrictEqual([first, again], [2, 0]);
    assert.strictEqual(sentence.range, sentence.range);
    // The range is where the text stands.
    const start = new LineMap(text).offsetAt(sentence.range.start);
    const firstWord = sentence.text.split(' ')[0];
    assert.strictEqual(text.slice(start, start + firstWord.length), firstWord);
    assert.deepStrictEqual(item.range.start, item.header!.text.range.start);
    assert.deepStrictEqual(item.range.end, item.paragraphs[item.paragraphs.length - 1].range.end);
    assert.deepStrictEqual(model.sections[0].range.start, model.sections[0].heading.range.start);
  });

  it('serializes spans and parts as the plain objects they stand for', () => {
    const model = parseLetter(text, 'u', 1, catalog);
    const span = new TextSpan('Upheld', model.lines, 10, 16);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(span)), { text: 'Upheld', range: model.lines.range(10, 16) });
    const paragraph = model.items[0].paragraphs[0];
    const keys = paragraph.citations ? ['citations', 'content', 'kind', 'label', 'range'] : ['content', 'kind', 'label', 'range'];
    assert.deepStrictEqual(Object.keys(JSON.parse(JSON.stringify(paragraph))).sort(), keys);
    const reference = model.items.flatMap((item) => item.guidelines)[0].guideline;
    const plain = JSON.parse(JSON.stringify(reference));
    assert.deepStrictEqual(plain.range, reference.range);
    assert.ok(!Object.keys(plain).some((k) => /offset|lines|^#/.test(k)), Object.keys(plain).join(', '));
  });

  it('a reused item keeps ranges that are true in the new version (offsets moved, lines not)', () => {
    const reuse = new ItemReuse();
    const v1 = parseLetter(clean, 'u', 1, catalog, reuse);
    // A word typed in the header moves every offset after it, no line.
    const at = clean.indexOf('\n');
    const edited = `${clean.slice(0, at)} x${clean.slice(at)}`;
    const v2 = parseLetter(edited, 'u', 2, catalog, reuse);
    assert.ok(reuse.reused > 0, 'items were reused');
    const fresh = parseLetter(edited, 'u', 2, catalog);
    assert.deepStrictEqual(
      v2.items.map((item) => [item.range, item.rationale?.sentences.map((s) => s.range)]),
      fresh.items.map((item) => [item.range, item.rationale?.sentences.map((s) => s.range)]),
    );
    // The header was read again; the summary's dates were not (same text, same first line).
    assert.notStrictEqual(v2.header, v1.header);
    assert.strictEqual(reuse.partsReused, 1);
    assert.deepStrictEqual(JSON.stringify([v2.header, v2.dates]), JSON.stringify([fresh.header, fresh.dates]));
  });

  it('an edit in a rationale keeps the header and the summary dates of the previous version', () => {
    const reuse = new ItemReuse();
    const v1 = parseLetter(clean, 'u', 1, catalog, reuse);
    const sentence = v1.items[v1.items.length - 1].rationale!.sentences[0];
    const at = clean.indexOf(sentence.text.split(' ')[0], new LineMap(clean).offsetAt(sentence.range.start));
    const edited = `${clean.slice(0, at)}also ${clean.slice(at)}`;
    const v2 = parseLetter(edited, 'u', 2, catalog, reuse);
    assert.strictEqual(reuse.partsReused, 2);
    assert.strictEqual(v2.header, v1.header);
    const fresh = parseLetter(edited, 'u', 2, catalog);
    assert.ok(fresh.dates.length > 0);
    assert.deepStrictEqual(JSON.stringify([v2.header, v2.dates]), JSON.stringify([fresh.header, fresh.dates]));
  });
});
