/**
 * The drug vocabulary (server/data/drugs.json) and its index (catalog/drugs.ts): coverage of
 * what letters request, product/ingredient identity, spelling that stays quiet on English and
 * medical words and on the vocabulary itself, completion, and a per-letter cost that does not
 * grow with the vocabulary (counted, not timed).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import type { Position } from 'vscode-languageserver-types';
import { buildCatalog } from '../../server/src/service/catalog';
import { buildDrugIndex, DrugEntry } from '../../server/src/service/catalog/drugs';
import { DeletionIndex, formHash, sharesForm, someForm } from '../../server/src/service/catalog/deletion-forms';
import { getLanguageService } from '../../server/src/service';
import { editDistance } from '../../server/src/service/text';
import drugData from '../../server/data/drugs.json';
import nearWords from '../../server/data/english-near-drugs.json';
import { corpusDir, corpusMissingReason, readCorpus, repoRoot } from '../util';

const dataDir = path.join(repoRoot, 'server', 'data');
const catalog = buildCatalog();
const service = getLanguageService({ catalog });
let version = 0;
const doc = (text: string) => ({ uri: `vocabulary://${++version}`, version, getText: () => text });

const HEAD = `HOW THE IMR FINAL DETERMINATION WAS MADE
An expert reviewer reviewed the case file.

CLINICAL CASE SUMMARY
A 40 year old cook has low back pain.

IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:
`;
/** A letter with one item: its treatment and its concluding sentence. */
function letter(treatment: string, conclusion: string): string {
  return `${HEAD}
${treatment}: Upheld

Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.

MAXIMUS guideline: The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation ODG.

Decision rationale: The documentation does not show functional improvement. ${conclusion}
`;
}
const subjectFindings = (text: string) => service.validate(doc(text)).filter((p) => p.ruleId === 'IMR023');

describe('drug vocabulary: the data', () => {
  it('english-near-drugs.json is valid against its schema, and drugs.json requires 300 entries', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const schema = JSON.parse(fs.readFileSync(path.join(dataDir, 'english-near-drugs.schema.json'), 'utf8'));
    const validate = ajv.compile(schema);
    assert.ok(validate(nearWords), ajv.errorsText(validate.errors));
    const drugs = ajv.compile(JSON.parse(fs.readFileSync(path.join(dataDir, 'drugs.schema.json'), 'utf8')));
    assert.ok(!drugs({ drugs: drugData.drugs.slice(0, 299) }), 'fewer than 300 entries fail the schema');
  });

  it('has at least 300 entries of every kind, each with a source', () => {
    assert.ok(catalog.drugs.length >= 300, `${catalog.drugs.length} entries`);
    const kinds = new Set(catalog.drugs.map((d) => d.kind));
    for (const kind of ['drug', 'combination', 'compounded topical', 'medical food', 'convenience kit']) assert.ok(kinds.has(kind as DrugEntry['kind']), kind);
    for (const d of catalog.drugs) assert.ok(d.source.length > 10, `${d.id}: source`);
  });

  it("names the drugs and products of the MTUS drug topics and of workers' compensation requests", () => {
    const expected: Record<string, string> = {
      Norco: 'hydrocodone-apap',
      Vicodin: 'hydrocodone-apap',
      Percocet: 'oxycodone-apap',
      Ultracet: 'tramadol-apap',
      Fioricet: 'butalbital-apap-caffeine',
      Duexis: 'ibuprofen-famotidine',
      Vimovo: 'naproxen-esomeprazole',
      Arthrotec: 'diclofenac-misoprostol',
      Tapentadol: 'tapentadol',
      Buprenorphine: 'buprenorphine',
      Methadone: 'methadone',
      Celebrex: 'celecoxib',
      Cymbalta: 'duloxetine',
      Terocin: 'terocin',
      Lidopro: 'lidopro',
      Theramine: 'theramine',
      'Sentra PM': 'sentra-pm',
      Trepadone: 'trepadone',
      Gabadone: 'gabadone',
      Fluriflex: 'fluriflex',
      Ketophene: 'ketophene',
      Cyclophene: 'cyclophene',
      Synapryn: 'synapryn',
      Tabradol: 'tabradol',
      Deprizine: 'deprizine',
      Dicopanol: 'dicopanol',
      Fanatrex: 'fanatrex',
      Medrox: 'medrox',
      Mentherm: 'mentherm',
      Relistor: 'methylnaltrexone',
      Zofran: 'ondansetron',
    };
    for (const [name, id] of Object.entries(expected)) assert.strictEqual(catalog.drugsIn(`${name} #30`)[0]?.drug.id, id, name);
  });

  it('lists the ingredients of every combination, compound and kit as entries of its own', () => {
    for (const d of catalog.drugs) {
      for (const id of d.contains ?? []) assert.ok(catalog.drugById(id) && id !== d.id, `${d.id} contains ${id}`);
      if (d.kind === 'combination') assert.ok((d.contains ?? []).length >= 2, `${d.id}: ingredients`);
      if (d.kind === 'convenience kit') assert.ok((d.contains ?? []).length >= 1, `${d.id}: ingredients`);
      if (d.kind === 'combination') assert.ok(d.strengths, `${d.id}: strengths as marketed`);
    }
    assert.deepStrictEqual([...catalog.ingredientsOf(catalog.drugById('therabenzaprine')!)].sort(), ['cyclobenzaprine', 'theramine', 'therabenzaprine'].sort());
  });
});

