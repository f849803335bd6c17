/**
 * Injected misquotations of meaning in copies of the real letters (../shared/letters, read at run
 * time and changed in memory only). For every letter whose rationale follows a confirmed library
 * passage closely (the passages IMR030 checks), one word of that passage is replaced by its
 * opposite (from the antonym table of server/data/quotations.json), or, where the passage has no
 * word with a listed opposite, one of its numbers is changed. IMR030 must report the change at the
 * changed word in at least 95% of those letters, and the original letters must stay quiet. A second
 * pass changes a number of those passages wherever they have one.
 */
import * as assert from 'assert';
import { getLanguageService } from '../../server/src/service';
import type { Problem } from '../../server/src/service';
import { tokenize } from '../../server/src/service/catalog/quotations';
import { followsClosely } from '../../server/src/service/rules/quotation-support';
import { quotationMatches } from '../../server/src/service/queries/quotations';
import { corpusDir, corpusMissingReason, readCorpus } from '../util';
import { oppositeWords } from '../quotation-letters';

const dir = corpusDir();
const service = getLanguageService();
let version = 0;
const doc = (text: string, name: string) => ({ uri: `inject://${name}`, version: ++version, getText: () => text });
const meaningProblems = (text: string, name: string): Problem[] => service.validate(doc(text, name)).filter((p) => p.ruleId === 'IMR030');

interface Injection {
  letter: string;
  quotation: string;
  kind: 'antonym' | 'number';
  from: string;
  to: string;
  line: number;
  character: number;
  text: string;
}

function matchCase(model: string, word: string): string {
  if (model === model.toUpperCase() && model.length > 1) return word.toUpperCase();
  if (model[0] === model[0].toUpperCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}

const WORD = /[A-Za-z]+(?:-[A-Za-z]+)*/g;

/** One injection per letter: in the first closely followed confirmed passage that has a word with an opposite, else a number. */
function inject(
  name: string,
  text: string,
  opposites: Map<string, string>,
  kinds: ReadonlyArray<'antonym' | 'number'> = ['antonym', 'number'],
): { candidate: boolean; injection?: Injection } {
  const model = service.parse(doc(text, name));
  const lines = model.lines;
  const passages = quotationMatches(model, service.catalog).filter((m) => m.match.quotation.confidence === 'confirmed' && followsClosely(m.match));
  if (!passages.length) return { candidate: false };
  const ordered = [...passages].sort((a, b) => b.match.matched - a.match.matched);
  for (const kind of kinds) {
    for (const m of ordered) {
      const from = lines.offsetAt(m.range.start);
      const to = lines.offsetAt(m.range.end);
      const passage = text.slice(from, to);
      const busy = m.edits.map((e) => [lines.offsetAt(e.range.start) - from, lines.offsetAt(e.range.end) - from]);
      const free = (a: number, b: number) => busy.every(([s, e]) => b <= s || a >= e);
      // Words of the source, in the middle of the passage (not its first or last two words).
      const words = kind === 'antonym' ? [...passage.matchAll(WORD)] : [...passage.matchAll(/(?<![\d.])\d{1,3}(?![\d.])/g)];
      // Words inside the passage first, then its first and last two words.
      const inner = [...words.slice(2, Math.max(2, words.length - 2)), ...words.slice(0, 2), ...words.slice(-2)];
      for (const w of inner) {
        const at = w.index!;
        if (!free(at, at + w[0].length)) continue;
        let replacement: string | undefined;
        if (kind === 'antonym') {
          const norm = tokenize(w[0])[0]?.norm;
          const opposite = norm ? opposites.get(norm) : undefined;
          if (!opposite || !m.match.quotation.text.toLowerCase().includes(w[0].toLowerCase())) continue;
          replacement = matchCase(w[0], opposite);
        } else {
          replacement = String(Number(w[0]) + 1);
        }
        const p = lines.positionAt(from + at);
        return {
          candidate: true,
          injection: {
            letter: name,
            quotation: m.match.quotation.id,
            kind,
            from: w[0],
            to: replacement,
            line: p.line,
            character: p.character,
            text: text.slice(0, from + at) + replacement + text.slice(from + at + w[0].length),
          },
        };
      }
    }
  }
  return { candidate: true };
}

describe('corpus: injected misquotations of meaning (one opposite word or one number per letter)', function () {
  before(function () {
    if (!dir) this.skip();
  });
  if (!dir)
    it(`skipped: ${corpusMissingReason}`, function () {
      this.skip();
    });

  const letters = dir ? readCorpus('letters') : [];
  const opposites = dir ? oppositeWords() : new Map<string, string>();
  const results = letters.map((l) => ({ ...l, ...inject(l.name, l.text, opposites) }));
  const quoting = results.filter((r) => r.candidate);
  const injected = results.filter((r) => r.injection).map((r) => r.injection!);

  it(`the original letters that quote a library passage are quiet (${quoting.length} of ${letters.length} letters quote a confirmed passage closely)`, () => {
    const noisy = quoting.filter((r) => meaningProblems(r.text, r.name).length).map((r) => r.name);
    assert.deepStrictEqual(noisy, []);
  });

  it(`finds the injected change at the changed word in at least 95% of those letters (${injected.filter((i) => i.kind === 'antonym').length} opposites, ${injected.filter((i) => i.kind === 'number').length} numbers)`, () => {
    const missed: string[] = [];
    for (const inj of injected) {
      const problems = meaningProblems(inj.text, inj.letter);
      const hit = problems.find(
        (p) =>
          p.range.start.line === inj.line &&
          p.range.start.character === inj.character &&
          (inj.kind === 'number' ? /changed number/ : /opposite/).test(p.message),
      );
      if (!hit)
        missed.push(
          `${inj.letter} (${inj.quotation}): '${inj.from}' -> '${inj.to}' at ${inj.line + 1}:${inj.character + 1}; got ${problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`).join(' | ') || 'nothing'}`,
        );
    }
    const found = injected.length - missed.length;
    const rate = quoting.length ? found / quoting.length : 1;
    console.log(
      `      quotation injection: ${quoting.length} letters quote a confirmed library passage closely; ${injected.length} injectable; found ${found} (${(100 * rate).toFixed(1)}% of the quoting letters)`,
    );
    for (const m of missed) console.log(`      missed: ${m}`);
    for (const r of quoting.filter((q) => !q.injection)) console.log(`      not injectable (no word with a listed opposite, no number): ${r.name}`);
    assert.ok(quoting.length >= 10, `only ${quoting.length} letters quote a confirmed passage`);
    assert.ok(rate >= 0.95, `found in ${(100 * rate).toFixed(1)}% of ${quoting.length} letters`);
  });

  const numbered = letters.map((l) => inject(l.name, l.text, opposites, ['number']).injection).filter((i): i is Injection => !!i);
  it(`a changed number in those passages is found at the number too (${numbered.length} letters whose passage has a number)`, () => {
    const missed = numbered.filter(
      (inj) =>
        !meaningProblems(inj.text, inj.letter).some(
          (p) => p.range.start.line === inj.line && p.range.start.character === inj.character && /changed number/.test(p.message),
        ),
    );
    console.log(`      number injection: ${numbered.length} letters; found ${numbered.length - missed.length}`);
    for (const m of missed) console.log(`      missed: ${m.letter} (${m.quotation}): '${m.from}' -> '${m.to}' at ${m.line + 1}:${m.character + 1}`);
    assert.ok(numbered.length >= 5, `only ${numbered.length} letters`);
    assert.ok(numbered.length - missed.length >= 0.95 * numbered.length, `${missed.length} of ${numbered.length} missed`);
  });
});
