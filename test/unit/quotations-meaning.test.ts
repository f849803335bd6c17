/**
 * IMR030's meaning checks on fixture text written for this test (not guideline text): a word of a
 * quotation replaced by its opposite (the pairs of server/data/quotations.json `antonyms`), a
 * number changed, each reported at the changed word with the repair; synonyms, inflections and
 * paraphrase stay out of it. Also: the index is built once per catalog, and a larger library does
 * not cost more alignments per text.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getLanguageService } from '../../server/src/service';
import { buildCatalog } from '../../server/src/service/catalog';
import { meaningOf, Opposites, Quotation, QuotationData, QuotationIndex, tokenize } from '../../server/src/service/catalog/quotations';
import { repoRoot } from '../util';
import { oneItemLetter } from '../quotation-letters';

const library = JSON.parse(fs.readFileSync(path.join(repoRoot, 'server', 'data', 'quotations.json'), 'utf8')) as QuotationData;

/** Invented wording with one word of each kind the checks know. */
const FIXTURE =
  'Supervised exercise is recommended as a first-line option for short-term relief of acute flares, and passive modalities are limited to 4 visits before active therapy begins. ' +
  'Continued care requires documented improvement; treatment that exceeds the schedule needs a note, and a decrease in function ends it.';

const entry: Quotation = {
  id: 'fixture-exercise',
  title: 'Fixture: exercise',
  kind: 'non-mtus',
  text: FIXTURE,
  topics: ['exercise'],
  source: 'test fixture, invented wording',
  confidence: 'confirmed',
};
const index = new QuotationIndex({ antonyms: library.antonyms, quotations: [entry], templates: [] });

const edits = (text: string) => index.find(text).flatMap((m) => m.edits.map((e) => ({ ...e, at: text.slice(e.start, e.end) })));

