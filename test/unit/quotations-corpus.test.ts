/**
 * The quotation rules on the real letters (../shared, read at run time, never copied): what they
 * report on the originals (every hit read and classified in the rule docs), and misquotations
 * injected into copies of real passages that follow a standard quotation, found at the changed words.
 */
import * as assert from 'assert';
import { getLanguageService } from '../../server/src/service';
import type { Problem } from '../../server/src/service';
import { quotationMatches } from '../../server/src/service/queries/quotations';
import { corpusDir, corpusMissingReason, readCorpus } from '../util';

const dir = corpusDir();
const service = getLanguageService();
let version = 0;
const doc = (text: string, name: string) => ({ uri: `corpus://${name}`, version: ++version, getText: () => text });
const quoteProblems = (text: string, name: string): Problem[] => service.validate(doc(text, name)).filter((p) => /^IMR03[0-2]$/.test(p.ruleId));

const read = (sub: 'letters' | 'seeds') => readCorpus(sub);

const corpus = [...read('letters'), ...read('seeds')];

/**
 * What the rules report on the originals, by letter: every hit has been read (docs/rules/*.md).
 * IMR032: the low back imaging wording quoted under another part (DOMAIN.md D16 and the same in
 * CM17-0004039). IMR031 (information): paraphrases inside quoted criteria and the D5 insertion.
 */
const EXPECTED: Record<string, string[]> = {
  'CM16-0213037.txt': ['IMR032 51', 'IMR031 56', 'IMR032 70', 'IMR031 75'],
  'CM16-0232543.txt': ['IMR031 131'],
  'CM16-0234464.txt': ['IMR031 83'],
  'CM16-0242302.txt': ['IMR031 74', 'IMR031 75'],
  'CM17-0002106.txt': ['IMR031 74'],
  'CM17-0003284.txt': ['IMR031 117'],
  'CM17-0004039.txt': ['IMR032 54'],
  'CM17-0008241.txt': ['IMR031 47'],
  '004_d5a862758c58cc3d.txt': ['IMR031 82'],
};

