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
  it('finds drugs by brand and generic names, whole words only', () => {
    assert.deepStrictEqual(catalog.drugsIn('Norco 10/325mg #60 and Anaprox DS 550mg').map((d) => d.drug.id), ['hydrocodone-apap', 'naproxen']);
    assert.deepStrictEqual(catalog.drugsIn('Sominex is not Soma').map((d) => d.name), ['Soma']);
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
    assert.match(value, /2004 \(confirmed: /);
    assert.match(value, /Cited edition: 2004\./);
  });

  it('hover on a section and on a legacy page gives the catalog facts', () => {
    const section = service.doHover(doc(letter), at(letter, 'Section(s):\nSpec'));
    assert.match((section!.contents as { value: string }).value, /\*\*Special Studies\*\*, Low Back Complaints .* 2004[^]*observed in letters/);
    const legacy = 'IMR ISSUES, DECISIONS AND RATIONALES\n\nValium 5mg #30: Upheld\n\nClaims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 23.\n';
    const page = service.doHover(doc(legacy), at(legacy, 'Page(s): 2'));
    assert.match((page!.contents as { value: string }).value, /\*\*Page 23\*\* of the Chronic Pain Medical Treatment Guidelines 2009 \(127 pages\)[^]*Benzodiazepines is on page 24 \(confirmed/);
  });

  it('completes guideline parts with their editions after "Decision based on MTUS "', () => {
    const text = letter.replace('MAXIMUS guideline: Decision based on MTUS Opioid Treatment 2016, Section(s): 3.3.9', 'MAXIMUS guideline: Decision based on MTUS Opi');
    const position = at(text, 'Decision based on MTUS Opi');
    const list = service.doComplete(doc(text), position);
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('Opioid Treatment 2016') && labels.includes('Chronic Pain Medical Treatment 2009') && labels.includes('Low Back Complaints 2004'));
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
    const legacy = 'IMR ISSUES, DECISIONS AND RATIONALES\n\nValium 5mg #30: Upheld\n\nClaims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): ';
    const list = service.doComplete(doc(legacy), at(legacy, 'Page(s): '));
    assert.deepStrictEqual(list.items.map((i) => i.label), ['24']);
  });

  it('go to definition opens the read-only catalog entry at the section', () => {
    const location = service.findDefinition(doc(letter), at(letter, 'Section(s):\nSpec'))!;
    assert.strictEqual(location.uri, 'imr-catalog:/parts/low-back.md');
    const lines = service.getCatalogDocument(location.uri)!.split('\n');
    assert.match(lines[location.range.start.line], /^- Special Studies \(confirmed: /);
    assert.strictEqual(service.getCatalogDocument('imr-catalog:/parts/nothing.md'), undefined);
  });
});
