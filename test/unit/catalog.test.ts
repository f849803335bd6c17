import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import type { Position } from 'vscode-languageserver-types';
import { buildCatalog } from '../../server/src/service/catalog';
import { getLanguageService } from '../../server/src/service';
import { repoRoot } from '../util';

const dataDir = path.join(repoRoot, 'server', 'data');
const catalog = buildCatalog();

describe('catalog data', () => {
  for (const name of ['guidelines', 'drugs', 'nonmtus']) {
    it(`${name}.json is valid against ${name}.schema.json`, () => {
      const ajv = new Ajv({ allErrors: true, strict: false });
      const schema = JSON.parse(fs.readFileSync(path.join(dataDir, `${name}.schema.json`), 'utf8'));
      const data = JSON.parse(fs.readFileSync(path.join(dataDir, `${name}.json`), 'utf8'));
      const validate = ajv.compile(schema);
      assert.ok(validate(data), ajv.errorsText(validate.errors));
    });
  }

  it('rejects an entry without its source (the schema can fail)', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(dataDir, 'drugs.schema.json'), 'utf8')));
    assert.ok(!validate({ drugs: [{ id: 'x', names: ['X'], class: 'c', classGroup: 'c', topics: [], confidence: 'confirmed' }] }));
  });

  it('every drug topic names a part and a section the guideline catalog has', () => {
    for (const drug of catalog.drugs) {
      for (const t of drug.topics) {
        assert.ok(catalog.partById(t.partId), `${drug.id}: part ${t.partId}`);
        if (t.section) assert.ok(catalog.section(t.partId, t.section), `${drug.id}: section ${t.section}`);
      }
    }
    assert.ok(catalog.topicalTopic && catalog.section(catalog.topicalTopic.partId, catalog.topicalTopic.section), 'the topical topic');
  });

  it('labels, drug names and section names are unique', () => {
    const labels = catalog.parts.flatMap((p) => p.labels.map((l) => l.toLowerCase()));
    assert.strictEqual(new Set(labels).size, labels.length);
    const names = catalog.drugs.flatMap((d) => d.names.map((n) => n.toLowerCase()));
    assert.strictEqual(new Set(names).size, names.length, 'a drug name belongs to one drug');
    for (const p of catalog.parts) assert.strictEqual(new Set(p.sections.map((s) => s.name)).size, p.sections.length, p.id);
  });

  it('keeps the 2009 CPMTG at 127 pages, with Benzodiazepines confirmed on page 24', () => {
    assert.strictEqual(catalog.edition('cpmtg', 2009)?.pages, 127);
    assert.deepStrictEqual(catalog.topic('cpmtg', 2009, 'Benzodiazepines')?.pages, [[24, 24]]);
    assert.strictEqual(catalog.topic('cpmtg', 2009, 'Benzodiazepines')?.confidence, 'confirmed');
    assert.strictEqual(catalog.topic('cpmtg', 2009, 'Muscle relaxers')?.name, 'Muscle relaxants (for pain)');
  });
});

