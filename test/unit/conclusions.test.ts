/**
 * Conclusions read the way a reader reads them: the phrasing table (server/data/conclusions.json),
 * the clause and negation rules, and on real text: a decision word flipped in copies of the
 * published letters is found at the conclusion, and a conclusion rewritten into every negative
 * phrasing of the table raises no false error. The corpus is read at run time, never copied.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { getLanguageService, RULES } from '../../server/src/service';
import { applyFixes } from '../../server/src/service';
import type { LetterModel } from '../../server/src/service';
import type { Item } from '../../server/src/service/parser/model';
import type { TextEdit } from '../../server/src/service/problem';
import { rangeWithin } from '../../server/src/service/positions';
import { conclusionForms, MAX_CONCLUSION_LENGTH, readConclusion } from '../../server/src/service/parser/conclusion';
import { corpusDir, readCorpus, repoRoot } from '../util';

const dataDir = path.join(repoRoot, 'server', 'data');

describe('conclusions: the phrasing table', () => {
  it('conclusions.json is valid against its schema, and the schema can fail', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(dataDir, 'conclusions.schema.json'), 'utf8')));
    const data = JSON.parse(fs.readFileSync(path.join(dataDir, 'conclusions.json'), 'utf8'));
    assert.ok(validate(data), ajv.errorsText(validate.errors));
    const withoutSource = JSON.parse(JSON.stringify(data));
    delete withoutSource.forms[0].source;
    assert.ok(!validate(withoutSource), 'a form without its source is rejected');
  });

  it('every form names a source the table describes, and has an example', () => {
    const data = JSON.parse(fs.readFileSync(path.join(dataDir, 'conclusions.json'), 'utf8'));
    for (const f of conclusionForms()) {
      assert.ok(data.sources[f.source], `${f.id}: source '${f.source}' is described`);
      assert.ok(f.examples.length > 0, `${f.id} has an example`);
    }
  });

  for (const form of conclusionForms()) {
    for (const example of form.examples) {
      it(`${form.id} (${form.polarity}): ${example}`, () => {
        const reading = readConclusion(example);
        assert.ok(reading, 'the sentence is read as a conclusion');
        if (form.polarity === 'conditional') assert.deepStrictEqual([reading!.polarity, reading!.ambiguity], [undefined, 'conditional']);
        else if (form.polarity === 'pseudo') assert.ok(reading!.polarity, `a pseudo-negation leaves the conclusion readable (${reading!.ambiguity})`);
        else {
          assert.strictEqual(reading!.polarity, form.polarity);
          assert.ok(reading!.forms.includes(form.id), `decided by ${form.id}, not by ${reading!.forms.join(', ')}`);
        }
      });
    }
  }
});

describe('conclusions: negation anywhere in the sentence', () => {
  const cases: Array<[string, string | undefined, string?]> = [
    // Negation placed anywhere in the clause of the conclusion.
    ['The request is not supported by the documentation as being medically necessary.', 'not-necessary'],
    ['The request cannot be considered medically necessary.', 'not-necessary'],
    ['Medical necessity has not been established for the requested cream.', 'not-necessary'],
    ['There is no medical necessity for the requested brace.', 'not-necessary'],
    ['The request is not medically necessary or appropriate.', 'not-necessary'],
    ['It was not established that the requested MRI is medically necessary.', 'not-necessary'],
    ['That the twelve sessions are medically necessary has not been demonstrated.', 'not-necessary'],
    ['The medical necessity of ongoing use of the requested muscle relaxant for her chronic complaints has not been clearly demonstrated.', 'not-necessary'],
    ['The request is not, at this time, medically necessary.', 'not-necessary'],
    ['Continued use of NSAIDs is not appropriate and therefore, the continued need for the PPI is not medically necessary.', 'not-necessary'],
    // Negation in another clause does not reach the conclusion.
    ['Although the patient has not returned to work, the request is medically necessary.', 'necessary'],
    ['Because the first trial did not help, a second opinion is medically necessary.', 'necessary'],
    ['The patient has failed conservative care; therefore, the requested surgery is medically necessary.', 'necessary'],
    ['The MRI, which was not approved before, is medically necessary.', 'necessary'],
    // Double negatives affirm.
    ['It is not unreasonable to find the request medically necessary.', 'necessary'],
    ['The requested therapy cannot be said to be not medically necessary.', 'necessary'],
    ['The UR non-certification is not supported.', 'necessary'],
    // Ambiguous: the checker must say nothing.
    ['The request would be medically necessary only if functional improvement were documented.', undefined, 'conditional'],
    ['If a trial is documented, the request is medically necessary.', undefined, 'conditional'],
    ['Is the request medically necessary?', undefined, 'question'],
    ['The guideline states that "traction is not medically necessary" for this condition.', undefined, 'quoted'],
    ['The request for the brace is medically necessary, but the request for the cream is not medically necessary.', undefined, 'mixed'],
    ['It is not clear that the request is medically necessary.', undefined, 'unexplained-negation'],
    ['The patient has not improved and the request is medically necessary.', 'necessary'],
    ['It is unclear whether the requested injection is medically necessary.', undefined, 'conditional'],
    ['I do not agree that the request is not medically necessary.', undefined, 'unexplained-negation'],
    [`${'The request is medically necessary and '.repeat(60)}appropriate.`, undefined, 'too-long'],
  ];
  for (const [sentence, polarity, ambiguity] of cases) {
    it(`${sentence.slice(0, 100)} -> ${polarity ?? ambiguity}`, () => {
      const reading = readConclusion(sentence);
      assert.ok(reading, 'read as a conclusion');
      assert.strictEqual(reading!.polarity, polarity);
      if (ambiguity) assert.strictEqual(reading!.ambiguity, ambiguity);
    });
  }

  it('a sentence without a phrase about medical necessity is no conclusion', () => {
    assert.strictEqual(readConclusion('The patient reports pain of 6/10 and no improvement.'), undefined);
    assert.strictEqual(readConclusion('The patient has a medical need for transport.'), undefined);
  });

  it('the too-long limit is above every real conclusion', () => {
    let longest = 0;
    const service = getLanguageService();
    for (const sub of ['letters', 'seeds'] as const) {
      for (const { name, text } of readCorpus(sub)) {
        for (const item of service.parse({ uri: `x://${name}`, version: 1, getText: () => text }).items) {
          longest = Math.max(longest, item.rationale?.conclusion?.sentence.text.length ?? 0);
        }
      }
    }
    assert.ok(longest < MAX_CONCLUSION_LENGTH / 2, `longest real conclusion ${longest} characters`);
  });
});

/** The text with each range replaced (the service's applyFixes: the edits never overlap here). */
function replaceAt(text: string, edits: TextEdit[]): string {
  const result = applyFixes(text, edits);
  assert.ok(!result.refused, `edits refused: ${result.refused}`);
  return result.text;
}