describe('drug vocabulary: against itself', () => {
  it('finds every name as its own entry, whole (the longest name at a word wins)', () => {
    for (const d of catalog.drugs) {
      for (const name of d.names) {
        const found = catalog.drugsIn(`${name} #30`);
        assert.strictEqual(found[0]?.drug.id, d.id, `${name} -> ${found[0]?.drug.id}`);
        assert.strictEqual(found[0].name, name);
      }
    }
  });

  it('never takes a word of a name for a misspelling', () => {
    const flagged = catalog.drugs.flatMap((d) => d.names.flatMap((name) => catalog.misspellingsIn(name).map((m) => `${name}: ${m.word} -> ${m.name}`)));
    assert.deepStrictEqual(flagged, []);
  });

  it('a brand and its generic, or a product and an ingredient, are the same subject; any other pair is not', function () {
    this.timeout(120000); // about 900 letters checked
    const entries = catalog.drugs;
    let related = 0;
    let different = 0;
    entries.forEach((a, i) => {
      // The same entry by another name, and each ingredient: quiet.
      for (const b of [a.names[a.names.length - 1], ...(a.contains ?? []).map((id) => catalog.drugById(id)!.names[0])]) {
        assert.deepStrictEqual(
          subjectFindings(letter(`${a.names[0]} #30`, `Therefore, the request for ${b} is not medically necessary.`)).map((p) => p.message),
          [],
          `${a.names[0]} / ${b}`,
        );
        related++;
      }
      // The next entry that is neither: found.
      const b = entries
        .slice(i + 1)
        .concat(entries.slice(0, i))
        .find((x) => !catalog.sameDrug(a, x))!;
      const found = subjectFindings(letter(`${a.names[0]} #30`, `Therefore, the request for ${b.names[0]} is not medically necessary.`));
      assert.strictEqual(found.length, 1, `${a.names[0]} / ${b.names[0]}`);
      assert.match(found[0].message, new RegExp(`concludes about ${b.names[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, not about`));
      assert.strictEqual(
        found[0].severity,
        a.confidence === 'confirmed' && b.confidence === 'confirmed' ? 'warning' : 'information',
        `${a.id} / ${b.id} severity`,
      );
      different++;
    });
    assert.ok(related >= entries.length && different === entries.length);
  });

  it('two products that share an ingredient are different products', () => {
    const norco = catalog.drugById('hydrocodone-apap')!;
    const percocet = catalog.drugById('oxycodone-apap')!;
    assert.ok(!catalog.sameDrug(norco, percocet));
    assert.strictEqual(subjectFindings(letter('Norco 10/325mg #60', 'Therefore, the request for Percocet 10/325mg #60 is not medically necessary.')).length, 1);
    assert.strictEqual(subjectFindings(letter('Terocin patches #30', 'Therefore, the request for LidoPro is not medically necessary.')).length, 1);
  });
});