describe('catalog: sections from the guideline documents', () => {
  const data = JSON.parse(fs.readFileSync(path.join(dataDir, 'guidelines.json'), 'utf8'));
  it('no section list is sourced from the letters; every edition says where its list comes from and whether it is complete', () => {
    for (const part of data.parts) {
      for (const e of part.editions) {
        assert.ok(e.sectionList, `${part.id} ${e.year} has a sectionList`);
        assert.ok(['complete', 'partial'].includes(e.sectionList.completeness));
        assert.doesNotMatch(e.sectionList.source, /seen in|observed in letters/i, `${part.id} ${e.year}`);
      }
      for (const s of part.sections) {
        assert.doesNotMatch(s.source, /seen in|observed in letters|mentions\/letters/i, `${part.id}: ${s.name}`);
        // A name only letters attest is marked observed and stays unconfirmed.
        if (/^observed/.test(s.source)) assert.strictEqual(s.confidence, 'unconfirmed', `${part.id}: ${s.name}`);
      }
    }
  });
  it('a list is complete only when confirmed', () => {
    for (const part of data.parts)
      for (const e of part.editions) if (e.sectionList.completeness === 'complete') assert.strictEqual(e.sectionList.confidence, 'confirmed', part.id);
  });
  it('has the Part 2 topics the brief names, and the Opioids Treatment Guidelines sections with their numbers', () => {
    assert.ok(catalog.section('cpmtg', 'CRPS, sympathetic and epidural blocks'));
    assert.ok(catalog.section('cpmtg', 'Barbiturate-containing analgesic agents (BCAs)'));
    assert.strictEqual(catalog.section('otg', '1.4 Opioids for Acute Pain: Opioids for Post-operative Pain')?.page, 27);
    assert.ok(catalog.section('otg', '4.2 Tapering Opioids: Methods for Tapering Opioids'));
  });
  it('keeps every section name the drug table and the quotation library name resolvable', () => {
    const drugs = JSON.parse(fs.readFileSync(path.join(dataDir, 'drugs.json'), 'utf8'));
    for (const d of drugs.drugs) for (const t of d.topics) if (t.section) assert.ok(catalog.section(t.partId, t.section), `${d.id}: ${t.section}`);
    const quotations = JSON.parse(fs.readFileSync(path.join(dataDir, 'quotations.json'), 'utf8'));
    for (const q of quotations.quotations) {
      for (const name of [q.section, ...(q.alsoSections ?? [])].filter(Boolean)) assert.ok(catalog.section(q.partId, name), `${q.id}: ${name}`);
    }
  });
});

describe('section matching (each normalisation)', () => {
  const cases: Array<[string, string, string, string]> = [
    ['case and spacing', 'low-back', 'special   STUDIES', 'Special Studies'],
    ['trailing punctuation', 'low-back', 'Special Studies.', 'Special Studies'],
    ['"&" for "and"', 'cpmtg', 'Manual therapy and manipulation', 'Manual therapy & manipulation'],
    ['(R) marks', 'cpmtg', 'Cyclobenzaprine (Flexeril(R))', 'Cyclobenzaprine (Flexeril)'],
    ['® and ™ marks', 'cpmtg', 'Lidoderm® (lidocaine patch™)', 'Lidoderm (lidocaine patch)'],
    ['singular for plural', 'low-back', 'Special Study', 'Special Studies'],
    ['plural for singular', 'cpmtg', 'Trigger point injection', 'Trigger point injections'],
    ['"X, topical" written "topical X"', 'cpmtg', 'Topical capsaicin', 'Capsaicin, topical'],
    ['the generic name without the brand in parentheses', 'cpmtg', 'Cyclobenzaprine', 'Cyclobenzaprine (Flexeril)'],
    ['the brand name alone', 'cpmtg', 'Flexeril', 'Cyclobenzaprine (Flexeril)'],
    ['brand and generic swapped', 'cpmtg', 'Ultram (tramadol)', 'Tramadol (Ultram)'],
    ['another brand in parentheses', 'cpmtg', 'Naproxen (Anaprox)', 'Naproxen (Naprosyn, EC-Naprosyn, EC-Naprosyn, Anaprox, Anaprox DS [otc], Naprelan)'],
    ['the abbreviation AEDs', 'cpmtg', 'AEDs', 'Antiepilepsy drugs (AEDs)'],
    ['the abbreviation NSAIDs spelled out', 'cpmtg', 'Non-steroidal anti-inflammatory drugs', 'NSAIDs (non-steroidal anti-inflammatory drugs)'],
    [
      'NSAIDs spelled out inside a longer name',
      'cpmtg',
      'Non-steroidal anti-inflammatory drugs, GI symptoms and cardiovascular risk',
      'NSAIDs, GI symptoms & cardiovascular risk',
    ],
    ['the abbreviation PPIs', 'cpmtg', 'PPIs', 'Proton Pump Inhibitors (PPIs)'],
    [
      'the abbreviation TENS',
      'cpmtg',
      'Transcutaneous electrical nerve stimulation, chronic pain',
      'TENS, chronic pain (transcutaneous electrical nerve stimulation)',
    ],
    ['hyphenation', 'cpmtg', 'Anti-epilepsy drugs', 'Antiepilepsy drugs (AEDs)'],
    ['hyphen for space', 'shoulder', 'Follow up Visits', 'Follow-up Visits'],
    ['an older title (alias)', 'cpmtg', 'Weaning of Medications', 'Weaning of medications'],
    [
      'an OTG section by number and short title',
      'otg',
      '3.3.9 Maintenance of Chronic Opioid Treatment',
      '3.3.9 Opioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid Treatment',
    ],
  ];
  for (const [what, part, written, expected] of cases) {
    it(`${what}: '${written}'`, () => assert.strictEqual(catalog.section(part, written)?.name, expected));
  }
  it("does not match a misspelling or another part's section", () => {
    assert.strictEqual(catalog.section('low-back', 'Inital Care'), undefined);
    assert.strictEqual(catalog.section('low-back', 'Topical analgesics'), undefined);
    assert.strictEqual(catalog.section('cpmtg', 'Special Studies'), undefined);
    assert.strictEqual(catalog.section('cpmtg', 'Capsaicin, oral'), undefined);
  });
});

