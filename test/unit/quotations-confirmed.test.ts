/**
 * Every confirmed entry of the quotation library (server/data/quotations.json), through the
 * service, in a letter written for this test around the entry's own wording: quoted verbatim it is
 * quiet (no IMR030/IMR031, and no IMR032 when the MAXIMUS line cites the entry's own part); with
 * one word replaced by its opposite from the `antonyms` table, or with one of its numbers changed,
 * IMR030 reports the change at the changed word. Generic over the library, so that a new entry is
 * covered without a test of its own, and the library keeps at least 60 confirmed entries (issue 10).
 */
import * as assert from 'assert';
import { getLanguageService } from '../../server/src/service';
import type { Problem } from '../../server/src/service';
import { tokenize, type Quotation } from '../../server/src/service/catalog/quotations';
import { oneItemLetter, oppositeWords } from '../quotation-letters';

const service = getLanguageService();
const catalog = service.catalog;
const confirmed = catalog.quotations().quotations.filter((q) => q.confidence === 'confirmed');
let version = 0;

/** The MAXIMUS line cites the entry's own part and section where it has one, else a part it does not belong to. */
function maximusLine(q: Quotation): string {
  if (q.kind === 'mtus' && q.partId) {
    const part = catalog.partById(q.partId);
    const label = part ? part.labels[0] : q.partId;
    return `MAXIMUS guideline: Decision based on MTUS ${label} ${q.year}${q.section ? `, Section(s): ${q.section}` : ''}.`;
  }
  if (q.kind === 'non-mtus') return 'MAXIMUS guideline: Decision based on Non-MTUS Citation Official Disability Guidelines (ODG).';
  return 'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Introduction.';
}

/** A letter whose one rationale quotes `quoted` (the entry's first lead-in before it, when it has one). */
function letter(q: Quotation, quoted: string): string {
  const lead = q.leadIns?.length ? `${q.leadIns[0].replace(/"/g, '')} ` : '';
  return oneItemLetter(maximusLine(q), `The guideline states: "${lead}${quoted}" The request is not medically necessary.`);
}

function quotationProblems(text: string, rules: RegExp): Problem[] {
  return service.validate({ uri: `mem://confirmed-${++version}`, version, getText: () => text }).filter((p) => rules.test(p.ruleId));
}

const WORD = /[A-Za-z]+(?:-[A-Za-z]+)*/g;

/** A word inside the text (not its first or last two words) with a listed opposite, and the text with it swapped. */
function antonymSwap(text: string, opposites: Map<string, string>): { from: string; to: string; changed: string } | undefined {
  const words = [...text.matchAll(WORD)];
  for (let i = 2; i < words.length - 2; i++) {
    const w = words[i];
    const to = opposites.get(tokenize(w[0])[0]?.norm ?? '');
    if (!to) continue;
    const written = w[0][0] === w[0][0].toUpperCase() ? to[0].toUpperCase() + to.slice(1) : to;
    return { from: w[0], to: written, changed: text.slice(0, w.index) + written + text.slice(w.index! + w[0].length) };
  }
  return undefined;
}

/** A number of one to three digits inside the text (not part of a section number such as 9792.20, nor an ordinal such as 2nd), and the text with it changed. */
function numberChange(text: string): { from: string; to: string; changed: string } | undefined {
  for (const m of text.matchAll(/(?<![\d.\-()])\d{1,3}(?![\d.\-)A-Za-z])/g)) {
    if (m.index! < 10) continue;
    const to = String(Number(m[0]) + 7);
    return { from: m[0], to, changed: text.slice(0, m.index) + to + text.slice(m.index! + m[0].length) };
  }
  return undefined;
}

/** The text of `p`'s range in `text`. */
function at(text: string, p: Problem): string {
  const line = text.split('\n')[p.range.start.line];
  return line.slice(p.range.start.character, p.range.end.character);
}

describe('every confirmed quotation, through the service', () => {
  it('the library has at least 60 confirmed entries', () => {
    assert.ok(confirmed.length >= 60, `${confirmed.length} confirmed`);
  });

  it('quoted verbatim: quiet (no misquotation, no wrong citation)', () => {
    const noisy = confirmed
      .map((q) => ({ q, problems: quotationProblems(letter(q, q.text), /^IMR03[012]$/) }))
      .filter((x) => x.problems.length)
      .map((x) => `${x.q.id}: ${x.problems.map((p) => `${p.ruleId} ${p.message}`).join('; ')}`);
    assert.deepStrictEqual(noisy, []);
  });

  it('one word replaced by its opposite: IMR030 at that word', () => {
    const opposites = oppositeWords();
    let checked = 0;
    const missed: string[] = [];
    for (const q of confirmed) {
      const swap = antonymSwap(q.text, opposites);
      if (!swap) continue;
      checked++;
      const text = letter(q, swap.changed);
      const found = quotationProblems(text, /^IMR030$/);
      if (found.length !== 1 || at(text, found[0]) !== swap.to)
        missed.push(`${q.id}: '${swap.to}' for '${swap.from}' -> ${JSON.stringify(found.map((p) => at(text, p)))}`);
    }
    assert.deepStrictEqual(missed, []);
    assert.ok(checked >= 20, `${checked} entries with a word that has an opposite`);
  });

  it('one number changed: IMR030 at that number', () => {
    let checked = 0;
    const missed: string[] = [];
    for (const q of confirmed) {
      const change = numberChange(q.text);
      if (!change) continue;
      checked++;
      const text = letter(q, change.changed);
      const found = quotationProblems(text, /^IMR030$/);
      if (found.length !== 1 || at(text, found[0]) !== change.to)
        missed.push(`${q.id}: '${change.to}' for '${change.from}' -> ${JSON.stringify(found.map((p) => at(text, p)))}`);
    }
    assert.deepStrictEqual(missed, []);
    assert.ok(checked >= 5, `${checked} entries with a number`);
  });
});
