import * as assert from 'assert';
import type { Range } from 'vscode-languageserver-types';
import { getLanguageService, looksLikeLetter } from '../../server/src/service';
import type { LetterModel } from '../../server/src/service';
import { conclusionPolarity } from '../../server/src/service/parser/parse';
import { readFixture } from '../util';

const service = getLanguageService();
let version = 0;
function parse(text: string): LetterModel {
  return service.parse({ uri: 'test://parser', version: ++version, getText: () => text });
}
const r = (range: Range | undefined) => (range ? `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}` : undefined);

describe('parser: pdftotext -layout letter (form feeds, wraps, partial certification)', () => {
  const text = readFixture('parser', 'pdftotext-layout.imr');
  const model = parse(text);

  it('reads the seven header fields, including the wrapped "Application / Received:" label', () => {
    assert.deepStrictEqual(
      model.header!.fields.map((f) => `${f.name}=${f.value?.text}@${r(f.value?.range)}`),
      [
        'caseNumber=CM99-0000020@0:22-0:34',
        'dateAssigned=01/10/2017@1:22-1:32',
        'dateOfInjury=06/30/2013@1:75-1:85',
        'decisionDate=02/06/2017@2:22-2:32',
        'urDenialDate=12/29/2016@2:75-2:85',
        'priority=Standard@3:22-3:30',
        'applicationReceived=01/03/2017@3:75-3:85',
      ],
    );
    const application = model.header!.fields.find((f) => f.name === 'applicationReceived')!;
    assert.strictEqual(application.label.text, 'Application Received:');
    assert.strictEqual(r(application.label.range), '3:54-4:63');
  });

  it('finds the centred headings and section ranges', () => {
    assert.deepStrictEqual(
      model.sections.map((s) => `${s.kind}@${r(s.range)}`),
      ['how@6:17-7:95', 'summary@9:32-13:33', 'issues@15:22-58:9'],
    );
    assert.strictEqual(model.issuesIntro?.range.start.line, 16);
  });

  it('splits a treatment that contains colons at the last colon', () => {
    const item = model.items[0];
    assert.strictEqual(item.header!.treatment.text, 'Pre-op labs: CBC, basic metabolic panel');
    assert.strictEqual(item.header!.decision!.value, 'Upheld');
    assert.strictEqual(r(item.header!.decision!.word.range), '18:41-18:47');
  });

  it('takes a decision word that stands alone on the next page', () => {
    const item = model.items[1];
    assert.strictEqual(item.header!.treatment.text, 'Retrospective request for ketorolac 60mg injection (DOS 11/14/16)');
    assert.strictEqual(item.header!.decision!.value, 'Overturned');
    assert.strictEqual(r(item.header!.decision!.word.range), '33:1-33:11');
    assert.strictEqual(r(item.paragraphs[0].label.range), '35:1-35:32', 'a label glued to a form feed');
  });

  it('reads a partial certification: original, authorized, remaining', () => {
    const header = model.items[2].header!;
    assert.strictEqual(header.treatment.text, 'Hydrocodone/APAP 10/325mg #45');
    assert.strictEqual(r(header.treatment.range), '46:9-46:38');
    assert.strictEqual(header.partial!.original!.text, 'Hydrocodone/APAP 10/325mg #90');
    assert.strictEqual(header.partial!.authorized!.text, 'Hydrocodone/APAP 10/325mg #45');
    assert.strictEqual(r(header.text.range), '44:1-46:49');
  });

  it('parses MTUS citations with wrapped years, two guideline parts and protected comma names', () => {
    const ca = model.items[0].claimsAdministrator!.citations!;
    assert.strictEqual(ca.shape, 'mtus');
    const [cpmtg, hand] = ca.mtus[0].guidelines;
    assert.deepStrictEqual(
      [cpmtg.name.text, cpmtg.partId, cpmtg.year?.value, r(cpmtg.year?.range)],
      ['Chronic Pain Medical Treatment', 'cpmtg', 2016, '21:0-21:4'],
    );
    assert.deepStrictEqual(
      cpmtg.sections.map((s) => s.text),
      ['Introduction'],
    );
    assert.deepStrictEqual([hand.name.text, hand.partId, hand.year?.value], ['Forearm, Wrist, and Hand Complaints', 'hand', 2004]);
    assert.deepStrictEqual(
      hand.sections.map((s) => `${s.text}@${r(s.range)}`),
      ['Special Studies@22:0-22:15', 'Initial Care@22:17-22:29'],
    );
    const mx = model.items[1].maximus!.citations!;
    assert.deepStrictEqual(
      mx.mtus[0].guidelines[0].sections.map((s) => s.text),
      ['NSAIDs, GI symptoms & cardiovascular risk', 'NSAIDs (non-steroidal anti-inflammatory drugs)'],
    );
  });

  it('splits Opioid Treatment sections before their numbers', () => {
    const g = model.items[2].maximus!.citations!.mtus[0].guidelines[0];
    assert.strictEqual(g.partId, 'otg');
    assert.deepStrictEqual(
      g.sections.map((s) => s.text),
      [
        '3.3.9 Opioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid Treatment',
        '4.1 Tapering Opioids: Indications for Tapering Opioids',
      ],
    );
  });

  it('reads the outside-MTUS statement and a Non-MTUS source split as "Non-" / "MTUS"', () => {
    const mx = model.items[0].maximus!.citations!;
    assert.strictEqual(mx.shape, 'outside-mtus');
    assert.strictEqual(mx.nonMtus[0].source.text, 'ODG Low Back, Preoperative lab testing.');
    assert.strictEqual(r(mx.nonMtus[0].source.range), '26:14-26:53');
    assert.strictEqual(model.items[1].claimsAdministrator!.citations!.shape, 'no-evidence');
  });

  it('finds the conclusion and its polarity, skipping the opioid-taper boilerplate', () => {
    const conclusions = model.items.map((i) => `${i.rationale?.conclusion?.polarity} ${i.rationale?.conclusion?.sentence.text}`);
    assert.deepStrictEqual(conclusions, [
      'not-necessary As the requested surgical intervention is not medically necessary per the documentation, the requested ancillary service is not medically necessary.',
      'necessary The request for the ketorolac injection is medically necessary.',
      'not-necessary Therefore, the remaining request is not medically necessary.',
    ]);
    assert.strictEqual(r(model.items[2].rationale!.conclusion!.sentence.range), '55:11-55:71');
  });

  it('joins a word hyphenated at a line end and keeps the hyphen', () => {
    assert.match(model.items[1].rationale!.content.text, /an anti-inflammatory drug/);
  });

  it('gives the same model for CRLF line ends', () => {
    const crlf = parse(text.replace(/\n/g, '\r\n'));
    const summary = (m: LetterModel) => JSON.stringify([m.header, m.sections, m.items, m.issuesIntro]);
    assert.strictEqual(summary(crlf), summary(model));
  });
});