describe('catalog lookups', () => {
  it('finds sections regardless of case, spacing and "&"/"and"', () => {
    assert.strictEqual(catalog.section('cpmtg', 'manual therapy and  manipulation')?.name, 'Manual therapy & manipulation');
    assert.strictEqual(catalog.section('low-back', 'Special Studies.')?.name, 'Special Studies');
    assert.strictEqual(catalog.section('low-back', 'Inital Care'), undefined);
  });
  it('matches Opioid Treatment sections by number and title, and refuses a number with the wrong title', () => {
    assert.ok(catalog.section('otg', '3.3.9 Opioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid Treatment'));
    assert.ok(catalog.section('otg', '3.3.9 Maintenance of Chronic Opioid Treatment'));
    assert.strictEqual(catalog.section('otg', '3.3.9 Tapering Opioids: Methods for Tapering Opioids'), undefined);
  });
  it('suggests the closest labels and sections first', () => {
    assert.strictEqual(catalog.suggestLabels('Chronic Pain Medical Treatments')[0].value.label, 'Chronic Pain Medical Treatment');
    assert.strictEqual(catalog.suggestLabels('Low Back Complaint')[0].value.part.id, 'low-back');
    assert.deepStrictEqual(catalog.suggestSections('low-back', 'Diagnositc Criteria').map((s) => s.value.name)[0], 'Diagnostic Criteria');
    assert.deepStrictEqual(catalog.suggestLabels('Cardiology Guidelines'), []);
  });
  it('remembers the section suggestions for a name (the same answer, not computed again)', () => {
    const first = catalog.suggestSections('low-back', 'Diagnositc Criteria');
    assert.strictEqual(catalog.suggestSections('low-back', 'Diagnositc Criteria'), first);
    assert.notStrictEqual(catalog.suggestSections('low-back', 'Diagnositc Criteria', 1), first, 'another limit');
    assert.deepStrictEqual(
      catalog.suggestSections('low-back', 'Diagnositc Criteria', 1).map((s) => s.value.name),
      first.slice(0, 1).map((s) => s.value.name),
    );
  });
  it('finds drugs by brand and generic names, whole words only', () => {
    assert.deepStrictEqual(
      catalog.drugsIn('Norco 10/325mg #60 and Anaprox DS 550mg').map((d) => d.drug.id),
      ['hydrocodone-apap', 'naproxen'],
    );
    assert.deepStrictEqual(
      catalog.drugsIn('Sominex is not Soma').map((d) => d.name),
      ['Soma'],
    );
    assert.deepStrictEqual(catalog.drugsIn('MRI of the lumbar spine'), []);
  });
});