describe('conclusions: on real text (copies of ../shared/letters, in memory)', function () {
  const service = getLanguageService();
  // Only decision-conclusion runs: the other rules are not under test here.
  const only021 = new Map<string, 'error' | 'off'>(RULES.map((r) => [r.id, r.id === 'IMR021' ? 'error' : 'off']));
  let version = 0;
  const letters = readCorpus('letters');
  before(function () {
    if (!corpusDir()) this.skip();
  });
  const parse = (text: string, name: string) => service.parse({ uri: `inject://${name}`, version: ++version, getText: () => text });
  const lint021 = (text: string, name: string) =>
    service.validate({ uri: `inject://${name}`, version: ++version, getText: () => text }, only021).filter((p) => p.ruleId === 'IMR021');

  /**
   * A letter whose `items` got a conclusion agreeing with their decision raises no error; the same
   * letter with those decisions flipped to `flipTo` is a contradiction on each of them.
   */
  function quietThenFoundWhenFlipped(name: string, rewrittenText: string, after: LetterModel, items: Item[], flipTo: 'Upheld' | 'Overturned'): void {
    assert.deepStrictEqual(
      lint021(rewrittenText, name).map((p) => p.message),
      [],
      `${name}: no false error`,
    );
    const flipped = replaceAt(
      rewrittenText,
      items.map((item) => ({ range: after.items[item.number - 1].header!.decision!.word.range, newText: flipTo })),
    );
    assert.strictEqual(lint021(flipped, name).length, items.length, `${name}: every flipped item found`);
  }

  it('a flipped decision word (Upheld <-> Overturned) is found at the conclusion in at least 95% of items', () => {
    let items = 0;
    let found = 0;
    const missed: string[] = [];
    for (const { name, text } of letters) {
      const model = parse(text, name);
      for (const item of model.items) {
        const decision = item.header?.decision;
        const rationale = item.rationale;
        if (!decision?.value || !rationale) continue;
        items++;
        const flipped = replaceAt(text, [{ range: decision.word.range, newText: decision.value === 'Upheld' ? 'Overturned' : 'Upheld' }]);
        const problems = lint021(flipped, name);
        // The right place: inside this item's rationale, on a sentence that speaks of medical necessity.
        const hit = problems.find((p) => rangeWithin(p.range, rationale.content.range));
        if (hit && /medical|non-?cert/i.test(rationale.sentences.find((s) => rangeWithin(hit.range, s.range) || rangeWithin(s.range, hit.range))?.text ?? ''))
          found++;
        else missed.push(`${name} item ${item.number}`);
        assert.ok(
          problems.every((p) => rangeWithin(p.range, rationale.content.range)),
          `${name}: no finding outside the flipped item`,
        );
      }
    }
    console.log(
      `      flipped decisions found: ${found}/${items} (${((100 * found) / items).toFixed(1)}%)${missed.length ? `; missed: ${missed.join(', ')}` : ''}`,
    );
    assert.ok(items >= 207, `${items} items`);
    assert.ok(found / items >= 0.95, `${found}/${items}`);
  });

  it('a conclusion rewritten into each negative phrasing of the table: read as not necessary, no false error on Upheld, found when flipped', () => {
    const phrasings = conclusionForms()
      .filter((f) => f.polarity === 'not-necessary')
      .flatMap((f) => f.examples.map((example) => ({ id: f.id, example })));
    const used = new Map<string, number>();
    let k = 0;
    let rewritten = 0;
    for (const { name, text } of letters) {
      const model = parse(text, name);
      const upheld = model.items.filter((i) => i.header?.decision?.value === 'Upheld' && i.rationale?.conclusion);
      if (!upheld.length) continue;
      const chosen = upheld.map(() => phrasings[k++ % phrasings.length]);
      const edits = upheld.map((item, j) => ({ range: item.rationale!.conclusion!.sentence.range, newText: chosen[j].example }));
      const rewrittenText = replaceAt(text, edits);
      const after = parse(rewrittenText, name);
      upheld.forEach((item, j) => {
        const conclusion = after.items[item.number - 1].rationale?.conclusion;
        assert.strictEqual(conclusion?.sentence.text, chosen[j].example, `${name} item ${item.number}: the rewritten sentence is the conclusion`);
        assert.strictEqual(conclusion?.polarity, 'not-necessary', `${name} item ${item.number}: '${chosen[j].example}' read as not necessary`);
        used.set(chosen[j].example, (used.get(chosen[j].example) ?? 0) + 1);
        rewritten++;
      });
      quietThenFoundWhenFlipped(name, rewrittenText, after, upheld, 'Overturned');
    }
    console.log(`      rewritten conclusions: ${rewritten} Upheld items, ${used.size} phrasings`);
    assert.strictEqual(used.size, phrasings.length, 'every negative phrasing was tried on real letters');
  });

  it('a conclusion rewritten into each positive phrasing: no false error on Overturned items, found when flipped', () => {
    const phrasings = conclusionForms()
      .filter((f) => f.polarity === 'necessary')
      .flatMap((f) => f.examples);
    const used = new Set<string>();
    let k = 0;
    for (const { name, text } of letters) {
      const model = parse(text, name);
      const overturned = model.items.filter((i) => i.header?.decision?.value === 'Overturned' && i.rationale?.conclusion);
      if (!overturned.length) continue;
      const chosen = overturned.map(() => phrasings[k++ % phrasings.length]);
      const rewrittenText = replaceAt(
        text,
        overturned.map((item, j) => ({ range: item.rationale!.conclusion!.sentence.range, newText: chosen[j] })),
      );
      const after = parse(rewrittenText, name);
      overturned.forEach((item, j) => {
        assert.strictEqual(after.items[item.number - 1].rationale?.conclusion?.polarity, 'necessary', `${name} item ${item.number}: '${chosen[j]}'`);
        used.add(chosen[j]);
      });
      quietThenFoundWhenFlipped(name, rewrittenText, after, overturned, 'Upheld');
    }
    // 22 Overturned items: every positive phrasing at least once.
    assert.strictEqual(used.size, Math.min(phrasings.length, k), `${used.size} of ${phrasings.length} positive phrasings tried`);
  });

  it('an ambiguous conclusion (conditional, hedge, question, quotation) raises nothing under either decision', () => {
    const ambiguous = [
      ...conclusionForms()
        .filter((f) => f.polarity === 'conditional')
        .flatMap((f) => f.examples),
      'Is the request medically necessary?',
      'The prior reviewer wrote that "the request is not medically necessary".',
      'It is not clear that the request is medically necessary.',
    ];
    let k = 0;
    let items = 0;
    for (const { name, text } of letters) {
      const model = parse(text, name);
      const targets = model.items.filter((i) => i.header?.decision?.value && i.rationale?.conclusion);
      const chosen = targets.map(() => ambiguous[k++ % ambiguous.length]);
      const rewrittenText = replaceAt(
        text,
        targets.map((item, j) => ({ range: item.rationale!.conclusion!.sentence.range, newText: chosen[j] })),
      );
      const after = parse(rewrittenText, name);
      assert.strictEqual(after.items.length, model.items.length, `${name}: items after rewriting with ${JSON.stringify(chosen)}`);
      targets.forEach((item, j) => {
        const conclusion = after.items[item.number - 1].rationale?.conclusion;
        assert.ok(conclusion && !conclusion.polarity && conclusion.ambiguity, `${name} item ${item.number}: '${chosen[j]}' is ambiguous`);
        items++;
      });
      assert.deepStrictEqual(lint021(rewrittenText, name), [], `${name}: nothing said`);
      const flipped = replaceAt(
        rewrittenText,
        targets.map((item) => ({
          range: after.items[item.number - 1].header!.decision!.word.range,
          newText: item.header!.decision!.value === 'Upheld' ? 'Overturned' : 'Upheld',
        })),
      );
      assert.deepStrictEqual(lint021(flipped, name), [], `${name}: nothing said when flipped`);
    }
    assert.ok(items >= 207);
  });
});