describe('drug vocabulary: spelling', () => {
  const dictionaries = ['/usr/share/dict/words', '/usr/share/hunspell/en_med_glut.dic'].filter((f) => fs.existsSync(f));

  it('stays quiet on every English and medical dictionary word (the near-word list is up to date)', function () {
    if (dictionaries.length < 2) this.skip();
    this.timeout(120000); // 150,000 words on a shared machine
    // A brute-force oracle: a word is within reach of a name when they share the first letter
    // and the edit distance is 1 (2 for names of nine letters or more). Every such word must be
    // a listed near-word or a word of a name; and the index agrees with the oracle on a sample.
    const targets = new Map<string, string[]>();
    for (const d of catalog.drugs)
      for (const name of d.names)
        if (/^[A-Za-z]{5,}$/.test(name)) targets.set(name[0].toLowerCase(), [...(targets.get(name[0].toLowerCase()) ?? []), name.toLowerCase()]);
    const known = new Set([
      ...nearWords.words,
      ...drugData.notMisspellings.words,
      ...catalog.drugs.flatMap((d) => d.names.flatMap((n) => n.toLowerCase().split(/[^a-z]+/))),
    ]);
    const flagged: string[] = [];
    let checked = 0;
    let agreed = 0;
    for (const file of dictionaries) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        const word = line.trim().split('/')[0].toLowerCase();
        if (!/^[a-z]{5,}$/.test(word)) continue;
        checked++;
        const near = (targets.get(word[0]) ?? []).find((t) => {
          const max = t.length >= 9 ? 2 : 1;
          return t !== word && Math.abs(t.length - word.length) <= max && editDistance(word, t, max) <= max;
        });
        if (near && !known.has(word) && !(word.endsWith('s') && known.has(word.slice(0, -1)))) flagged.push(`${word} -> ${near}`);
        if (checked % 50 === 0) {
          assert.strictEqual(catalog.misspelledDrug(word), undefined, word);
          agreed++;
        }
      }
    }
    assert.ok(checked > 100000 && agreed > 2000, `${checked} words checked, ${agreed} through the index`);
    assert.deepStrictEqual(flagged, [], 'run node scripts/gen-near-words.js after changing the vocabulary');
  });
  if (dictionaries.length < 2)
    it('skipped: the dictionary check needs `apt-get install wamerican hunspell-en-med`', function () {
      this.skip();
    });

  it('on the published letters and seeds, flags only the documented misspellings', function () {
    if (!corpusDir()) this.skip();
    const found = new Set<string>();
    for (const sub of ['letters', 'seeds'] as const) {
      for (const { text } of readCorpus(sub))
        for (const line of text.split('\n')) for (const m of catalog.misspellingsIn(line)) found.add(m.word.toLowerCase());
    }
    // DOMAIN.md section 11: D9 'Ketaprofen' (CM16-0247802), 'methylpredniosone' (CM16-0240518), seed 001 'Vallium'.
    assert.deepStrictEqual([...found].sort(), ['ketaprofen', 'methylpredniosone', 'vallium']);
  });
  if (!corpusDir())
    it(`skipped: ${corpusMissingReason}`, function () {
      this.skip();
    });

  it('finds a one-letter slip in a kit or medical food name and keeps the first letter', () => {
    assert.strictEqual(catalog.misspelledDrug('Terocinn')?.name, 'Terocin');
    assert.strictEqual(catalog.misspelledDrug('Theramin')?.name, 'Theramine');
    assert.strictEqual(catalog.misspelledDrug('Dicopanl')?.name, 'Dicopanol');
    assert.strictEqual(catalog.misspelledDrug('Yerocin'), undefined);
  });

  it("accepts the reviewer's words (configuration 'words')", () => {
    const text = letter('Terocinn patches #30', 'Therefore, the request is not medically necessary.');
    assert.strictEqual(service.validate(doc(text)).filter((p) => p.ruleId === 'IMR028').length, 1);
    assert.strictEqual(service.validate(doc(text), undefined, new Set(['terocinn'])).filter((p) => p.ruleId === 'IMR028').length, 0);
  });
});