describe('misquotation of meaning: opposites and numbers (fixture text)', () => {
  it('the opposites table is data: every pair is two different words or phrases, and it holds the pairs the issue names', () => {
    const table = library.antonyms ?? [];
    assert.ok(table.length >= 30, `${table.length} pairs`);
    const opposites = new Opposites(table);
    const norm = (w: string) =>
      tokenize(w)
        .map((t) => t.norm)
        .join(' ');
    for (const [a, b] of table) assert.notStrictEqual(norm(a), norm(b), `${a}/${b}`);
    for (const [a, b] of [
      ['active', 'passive'],
      ['exceeds', 'meets'],
      ['first-line', 'second-line'],
      ['acute', 'chronic'],
      ['short-term', 'long-term'],
      ['increase', 'decrease'],
      ['before', 'after'],
    ]) {
      assert.ok(opposites.opposite(norm(a), norm(b)) && opposites.opposite(norm(b), norm(a)), `${a}/${b} both ways`);
    }
  });

  const swaps: Array<[string, string]> = [
    ['first-line', 'second-line'],
    ['short-term', 'long-term'],
    ['acute', 'chronic'],
    ['passive', 'active'],
    ['before', 'after'],
    ['active therapy', 'passive therapy'],
    ['exceeds', 'meets'],
    ['decrease', 'increase'],
    ['improvement', 'worsening'],
  ];
  for (const [from, to] of swaps) {
    it(`'${to}' for '${from}' is a changed meaning, at the changed word, and the repair restores it`, () => {
      const at = FIXTURE.indexOf(from);
      const text = `The guideline reads "${FIXTURE.slice(0, at)}${to}${FIXTURE.slice(at + from.length)}"`;
      const found = edits(text);
      assert.strictEqual(found.length, 1, JSON.stringify(found));
      const e = found[0];
      assert.strictEqual(e.meaning, 'antonym');
      const changed = to.split(' ')[0];
      assert.strictEqual(e.at, changed);
      assert.strictEqual(e.start, '"The guideline reads '.length - 1 + 1 + at);
      const repaired = text.slice(0, e.repair.from) + e.repair.insert + text.slice(e.repair.to);
      assert.deepStrictEqual(edits(repaired), []);
    });
  }

  it('the first word of a quotation replaced by its opposite is found at the start of the passage', () => {
    const text = `"Unsupervised exercise is recommended as a first-line option for short-term relief of acute flares, and passive modalities are limited to 4 visits."`;
    // "Unsupervised" is not listed as the opposite of "Supervised": a change, not a changed meaning.
    assert.ok(edits(text).every((e) => e.meaning !== 'antonym'));
    const swapped = `Per the guideline: ${FIXTURE.replace('Supervised exercise is recommended as a first-line', 'Supervised exercise is recommended as a second-line')}`;
    assert.deepStrictEqual(
      edits(swapped).map((e) => [e.at, e.expected, e.meaning]),
      [['second-line', 'first-line', 'antonym']],
    );
  });

  it('a changed number is reported at the number, whether written in digits or words', () => {
    for (const [to, at] of [
      ['6', '6'],
      ['six', 'six'],
      ['3', '3'],
    ]) {
      const text = `"${FIXTURE.replace('4 visits', `${to} visits`)}"`;
      assert.deepStrictEqual(
        edits(text).map((e) => [e.at, e.expected, e.meaning]),
        [[at, '4', 'number']],
      );
    }
    assert.deepStrictEqual(edits(`"${FIXTURE.replace('4 visits', 'four visits')}"`), [], 'the same number in words');
  });

  it('two opposites a few words apart are two findings, each at its own word', () => {
    const text = `"${FIXTURE.replace('first-line option for short-term', 'second-line option for long-term')}"`;
    assert.deepStrictEqual(
      edits(text).map((e) => [e.at, e.meaning]),
      [
        ['second-line', 'antonym'],
        ['long-term', 'antonym'],
      ],
    );
  });

  it('synonyms, inflections, hyphenation and case are not changes of meaning', () => {
    for (const [from, to] of [
      ['begins', 'starts'],
      ['limited', 'restricted'],
      ['short-term', 'short term'],
      ['Supervised', 'supervised'],
      ['visits', 'visit'],
    ]) {
      const text = `"${FIXTURE.replace(from, to)}"`;
      assert.ok(
        edits(text).every((e) => !e.meaning),
        `${from} -> ${to}: ${JSON.stringify(edits(text))}`,
      );
    }
  });

  it('meaningOf: negation and number come first; an opposite is the whole changed run, or a word only one side has against one only the other has; a word of degree makes it a paraphrase', () => {
    const o = new Opposites([
      ['active', 'passive'],
      ['prior to', 'after'],
      ['clear', 'unclear'],
    ]);
    assert.strictEqual(meaningOf(['not', 'active'], ['active'], o), 'negation');
    assert.strictEqual(meaningOf(['2'], ['4'], o), 'number');
    assert.strictEqual(meaningOf(['passive'], ['active'], o), 'antonym');
    assert.strictEqual(meaningOf(['after'], ['prior', 'to'], o), 'antonym');
    assert.strictEqual(meaningOf(['passive', 'home'], ['active', 'home'], o), 'antonym');
    assert.strictEqual(meaningOf(['passive', 'clinic'], ['active', 'home'], o), 'antonym');
    assert.strictEqual(meaningOf(['gentle', 'home'], ['active', 'home'], o), undefined);
    assert.strictEqual(meaningOf(['unclear'], ['less', 'clear'], o), undefined);
    assert.strictEqual(meaningOf(['gentle'], ['active'], o), undefined);
  });

  it('through the service: IMR030 warns at the changed word with a plain message and the quick fix', () => {
    const data = buildCatalog();
    assert.ok(data.quotations().opposites.size > 0);
    const service = getLanguageService();
    const q = service.catalog.quotations().quotations.find((x) => x.confidence === 'confirmed' && /\bactive\b/i.test(x.text) && x.kind === 'mtus');
    assert.ok(q, 'a confirmed library entry with the word "active"');
    const at = q!.text.search(/\bactive\b/i);
    const word = q!.text.slice(at, at + 6);
    const opposite = word[0] === 'A' ? 'Passive' : 'passive';
    const changed = q!.text.slice(0, at) + opposite + q!.text.slice(at + 6);
    const letter = oneItemLetter(
      'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment.',
      `The MTUS states "${changed}" The request is not medically necessary.`,
    );
    const problems = service.validate({ uri: 'mem://antonym', version: 1, getText: () => letter }).filter((p) => p.ruleId === 'IMR030');
    assert.strictEqual(problems.length, 1, JSON.stringify(problems));
    const p = problems[0];
    const line = letter.split('\n')[p.range.start.line];
    assert.strictEqual(line.slice(p.range.start.character, p.range.end.character), opposite);
    assert.match(p.message, new RegExp(`quoted with a word changed to its opposite: the source reads '${word}' where the letter has '${opposite}'`));
  });
});

describe('quotation index: built once, and its work per text does not grow with the library', () => {
  it('a catalog builds its index once and hands out the same one', () => {
    const catalog = buildCatalog();
    assert.strictEqual(catalog.quotations(), catalog.quotations());
  });

  it('a library ten times larger aligns no more quotation forms for the same paragraph', () => {
    const real = library.quotations;
    // Nine more libraries of other wording: each entry's words reversed (the same vocabulary, other shingles).
    const more: Quotation[] = [];
    for (let k = 1; k <= 9; k++)
      for (const q of real) more.push({ ...q, id: `${q.id}-x${k}`, text: `${q.text.split(' ').reverse().join(' ')} (${k})`, leadIns: undefined });
    const small = new QuotationIndex({ ...library, quotations: real });
    const large = new QuotationIndex({ ...library, quotations: [...real, ...more] });
    assert.ok(large.variants.length >= 10 * real.length);
    const paragraph = `The MTUS states "${real.find((q) => q.id === 'benzodiazepines')!.text}" Therefore the request is not medically necessary.`;
    small.find(paragraph);
    large.find(paragraph);
    assert.strictEqual(large.stats.alignments, small.stats.alignments, 'quotation forms aligned');
    assert.strictEqual(large.stats.lookups, small.stats.lookups, 'shingle lookups');
  });
});