describe('corpus: standard quotations', function () {
  before(function () {
    if (!dir) this.skip();
  });
  if (!dir)
    it(`skipped: ${corpusMissingReason}`, function () {
      this.skip();
    });

  it('reports on the originals exactly the hits read and classified (no warning for a changed negation or number)', () => {
    const actual: Record<string, string[]> = {};
    for (const { name, text } of corpus) {
      const hits = quoteProblems(text, name).filter((p) => p.severity !== 'hint');
      if (hits.length) actual[name] = hits.map((p) => `${p.ruleId} ${p.range.start.line + 1}`);
    }
    assert.deepStrictEqual(actual, EXPECTED);
  });

  it("reports seed 004's '(Alprazolam)' insertion in the benzodiazepine quotation (DOMAIN.md D5)", () => {
    const seed = corpus.find((c) => c.name.startsWith('004'))!;
    const d5 = quoteProblems(seed.text, seed.name).find((p) => p.ruleId === 'IMR031');
    assert.ok(d5);
    const line = seed.text.split('\n')[d5!.range.start.line];
    assert.strictEqual(line.slice(d5!.range.start.character, d5!.range.end.character), 'Alprazolam');
  });

  it('finds standard quotations in the real rationales (physical medicine, imaging, benzodiazepines, TENS)', () => {
    const ids = new Set<string>();
    for (const { name, text } of corpus) for (const m of quotationMatches(service.parse(doc(text, name)), service.catalog)) ids.add(m.match.quotation.id);
    for (const id of ['physical-medicine', 'physical-medicine-home', 'imaging-low-back', 'imaging-neck', 'benzodiazepines', 'tens']) assert.ok(ids.has(id), id);
  });

  interface Injection {
    name: string;
    line: number;
    character: number;
    rule: string;
    message: RegExp;
    text: string;
    /** For a dropped word: the word. */
    word?: string;
  }

  /** Injections into passages that follow a confirmed quotation exactly. */
  function injections(): Injection[] {
    const out: Injection[] = [];
    for (const { name, text } of corpus) {
      const model = service.parse(doc(text, name));
      const lines = model.lines;
      for (const m of quotationMatches(model, service.catalog)) {
        if (m.match.quotation.confidence !== 'confirmed' || m.edits.length || m.match.matched < 18) continue;
        const from = lines.offsetAt(m.range.start);
        const to = lines.offsetAt(m.range.end);
        const passage = text.slice(from, to);
        const at = (offset: number) => lines.positionAt(from + offset);
        const notAt = /\bnot (?=[a-z])/.exec(passage);
        if (notAt) {
          const p = at(notAt.index);
          out.push({
            name: `${name}: drop 'not' (${m.match.quotation.id})`,
            ...p,
            rule: 'IMR030',
            message: /changed negation: 'not' is missing/,
            text: text.slice(0, from + notAt.index) + text.slice(from + notAt.index + 4),
          });
        }
        const numberAt = /(?<=[ (])(\d{1,2})(?= [a-z])/.exec(passage);
        if (numberAt) {
          const p = at(numberAt.index);
          const changed = String(Number(numberAt[1]) + 1);
          out.push({
            name: `${name}: ${numberAt[1]} -> ${changed} (${m.match.quotation.id})`,
            ...p,
            rule: 'IMR030',
            message: /changed number/,
            text: text.slice(0, from + numberAt.index) + changed + text.slice(from + numberAt.index + numberAt[1].length),
          });
        }
        // Drop a word in the middle of the passage: a long word followed by another word on its line.
        const source = ` ${m.match.quotation.text.toLowerCase()} `;
        const words = [...passage.matchAll(/(?<=[a-z,] )([a-z]{6,}) (?=[a-z]{3,})/g)].filter((w) => source.includes(` ${w[1]} `));
        const word = words[Math.floor(words.length / 2)];
        if (word && word.index !== undefined) {
          const p = at(word.index);
          out.push({
            name: `${name}: drop '${word[1]}' (${m.match.quotation.id})`,
            ...p,
            rule: 'IMR031',
            word: word[1],
            message: new RegExp(`'${word[1]}' is missing before`),
            text: text.slice(0, from + word.index) + text.slice(from + word.index + word[0].length),
          });
        }
      }
    }
    return out;
  }

  const all = dir ? injections() : [];
  const count = (rule: string) => all.filter((i) => i.rule === rule).length;
  it(`finds each injected misquotation at the changed words, not the paragraph (${count('IMR030')} negations/numbers, ${count('IMR031')} dropped words)`, () => {
    assert.ok(all.length >= 30, `only ${all.length} injections`);
    const kinds = new Set(all.map((i) => i.rule));
    assert.deepStrictEqual([...kinds].sort(), ['IMR030', 'IMR031']);
    const failures: string[] = [];
    for (const inj of all) {
      const problems = quoteProblems(inj.text, inj.name);
      // At the changed words: the reported range starts there, or (a dropped word merged with a
      // neighbouring difference) spans that place and names the word.
      const hit = problems.find(
        (p) =>
          p.ruleId === inj.rule &&
          ((p.range.start.line === inj.line && p.range.start.character === inj.character && inj.message.test(p.message)) ||
            (inj.word !== undefined &&
              p.range.start.line === inj.line &&
              p.range.start.character <= inj.character &&
              p.range.end.character + 1 >= inj.character &&
              p.message.includes(inj.word))),
      );
      if (!hit)
        failures.push(
          `${inj.name}: expected ${inj.rule} at ${inj.line + 1}:${inj.character + 1}, got ${problems.map((p) => `${p.ruleId} ${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`).join(' | ') || 'nothing'}`,
        );
    }
    assert.deepStrictEqual(failures, []);
  });
});