describe('parser: the 2014-15 double-spaced layout', () => {
  const model = parse(readFixture('parser', 'double-spaced.imr'));

  it('detects the layout and drops the spacer lines', () => {
    assert.strictEqual(model.doubleSpaced, true);
    assert.strictEqual(model.header, undefined);
    assert.deepStrictEqual(
      model.sections.map((s) => s.kind),
      ['how', 'summary', 'issues'],
    );
  });

  it('reads an item with two spaces before the decision and a legacy page citation', () => {
    const item = model.items[0];
    assert.strictEqual(item.header!.treatment.text, 'Diazepam 5mg #30');
    assert.strictEqual(item.header!.decision!.value, 'Upheld');
    const g = item.maximus!.citations!.mtus[0].guidelines[0];
    assert.strictEqual(item.maximus!.citations!.shape, 'legacy');
    assert.deepStrictEqual([g.legacy, g.partId, g.topic?.text, g.pages.map((p) => `${p.from}-${p.to}`)], [true, 'cpmtg', 'Benzodiazepines', ['24-24']]);
    assert.strictEqual(item.rationale!.conclusion!.polarity, 'not-necessary');
  });
});

describe('parser: a 2014-15 citation with several topics, each with its pages', () => {
  it('gives one reference per topic', () => {
    const text = [
      'IMR ISSUES, DECISIONS AND RATIONALES',
      '',
      'Soma 350mg #30: Upheld',
      '',
      'MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Carisoprodol, page 29:',
      'Medications for Chronic Pain, Page(s): 60, 61 OF 127.',
      '',
      'Decision rationale: Carisoprodol is not recommended. The request is not medically necessary.',
      '',
    ].join('\n');
    const refs = parse(text).items[0].maximus!.citations!.mtus[0].guidelines;
    assert.deepStrictEqual(
      refs.map((g) => [g.topic?.text, g.pages.map((p) => p.text)]),
      [
        ['Carisoprodol', ['29']],
        ['Medications for Chronic Pain', ['60', '61']],
      ],
    );
    assert.deepStrictEqual(
      refs.map((g) => r(g.pages[0].range)),
      ['4:95-4:97', '5:39-5:41'],
    );
  });
});