describe('drug vocabulary: section fit', () => {
  it('a cited section that names the drug, an ingredient or its class fits even when the vocabulary does not list it', () => {
    const guidelines = JSON.parse(fs.readFileSync(path.join(dataDir, 'guidelines.json'), 'utf8'));
    const cpmtg = guidelines.parts.find((p: { id: string }) => p.id === 'cpmtg');
    cpmtg.sections.push(
      { name: 'Tizanidine (Zanaflex)', source: 'test', confidence: 'confirmed' },
      { name: 'Opioids, specific drug list', source: 'test', confidence: 'confirmed' },
    );
    const wider = buildCatalog({
      parts: guidelines.parts,
      drugs: catalog.drugs,
      nonMtus: [],
      notMisspellings: [...drugData.notMisspellings.words, ...nearWords.words],
      classTerms: drugData.classTerms,
      topicalTopic: drugData.topicalTopic,
    });
    const widerService = getLanguageService({ catalog: wider });
    const item = (treatment: string, section: string) =>
      `${HEAD}\n${treatment}: Upheld\n\nClaims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.\n\nMAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): ${section}.\n\nDecision rationale: The request is not medically necessary.\n`;
    const mismatch = (treatment: string, section: string) => widerService.validate(doc(item(treatment, section))).filter((p) => p.ruleId === 'IMR019').length;
    assert.strictEqual(mismatch('Zanaflex 4mg #60', 'Tizanidine (Zanaflex)'), 0);
    assert.strictEqual(mismatch('Nucynta 50mg #60', 'Opioids, specific drug list'), 0);
    assert.strictEqual(mismatch('Zanaflex 4mg #60', 'Opioids, specific drug list'), 1);
  });
});

describe('drug vocabulary: completion', () => {
  it('offers vocabulary names for a word typed in a rationale, with class, ingredients and source', () => {
    const text = letter('Theramine #120', 'Therefore, the request for Therab');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('Therab'));
    const position: Position = { line, character: lines[line].indexOf('Therab') + 'Therab'.length };
    const items = service.doComplete(doc(text), position).items.filter((i) => i.label === 'Therabenzaprine');
    assert.strictEqual(items.length, 1);
    const value = (items[0].documentation as { value: string }).value;
    assert.match(value, /Contains: Flexeril, Theramine/);
    assert.match(value, /Source \(confirmed\): DailyMed label: THERABENZAPRINE-90/);
    assert.deepStrictEqual(
      catalog.namesStartingWith('sentra', 5).map((n) => n.name),
      ['Sentra AM', 'Sentra PM', 'Sentradine'],
    );
  });
});

