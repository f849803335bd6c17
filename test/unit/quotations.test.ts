/**
 * The standard quotation library (server/data/quotations.json), its matcher, the misquotation
 * quick fixes, quotation completion, and the generated snippets and quotation page.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { getLanguageService } from '../../server/src/service';
import { buildCatalog } from '../../server/src/service/catalog';
import { GAP, QuotationData, QuotationIndex, tokenize } from '../../server/src/service/catalog/quotations';
import { applyEdits } from './rules.test';
import { repoRoot } from '../util';
import { editsOf } from '../edits';

const dataDir = path.join(repoRoot, 'server', 'data');
const library = JSON.parse(fs.readFileSync(path.join(dataDir, 'quotations.json'), 'utf8')) as QuotationData;
const catalog = buildCatalog();
const index = catalog.quotations();
const byId = (id: string) => {
  const q = index.get(id);
  assert.ok(q, `quotation ${id}`);
  return q!;
};

describe('quotation library (server/data/quotations.json)', () => {
  it('is valid against its JSON Schema', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(dataDir, 'quotations.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(schema);
    assert.ok(validate(library), ajv.errorsText(validate.errors));
  });

  it('has at least 50 quotations with unique ids, and both skeletons', () => {
    assert.ok(library.quotations.length >= 50, `${library.quotations.length} quotations`);
    const ids = library.quotations.map((q) => q.id);
    assert.strictEqual(new Set(ids).size, ids.length);
    assert.deepStrictEqual(library.templates.map((t) => t.id).sort(), ['imr-item', 'imr-letter']);
  });

  it('every text is well formed: one line, single spaces, straight quotes, balanced brackets', () => {
    for (const q of library.quotations) {
      assert.ok(!/\s\s|\n|^\s|\s$/.test(q.text), `${q.id}: spacing`);
      assert.ok(!/[\u2018\u2019\u201c\u201d\u2013\u2014]/.test(q.text), `${q.id}: straight quotes and hyphens only`);
      assert.strictEqual((q.text.match(/\(/g) ?? []).length, (q.text.match(/\)/g) ?? []).length, `${q.id}: parentheses`);
      assert.strictEqual((q.text.match(/"/g) ?? []).length % 2, 0, `${q.id}: quote marks`);
      assert.ok(tokenize(q.text).length >= 6, `${q.id}: long enough to be recognised`);
    }
  });

  it('every MTUS citation resolves in the guideline catalog (part, edition, section)', () => {
    for (const q of library.quotations) {
      if (q.kind !== 'mtus') {
        assert.strictEqual(q.partId, undefined, `${q.id}: only MTUS text names a part`);
        continue;
      }
      if (q.regulation) {
        assert.strictEqual(q.partId, undefined, `${q.id}: regulation text names no part`);
        continue;
      }
      const part = catalog.partById(q.partId!);
      assert.ok(part, `${q.id}: part ${q.partId}`);
      assert.ok(catalog.edition(part!.id, q.year!), `${q.id}: edition ${q.year} of ${part!.id}`);
      if (part!.sections.length) assert.ok(q.section, `${q.id}: ${part!.id} has sections, so the quotation names one`);
      for (const name of [q.section, ...(q.alsoSections ?? [])].filter((s): s is string => !!s)) {
        assert.strictEqual(catalog.section(part!.id, name)?.name, name, `${q.id}: section '${name}' of ${part!.id}`);
      }
      for (const other of q.alsoIn ?? []) assert.ok(catalog.partById(other), `${q.id}: alsoIn ${other}`);
    }
  });

  it('drug classes are classGroup values of the drug table', () => {
    const groups = new Set(catalog.drugs.map((d) => d.classGroup));
    for (const q of library.quotations) for (const c of q.drugClasses ?? []) assert.ok(groups.has(c), `${q.id}: drug class '${c}'`);
  });

  it('the letter skeleton has the three headings in order and the item skeleton the three labels in order', () => {
    const letter = library.templates.find((t) => t.id === 'imr-letter')!.body;
    const at = (s: string) => letter.indexOf(s);
    assert.ok(at('HOW THE IMR FINAL DETERMINATION WAS MADE') >= 0);
    assert.ok(at('HOW THE IMR FINAL DETERMINATION WAS MADE') < at('CLINICAL CASE SUMMARY'));
    assert.ok(at('CLINICAL CASE SUMMARY') < at('IMR ISSUES, DECISIONS AND RATIONALES'));
    const item = library.templates.find((t) => t.id === 'imr-item')!.body;
    const labels = ['Claims Administrator guideline:', 'MAXIMUS guideline:', 'Decision rationale:'].map((l) => item.indexOf(l));
    assert.ok(
      labels.every((p, i) => p > 0 && (i === 0 || p > labels[i - 1])),
      'labels in order',
    );
  });

  it('the letter skeleton, its placeholders filled with their defaults, parses into a complete letter', () => {
    const expand = (body: string) =>
      body
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
        .replace(/\$0/g, '');
    const text = expand(library.templates.find((t) => t.id === 'imr-letter')!.body);
    const model = getLanguageService().parse({ uri: 'mem://skeleton', version: 1, getText: () => text });
    assert.deepStrictEqual(
      model.sections.map((s) => s.kind),
      ['how', 'summary', 'issues'],
    );
    assert.strictEqual(model.header?.fields.length, 7);
    assert.strictEqual(model.items.length, 1);
    assert.strictEqual(model.items[0].header?.decision?.value, 'Upheld');
    assert.deepStrictEqual(
      model.items[0].paragraphs.map((p) => p.kind),
      ['claimsAdministrator', 'maximus', 'rationale'],
    );
    assert.strictEqual(model.items[0].rationale?.conclusion?.polarity, 'not-necessary');
  });

  it('every quotation and every lead-in form is found in itself, complete and without difference', () => {
    for (const v of index.variants) {
      const found = index.find(v.text).filter((m) => m.quotation === v.quotation);
      assert.strictEqual(found.length, 1, `${v.quotation.id}: found once in '${v.text.slice(0, 40)}'`);
      assert.deepStrictEqual(found[0].edits, [], `${v.quotation.id}: no difference`);
      assert.ok(found[0].complete, `${v.quotation.id}: complete`);
    }
  });
});

describe('quotation matcher', () => {
  const benzo = byId('benzodiazepines').text;
  const find = (text: string, id: string) => index.find(text).filter((m) => m.quotation.id === id);

  it('tokenizes per DOMAIN.md 2.5: curly quotes, dashes, hyphens, case, number words, ranges, references, [sic], ellipsis', () => {
    const norms = (t: string) => tokenize(t).map((x) => x.norm);
    assert.deepStrictEqual(norms('Long-term \u201cUse\u201d'), ['longterm', 'use']);
    assert.deepStrictEqual(norms('a three- or four-week period'), ['a', '3', '4', 'week', 'period']);
    assert.deepStrictEqual(norms('2 to 3 weeks; 2-3 weeks'), ['2', '3', 'weeks', '2', '3', 'weeks']);
    assert.deepStrictEqual(norms('dependence. (Homik, 2004) Sedation [sic] ... rapid'), ['dependence', 'sedation', GAP, 'rapid']);
    const tokens = tokenize('Not  recommended');
    assert.deepStrictEqual(
      tokens.map((t) => [t.start, t.end]),
      [
        [0, 3],
        [5, 16],
      ],
    );
  });

  it('exact: the quotation inside a sentence, with a lead-in, is found without difference', () => {
    const text = `Per the MTUS, benzodiazepines are ${benzo.charAt(0).toLowerCase()}${benzo.slice(1)} The request is not medically necessary.`;
    const [m] = find(text, 'benzodiazepines');
    assert.ok(m);
    assert.deepStrictEqual(m.edits, []);
  });

  it('near: one word changed is reported at that word, with the source wording', () => {
    const text = `The MTUS state "${benzo.replace('develops rapidly', 'develops swiftly')}"`;
    const [m] = find(text, 'benzodiazepines');
    assert.strictEqual(m.edits.length, 1);
    const e = m.edits[0];
    assert.strictEqual(e.kind, 'changed');
    assert.strictEqual(text.slice(e.start, e.end), 'swiftly');
    assert.strictEqual(e.expected, 'rapidly');
    assert.strictEqual(e.meaning, undefined);
  });

  it('near: a lost negation and a changed number are classified', () => {
    const lost = find(
      `"Benzodiazepines are recommended for long-term use because long-term efficacy is unproven and there is a risk of dependence."`,
      'benzodiazepines',
    )[0];
    assert.deepStrictEqual(
      lost.edits.map((e) => [e.kind, e.expected, e.meaning]),
      [['dropped', 'not', 'negation']],
    );
    const number = find(
      `Most guidelines limit use to 2 weeks. Their range of action includes sedative/hypnotic, anxiolytic, anticonvulsant, and muscle relaxant.`,
      'benzodiazepines',
    )[0];
    assert.deepStrictEqual(
      number.edits.map((e) => [e.found, e.expected, e.meaning]),
      [['2', '4', 'number']],
    );
  });

  it('near: an added word is reported, and its repair removes it with its brackets', () => {
    const text =
      'The MTUS state "benzodiazepines (Alprazolam) are not recommended for long-term use because long-term efficacy is unproven and there is a risk of dependence."';
    const [m] = find(text, 'benzodiazepines');
    assert.strictEqual(m.edits.length, 1);
    const e = m.edits[0];
    assert.strictEqual(e.kind, 'added');
    assert.strictEqual(e.found, 'Alprazolam');
    const repaired = text.slice(0, e.repair.from) + e.repair.insert + text.slice(e.repair.to);
    assert.ok(repaired.includes('"benzodiazepines are not recommended for long-term use'), repaired);
    assert.deepStrictEqual(find(repaired, 'benzodiazepines')[0].edits, []);
  });

  it('far: unrelated text and a loose paraphrase report nothing', () => {
    assert.deepStrictEqual(index.find('The injured worker reports neck pain radiating to the right arm since the fall at work.'), []);
    const paraphrase = 'Benzodiazepines are limited by most guidelines to a few weeks because tolerance develops and dependence is a risk.';
    assert.ok(index.find(paraphrase).every((m) => m.edits.length === 0));
  });

  it('wrapped and hyphenated at line ends (through the parser): no difference, and a change is placed on its line', () => {
    const service = getLanguageService();
    const letter = (rationale: string) =>
      [
        'HOW THE IMR FINAL DETERMINATION WAS MADE',
        'An expert reviewer reviewed the file.',
        '',
        'CLINICAL CASE SUMMARY',
        'A 50 year old driver has neck pain.',
        '',
        'IMR ISSUES, DECISIONS AND RATIONALES',
        'The Final Determination was based on decisions for the disputed items/services set forth below:',
        '',
        'Diazepam 5mg #30: Upheld',
        '',
        'Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.',
        '',
        'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2009, Section(s):',
        'Benzodiazepines.',
        '',
        `Decision rationale: ${rationale}`,
        '',
      ].join('\n');
    const wrapped =
      'The MTUS state "Not recommended for long-term use because long-\nterm efficacy is unproven and there is a risk of\ndependence. Most guidelines limit use to 4 weeks." The request is not\nmedically necessary.';
    const quiet = service.validate({ uri: 'mem://wrapped', version: 1, getText: () => letter(wrapped) }).filter((p) => /^IMR03/.test(p.ruleId));
    assert.deepStrictEqual(quiet, []);
    const changed = wrapped.replace('4 weeks', '6 weeks');
    const problems = service.validate({ uri: 'mem://wrapped', version: 2, getText: () => letter(changed) }).filter((p) => /^IMR03/.test(p.ruleId));
    const column = 'dependence. Most guidelines limit use to '.length;
    assert.deepStrictEqual(
      problems.map((p) => [p.ruleId, p.range.start.line, p.range.start.character, p.range.end.character]),
      [['IMR030', 18, column, column + 1]],
    );
  });

  it('accepted variants are not differences (Indiscriminate for Indiscriminant)', () => {
    const imaging = byId('imaging-low-back').text.replace('Indiscriminant', 'Indiscriminate');
    assert.deepStrictEqual(find(imaging, 'imaging-low-back')[0].edits, []);
  });

  it('finds candidates through shingles: a custom library of one entry is enough', () => {
    const one = new QuotationIndex({ quotations: [byId('tens')], templates: [] });
    assert.strictEqual(one.find(`TENS is ${byId('tens').text}.`).length, 1);
    assert.strictEqual(one.find(benzo).length, 0);
  });
});

describe('quotation quick fixes and completion (through the service)', () => {
  const service = getLanguageService();
  const fixture = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'rules', 'misquoted-meaning', 'negation-and-number-changed.imr'), 'utf8');
  const text = fixture.slice(0, fixture.indexOf('\n--- expect\n') + 1);
  const doc = (t: string, version: number) => ({ uri: 'mem://quotes', version, getText: () => t });

  it('the code actions restore the exact quotation and re-checking reports nothing', () => {
    let current = text;
    let version = 1;
    for (let round = 0; round < 5; round++) {
      const problem = service.validate(doc(current, version)).find((p) => /^IMR03/.test(p.ruleId));
      if (!problem) break;
      const actions = service.getCodeActions(doc(current, version), problem.range);
      const preferred = actions.find((a) => a.isPreferred && a.diagnostics?.[0].code === problem.ruleId);
      assert.ok(preferred, `a preferred quick fix for ${problem.message}`);
      current = applyEdits(current, editsOf(preferred!, 'mem://quotes', version));
      version++;
    }
    assert.deepStrictEqual(
      service.validate(doc(current, version)).filter((p) => /^IMR03/.test(p.ruleId)),
      [],
    );
    const joined = current.replace(/-\n/g, '-').replace(/\s+/g, ' ');
    assert.ok(
      joined.includes(
        'benzodiazepines are not recommended for long-term use because long-term efficacy is unproven and there is a risk of dependence. Most guidelines limit use to 4 weeks.',
      ),
      joined,
    );
  });

  it('in a rationale, offers the quotations that fit the treatment first, with their source', () => {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('Decision rationale:'));
    const list = service.doComplete(doc(text, 20), { line, character: 'Decision rationale: '.length });
    const sorted = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.strictEqual((sorted[0].data as { quotation: string }).quotation, 'benzodiazepines');
    assert.ok(sorted[0].textEdit && 'range' in sorted[0].textEdit);
    assert.strictEqual(sorted[0].textEdit!.newText, `"${byId('benzodiazepines').text}"`);
    const docs = sorted[0].documentation as { value: string };
    assert.match(docs.value, /Source: CPMTG 2009 p\.24/);
    assert.match(docs.value, /Decision based on MTUS Chronic Pain Medical Treatment 2009, Section\(s\): Benzodiazepines\./);
    assert.ok(list.items.length >= 30, 'every quotation is offered');
    const fitting = sorted.filter((i) => i.sortText!.startsWith('0-')).map((i) => (i.data as { quotation: string }).quotation);
    assert.ok(!fitting.includes('tens'), 'TENS does not fit a benzodiazepine');
  });

  it('in the MAXIMUS line, offers the citation of the quotation the rationale uses', () => {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('MAXIMUS guideline:'));
    const edited = lines.map((l, i) => (i === line ? 'MAXIMUS guideline: ' : i === line + 1 ? '' : l)).join('\n');
    const list = service.doComplete(doc(edited, 21), { line, character: 'MAXIMUS guideline: '.length });
    const first = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!))[0];
    assert.strictEqual(first.textEdit!.newText, 'Decision based on MTUS Chronic Pain Medical Treatment 2009, Section(s): Benzodiazepines.');
    assert.match(String(first.detail), /Benzodiazepines/);
  });
});

describe('generated snippets and quotation page', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const gen = require(path.join(repoRoot, 'scripts', 'gen-snippets.js')) as { render(): Map<string, string>; prefixOf(q: unknown): string };

  it('are up to date (node scripts/gen-snippets.js)', () => {
    for (const [file, content] of gen.render()) {
      assert.ok(fs.existsSync(file), `${path.relative(repoRoot, file)} is missing: run node scripts/gen-snippets.js`);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), content, `${path.relative(repoRoot, file)} is out of date: run node scripts/gen-snippets.js`);
    }
  });

  it('are contributed for the imr language, one per quotation with unique readable prefixes', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    assert.ok(
      (manifest.contributes.snippets ?? []).some((s: { language: string; path: string }) => s.language === 'imr' && s.path === './snippets/imr.code-snippets'),
    );
    const snippets = JSON.parse(fs.readFileSync(path.join(repoRoot, 'snippets', 'imr.code-snippets'), 'utf8')) as Record<
      string,
      { prefix: string; body: string[] }
    >;
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    assert.strictEqual(new Set(prefixes).size, prefixes.length, 'unique prefixes');
    for (const p of ['mtus-benzodiazepines', 'mtus-benzodiazepines-item', 'imr-item', 'imr-letter', 'mtus-tens']) assert.ok(prefixes.includes(p), p);
    for (const q of library.quotations) assert.ok(prefixes.includes(gen.prefixOf(q)), q.id);
    const benzo = Object.values(snippets)
      .find((s) => s.prefix === 'mtus-benzodiazepines-item')!
      .body.join('\n');
    assert.ok(benzo.includes(byId('benzodiazepines').text));
    assert.ok(benzo.includes('MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2009, Section(s): Benzodiazepines.'));
    assert.match(benzo, /\$\{1:[^}]+\}/, 'placeholders for the case-specific parts');
  });
});