describe('parser: tab-separated header, one paragraph per line, no final newline', () => {
  const model = parse(readFixture('parser', 'tabs-one-paragraph-per-line.imr'));
  it('reads the header and the item', () => {
    assert.deepStrictEqual(
      model.header!.fields.map((f) => f.value?.text),
      ['CM99-0000021', '03/02/2015', '08/19/2010', '03/30/2015', '02/10/2015', 'Standard', '02/20/2015'],
    );
    assert.strictEqual(model.items.length, 1);
    assert.deepStrictEqual(
      model.items[0].maximus!.citations!.mtus[0].guidelines[0].sections.map((s) => s.text),
      ['Initial Care'],
    );
    assert.strictEqual(r(model.items[0].rationale!.conclusion!.sentence.range), '25:55-25:94');
  });
});

describe('parser: conclusion polarity of real phrasings (DOMAIN.md 4.4)', () => {
  const cases: Array<[string, string | undefined]> = [
    ['Therefore, the request is not medically necessary.', 'not-necessary'],
    ['The request for Norco 10/325mg #60 is medically necessary.', 'necessary'],
    ['As such, the requested MRI is considered not medically necessary at this time.', 'not-necessary'],
    ['The request is not a medical necessity.', 'not-necessary'],
    ['This request cannot be deemed medically necessary.', 'not-necessary'],
    ['The medical necessity of this request is not established.', 'not-necessary'],
    ['The UR Non-Cert is therefore supported.', 'not-necessary'],
    ['I deem the request medically necessary.', 'necessary'],
    ['The request is not medically appropriate.', 'not-necessary'],
    ['The patient has a medical need for transport.', undefined],
  ];
  for (const [sentence, expected] of cases) {
    it(sentence, () => assert.strictEqual(conclusionPolarity(sentence), expected));
  }
});

describe('parser: bad input never throws and stays linear', () => {
  const inputs: Record<string, () => string> = {
    'an empty file': () => '',
    'only white space': () => ' \n\t\n\f\n',
    'a file of NUL bytes': () => '\u0000'.repeat(4096),
    'a 5 MB paste of letter text': () => readFixture('parser', 'pdftotext-layout.imr').repeat(Math.ceil((5 * 1024 * 1024) / 3200)),
    'a 1 MB single line': () => 'Decision rationale: '.padEnd(1024 * 1024, 'lorem ipsum: Upheld '),
    'a 1 MB line of colons': () => ':'.repeat(1024 * 1024),
    'lone carriage returns': () => readFixture('parser', 'pdftotext-layout.imr').replace(/\n/g, '\r'),
    'random bytes as text': () => Array.from({ length: 200000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join(''),
  };
  for (const [name, make] of Object.entries(inputs)) {
    it(name, () => {
      const text = make();
      const model = parse(text);
      const problems = service.validate({ uri: 'test://bad', version: ++version, getText: () => text });
      assert.ok(Array.isArray(model.items));
      assert.ok(
        problems.every((p) => p.range.start.line < model.lines.lineCount),
        'ranges inside the text',
      );
      if (!/\S/.test(text)) assert.deepStrictEqual(problems, [], 'an empty letter is not reported');
      if (text.includes('\u0000'))
        assert.deepStrictEqual(
          problems.map((p) => p.ruleId),
          ['IMR012'],
        );
    });
  }
});

describe('looksLikeLetter (plain-text detection)', () => {
  it('accepts the header or the first heading near the top', () => {
    assert.ok(looksLikeLetter(readFixture('parser', 'pdftotext-layout.imr')));
    assert.ok(looksLikeLetter(readFixture('parser', 'double-spaced.imr')));
    assert.ok(looksLikeLetter('\n\nCase Number:\tCM99-0000001\n'));
  });
  it('rejects other text, binary data, and a heading far down', () => {
    assert.ok(!looksLikeLetter('Shopping list\nmilk\neggs\n'));
    assert.ok(!looksLikeLetter('Case Number:\u0000'));
    assert.ok(!looksLikeLetter('x\n'.repeat(200) + 'HOW THE IMR FINAL DETERMINATION WAS MADE\n'));
    assert.ok(!looksLikeLetter('We discussed how the IMR final determination was made yesterday.'));
  });
});

describe('document symbols', () => {
  it('keep every selection range inside its range (clients reject the outline otherwise)', () => {
    const text = readFixture('parser', 'pdftotext-layout.imr');
    const symbols = service.findDocumentSymbols({ uri: 'test://symbols', version: ++version, getText: () => text });
    const inside = (inner: Range, outer: Range) =>
      (inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character)) &&
      (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
    const walk = (list: typeof symbols): number =>
      list.reduce((n, s) => {
        assert.ok(inside(s.selectionRange, s.range), `${s.name}: ${r(s.selectionRange)} not inside ${r(s.range)}`);
        if (s.children) for (const c of s.children) assert.ok(inside(c.range, s.range), `${c.name} inside ${s.name}`);
        return n + 1 + walk(s.children ?? []);
      }, 0);
    assert.ok(walk(symbols) > 20);
  });
});