describe('drug vocabulary: cost per letter does not grow with the vocabulary', () => {
  it('examines the same candidates per letter with 3,000 more entries', function () {
    if (!corpusDir()) this.skip();
    this.timeout(120000);
    const texts = readCorpus('letters').map((l) => l.text);
    const letters26 = (n: number) => Array.from({ length: 4 }, (_, i) => String.fromCharCode(97 + (Math.floor(n / 26 ** i) % 26))).join('');
    const extra: DrugEntry[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `synthetic-${i}`,
      names: [`Xq${letters26(i)}mab`, `Zv${letters26(i)}tol extended`],
      class: 'synthetic',
      classGroup: 'synthetic',
      kind: 'drug',
      topics: [],
      source: 'test',
      confidence: 'unconfirmed',
    }));
    const count = (drugs: DrugEntry[]) => {
      const counters = { nameCandidates: 0, spellingCandidates: 0 };
      const index = buildDrugIndex({ drugs, notMisspellings: [...drugData.notMisspellings.words, ...nearWords.words], counters });
      for (const text of texts) {
        index.mentionsIn(text);
        for (const line of text.split('\n')) index.misspellingsIn(line);
      }
      return counters;
    };
    const real = count(catalog.drugs);
    const bigger = count([...catalog.drugs, ...extra]);
    assert.ok(real.nameCandidates > 0 && real.spellingCandidates > 0, JSON.stringify(real));
    assert.deepStrictEqual(bigger, real);
  });
});