function at(text: string, marker: string): Position {
  const i = text.indexOf(marker) + marker.length;
  assert.ok(i >= marker.length, `marker ${marker}`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length - 1, character: i - before.lastIndexOf('\n') - 1 };
}

describe('citation hover, completion and definition', () => {
  const service = getLanguageService();
  const letter = fs.readFileSync(path.join(repoRoot, 'examples', 'clean-letter.imr'), 'utf8');
  let version = 0;
  const doc = (text: string) => ({ uri: 'test://catalog', version: ++version, getText: () => text });

  it('hover on a guideline part shows its name, regulation, editions and confidence', () => {
    const hover = service.doHover(doc(letter), at(letter, 'MTUS Low Back Compl'));
    const value = (hover!.contents as { value: string }).value;
    assert.match(value, /\*\*Low Back Complaints \(ACOEM chapter 12\)\*\* \(8 CCR 9792\.23\.5\)/);
    assert.match(value, /2004, pages 286-326 \(confirmed: [^]*; partial list of sections/);
    assert.match(value, /Cited edition: 2004\./);
  });

  it('hover on a section and on a legacy page gives the catalog facts', () => {
    const section = service.doHover(doc(letter), at(letter, 'Section(s):\nSpec'));
    assert.match(
      (section!.contents as { value: string }).value,
      /\*\*Special Studies\*\*, Low Back Complaints .* 2004[^]*ACOEM[^]*list of sections of this edition is partial/,
    );
    const legacy =
      'IMR ISSUES, DECISIONS AND RATIONALES\n\nValium 5mg #30: Upheld\n\nClaims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 23.\n';
    const page = service.doHover(doc(legacy), at(legacy, 'Page(s): 2'));
    assert.match(
      (page!.contents as { value: string }).value,
      /\*\*Page 23\*\* of the Chronic Pain Medical Treatment Guidelines 2009 \(127 pages\)[^]*Benzodiazepines is on page 24 \(confirmed/,
    );
  });

  it('completes guideline parts with their editions after "Decision based on MTUS "', () => {
    const text = letter.replace(
      'MAXIMUS guideline: Decision based on MTUS Opioid Treatment 2016, Section(s): 3.3.9',
      'MAXIMUS guideline: Decision based on MTUS Opi',
    );
    const position = at(text, 'Decision based on MTUS Opi');
    const list = service.doComplete(doc(text), position);
    const labels = list.items.map((i) => i.label);
    assert.ok(
      labels.includes('Opioid Treatment 2016') && labels.includes('Chronic Pain Medical Treatment 2009') && labels.includes('Low Back Complaints 2004'),
    );
    const edit = list.items[0].textEdit as { range: { start: Position; end: Position } };
    assert.deepStrictEqual(edit.range, { start: { line: position.line, character: position.character - 3 }, end: position });
  });

  it("completes sections of the cited part, those governing the item's drug first", () => {
    const text = letter.replace('Section(s): Tramadol (Ultram).', 'Section(s): ');
    const list = service.doComplete(doc(text), at(text, 'Medical Treatment 2016,\nSection(s): '));
    const sorted = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.strictEqual(sorted[0].label, 'Tramadol (Ultram)');
    assert.ok(list.items.every((i) => catalog.section('cpmtg', String(i.label))));
  });

  it('completes the page of a legacy topic after "Page(s):"', () => {
    const legacy =
      'IMR ISSUES, DECISIONS AND RATIONALES\n\nValium 5mg #30: Upheld\n\nClaims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): ';
    const list = service.doComplete(doc(legacy), at(legacy, 'Page(s): '));
    assert.deepStrictEqual(
      list.items.map((i) => i.label),
      ['24'],
    );
  });

  it('go to definition opens the read-only catalog entry at the section', () => {
    const location = service.findDefinition(doc(letter), at(letter, 'Section(s):\nSpec'))!;
    assert.strictEqual(location.uri, 'imr-catalog:/parts/low-back.md');
    const lines = service.getCatalogDocument(location.uri)!.split('\n');
    assert.match(lines[location.range.start.line], /^- Special Studies \(unconfirmed: ACOEM/);
    assert.strictEqual(service.getCatalogDocument('imr-catalog:/parts/nothing.md'), undefined);
  });
});

describe('severity follows the data', () => {
  const letter = (mx: string) =>
    `IMR ISSUES, DECISIONS AND RATIONALES\n\nMRI of the lumbar spine: Upheld\n\nClaims Administrator guideline: The Claims Administrator did not cite any medical evidence for its decision.\n\nMAXIMUS guideline: ${mx}\n\nDecision rationale: The request is not medically necessary.\n`;
  let version = 0;
  const problems = (service: ReturnType<typeof getLanguageService>, mx: string) =>
    service.validate({ uri: 'test://severity', version: ++version, getText: () => letter(mx) });
  const guidelines = JSON.parse(fs.readFileSync(path.join(dataDir, 'guidelines.json'), 'utf8'));
  const drugs = JSON.parse(fs.readFileSync(path.join(dataDir, 'drugs.json'), 'utf8'));
  const nonmtus = JSON.parse(fs.readFileSync(path.join(dataDir, 'nonmtus.json'), 'utf8'));
  /** The same data, with the Low Back Complaints list marked complete and confirmed. */
  function withCompleteLowBack() {
    const parts = JSON.parse(JSON.stringify(guidelines.parts));
    for (const e of parts.find((p: { id: string }) => p.id === 'low-back').editions)
      e.sectionList = { completeness: 'complete', source: 'test: the whole table of contents', confidence: 'confirmed' };
    return buildCatalog({
      parts,
      drugs: drugs.drugs,
      nonMtus: nonmtus.sources,
      notMisspellings: drugs.notMisspellings.words,
      classTerms: drugs.classTerms,
      topicalTopic: drugs.topicalTopic,
      sectionAbbreviations: guidelines.sectionAbbreviations.terms,
    });
  }

  it('an unknown section of a partial list is information, and says the catalog may lack it', () => {
    const found = problems(getLanguageService(), 'Decision based on MTUS Low Back Complaints 2004, Section(s): Inital Care.').filter(
      (p) => p.ruleId === 'IMR014',
    );
    assert.deepStrictEqual(
      found.map((p) => p.severity),
      ['information'],
    );
    assert.match(found[0].message, /may be right/);
  });
  it('the same name is a warning when the list is complete and confirmed, never an error', () => {
    const found = problems(
      getLanguageService({ catalog: withCompleteLowBack() }),
      'Decision based on MTUS Low Back Complaints 2004, Section(s): Inital Care.',
    ).filter((p) => p.ruleId === 'IMR014');
    assert.deepStrictEqual(
      found.map((p) => p.severity),
      ['warning'],
    );
    assert.doesNotMatch(found[0].message, /may be right/);
  });
  it('a year the regulation does not give is an error; for a part with unconfirmed editions, information', () => {
    const service = getLanguageService();
    assert.deepStrictEqual(
      problems(service, 'Decision based on MTUS Chronic Pain Medical Treatment 2011, Section(s): Topical analgesics.')
        .filter((p) => p.ruleId === 'IMR013')
        .map((p) => p.severity),
      ['error'],
    );
    assert.deepStrictEqual(
      problems(service, 'Decision based on MTUS Eye 2007.')
        .filter((p) => p.ruleId === 'IMR013')
        .map((p) => p.severity),
      ['information'],
    );
  });
});