describe('drug vocabulary: the deletion index on hashes', () => {
  // The string forms of the deletion index: the word, each letter but the first deleted, and with depth 2 two.
  const stringForms = (word: string, depth: number) => {
    const forms: string[] = [];
    someForm(word, depth, (f) => (forms.push(f), false));
    return forms;
  };

  it('visits the forms the string index had', () => {
    assert.deepStrictEqual(stringForms('abcd', 1), ['abcd', 'acd', 'abd', 'abc']);
    assert.deepStrictEqual(stringForms('abcd', 2), ['abcd', 'acd', 'ad', 'ac', 'abd', 'ab', 'abc']);
  });

  it('hashes each form as its string, in the same order, without building it', () => {
    const index = new DeletionIndex([], () => 1);
    for (const word of [
      'vallium',
      'methylpredniosone',
      'abcde',
      'x',
      'a\u00e9b\u2019cdefghijklmnopqrstuvwxyz0123456789-long-enough-to-grow-the-scratch-arrays-past-64',
    ]) {
      for (const depth of [1, 2]) {
        const count = index.formHashes(word, depth);
        assert.deepStrictEqual(
          [...index.lastForms.subarray(0, count)],
          stringForms(word, depth).map((f) => formHash(f)),
          `${word} depth ${depth}`,
        );
      }
    }
  });

  it('finds the targets that share a form with a word, each once', () => {
    const targets = ['valium', 'ketoprofen', 'ketorolac'];
    const index = new DeletionIndex(targets, (t) => (t.length >= 9 ? 2 : 1));
    const named = (word: string, depth: number) => index.candidates(word, depth).map((t) => targets[t]);
    assert.deepStrictEqual(named('vallium', 1), ['valium']); // 'valium' is one of its forms
    assert.deepStrictEqual(named('ketaprofen', 2), ['ketoprofen']);
    assert.deepStrictEqual(named('ability', 1), []);
    assert.ok(index.hasAnyForm('valiun', 1) && !index.hasAnyForm('ability', 1));
    assert.ok(sharesForm('ketaprofen', 2, 'ketoprofen', 2) && !sharesForm('ketaprofen', 2, 'ketorolac', 2));
  });

  it('lets only the words that share a form with a name reach the exact check', () => {
    const counters = { nameCandidates: 0, spellingCandidates: 0, spellingWords: 0, spellingIndexed: 0 };
    const index = buildDrugIndex({ drugs: catalog.drugs, notMisspellings: [...drugData.notMisspellings.words, ...nearWords.words], counters });
    const line = 'Vallium and Ketaprofen were requested; the reviewer considered documentation, guidelines, medications and treatment history.';
    const found = index.misspellingsIn(line).map((m) => `${m.word}>${m.name}`);
    assert.deepStrictEqual(found, ['Vallium>Valium', 'Ketaprofen>Ketoprofen']);
    // Words of five letters or more not known as English or vocabulary words: each verdict
    // computed once; the two misspellings have candidates, most others do not.
    assert.ok(counters.spellingWords >= 4, JSON.stringify(counters));
    assert.ok(counters.spellingIndexed >= 2 && counters.spellingIndexed < counters.spellingWords, JSON.stringify(counters));
    const before = { ...counters };
    index.misspellingsIn(line);
    assert.deepStrictEqual(counters, before); // remembered by word
  });

  it('computes one verdict for a word in any capitalisation, and places each misspelling where it stands', () => {
    const counters = { nameCandidates: 0, spellingCandidates: 0, spellingWords: 0, spellingIndexed: 0 };
    const index = buildDrugIndex({ drugs: catalog.drugs, notMisspellings: [...drugData.notMisspellings.words, ...nearWords.words], counters });
    const line = 'VALLIUM, Vallium (vallium): Valliums; vallium Vallium again, then Ketaprofen.';
    const found = index.misspellingsIn(line).map((m) => [m.start, m.word, m.name]);
    const expected: Array<[number, string, string]> = [];
    for (const m of line.matchAll(/[A-Za-z]{5,}/g))
      if (/^vallium$|^ketaprofen$/i.test(m[0])) expected.push([m.index, m[0], /^v/i.test(m[0]) ? 'Valium' : 'Ketoprofen']);
    assert.deepStrictEqual(found, expected);
    // As many verdicts as for each word once in lower case ('vallium' once for its three spellings).
    const once = { nameCandidates: 0, spellingCandidates: 0, spellingWords: 0, spellingIndexed: 0 };
    buildDrugIndex({ drugs: catalog.drugs, notMisspellings: [...drugData.notMisspellings.words, ...nearWords.words], counters: once }).misspellingsIn(
      'vallium valliums again then ketaprofen',
    );
    assert.ok(once.spellingWords >= 3, JSON.stringify(once));
    assert.deepStrictEqual(counters, once);
  });

  it('reads the words of a line on its char codes as /[A-Za-z]{5,}/g finds them, with the verdicts of misspelledDrug', () => {
    const index = buildDrugIndex({ drugs: catalog.drugs, notMisspellings: [...drugData.notMisspellings.words, ...nearWords.words] });
    // Runs next to non-ASCII letters, digits, marks and line ends; runs of 4, 5 and long ones;
    // a word remembered in one case and met in another (the verdicts are by lower case).
    const lines = [
      'Vallium',
      'xVallium Vallium1 1Vallium éVallium Valliumé ÀKetaprofen',
      'VALLIUM, vallium; VaLlIuM (Ketaprofen)',
      'Vall ium Valli Vallium\tKetaprofen\u00a0Nuerontin',
      'methylpredniosone'.repeat(3) + ' methylpredniosone',
      'Terocinn-Theramin/Dicopanl Yerocin',
      '',
      'a b c',
    ];
    for (const line of [...lines, ...lines.map((l) => l.toUpperCase())]) {
      const expected = [...line.matchAll(/[A-Za-z]{5,}/g)].flatMap((m) => {
        const match = index.misspelledDrug(m[0]);
        return match ? [{ start: m.index, word: m[0], name: match.name, drug: match.drug }] : [];
      });
      assert.deepStrictEqual(index.misspellingsIn(line), expected, line);
    }
  });

  it('reads a line where it stands in a longer text as it reads the line alone (misspellingsIn with from and to)', () => {
    const index = buildDrugIndex({ drugs: catalog.drugs, notMisspellings: [...drugData.notMisspellings.words, ...nearWords.words] });
    // Lines whose runs of letters touch the text around them: a run is cut at the line's ends.
    const lines = ['Vallium', 'Ketaprofen and Vallium', 'allium', 'Vall', 'ium Ketaprofe', 'n', '', 'Nuerontin x', 'xVallium'];
    for (const joiner of ['\n', '', 'ab', ' ']) {
      const text = lines.join(joiner);
      for (let k = 0, from = 0; k < lines.length; from += lines[k].length + joiner.length, k++) {
        assert.deepStrictEqual(index.misspellingsIn(text, from, from + lines[k].length), index.misspellingsIn(lines[k]), `${JSON.stringify(joiner)} ${k}`);
      }
    }
  });
});
