/**
 * Parser code that runs on text no cache has seen (a new sentence read as a conclusion, a new
 * guideline paragraph) finds what it looks for with native searches instead of loops on the
 * characters (docs/engine.md, "New text in cold code"). Each search is compared here with the loop
 * it replaced (kept below as the reference) on thousands of generated texts and on the letters'
 * own text (read at run time from the corpus, never copied).
 */
import * as assert from 'assert';
import { buildCatalog } from '../../server/src/service/catalog';
import type { Catalog } from '../../server/src/service/catalog';
import { pushWord, tokenise } from '../../server/src/service/parser/conclusion';
import { listElements, nextGroup, statementEnd } from '../../server/src/service/parser/citations';
import { isWhiteSpace } from '../../server/src/service/text';
import { numbers, readCorpus } from '../util';

/** A text of up to `max` pieces drawn from `pieces`. */
function randomText(next: () => number, pieces: readonly string[], max: number): string {
  let text = '';
  const count = next() % (max + 1);
  for (let k = 0; k < count; k++) text += pieces[next() % pieces.length];
  return text;
}

/** The letters' lines, and their text flattened (paragraphs run over lines). */
function corpusTexts(): string[] {
  const texts: string[] = [];
  for (const { text } of readCorpus('letters')) {
    for (const line of text.split(/\r?\n/)) if (line.trim()) texts.push(line);
    texts.push(text.replace(/\s+/g, ' '));
  }
  return texts;
}

// ---- The reference loops (the code before) ----

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordChar = (c: number) =>
  isLetter(c) || isDigit(c) || c === 39 || c === 0x2019 || c === 45 || c === 47 || c === 35 || c === 37 || c === 43 || c === 38 || c === 95;
const GLUED = /^([A-Za-z]{2,})\.([A-Z][a-z].*)$/;

/** tokenise as it was: a loop on the characters. */
function referenceTokenise(sentence: string): Array<{ w: string; quoted: boolean }> {
  const out: Array<{ w: string; quoted: boolean }> = [];
  let quoted = false;
  let i = 0;
  const n = sentence.length;
  while (i < n) {
    const c = sentence.charCodeAt(i);
    if (isWordChar(c) && c !== 39 && c !== 0x2019) {
      let j = i + 1;
      while (j < n && (isWordChar(sentence.charCodeAt(j)) || (sentence.charCodeAt(j) === 46 && j + 1 < n && isWordChar(sentence.charCodeAt(j + 1))))) j++;
      const word = sentence.slice(i, j);
      const glued = word.includes('.') ? GLUED.exec(word) : null;
      if (glued) {
        pushWord(out, glued[1].toLowerCase(), quoted);
        out.push({ w: ';', quoted });
        pushWord(out, glued[2].toLowerCase(), quoted);
      } else {
        pushWord(out, word.toLowerCase(), quoted);
      }
      i = j;
      continue;
    }
    if (c === 34) quoted = !quoted;
    else if (c === 0x201c) quoted = true;
    else if (c === 0x201d) quoted = false;
    else if (c === 44 || c === 59 || c === 58 || c === 63 || c === 33) out.push({ w: sentence[i], quoted });
    i++;
  }
  return out;
}

function referenceStatementEnd(text: string, from: number, end: number): number {
  let depth = 0;
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === '.' && depth === 0 && /^\.\s+["(]?[A-Z]/.test(text.slice(i, i + 4))) return i + 1;
  }
  return end;
}

const YEAR_AFTER = /^\s+((?:19|20)\d\d)\b/;

function referenceNextGroup(text: string, from: number, stop: number, catalog: Catalog): { cut: number; next: number } | undefined {
  for (let a = from + 1; a + 3 < stop; a++) {
    if (text[a] !== 'a' && text[a] !== 'A') continue;
    const i = a + 1;
    if ((text[i] !== 'n' && text[i] !== 'N') || (text[i + 1] !== 'd' && text[i + 1] !== 'D')) continue;
    if (!isWhiteSpace(text.charCodeAt(a - 1)) || !isWhiteSpace(text.charCodeAt(i + 2))) continue;
    let cut = a - 1;
    while (cut > from && isWhiteSpace(text.charCodeAt(cut - 1))) cut--;
    if (cut > from && text[cut - 1] === ',') cut--;
    let after = i + 2;
    while (after < text.length && isWhiteSpace(text.charCodeAt(after))) after++;
    if (after >= stop) return undefined;
    const rest = text.slice(after, Math.min(stop, after + 80));
    const label = catalog.labelAtStart.exec(rest);
    if (label && YEAR_AFTER.test(rest.slice(label[0].length))) return { cut, next: after };
  }
  return undefined;
}

function referenceListElements(text: string, from: number, to: number, beforeNumber: boolean): Array<{ start: number; end: number }> {
  const elements: Array<{ start: number; end: number }> = [];
  const add = (a: number, b: number) => {
    let start = a;
    while (start < text.length && isWhiteSpace(text.charCodeAt(start))) start++;
    let end = b;
    while (end > start && isWhiteSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) elements.push({ start, end });
  };
  let start = from;
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if ((c === ',' || c === ';') && depth === 0) {
      if (beforeNumber) {
        let next = i + 1;
        while (next < to && next - i < 16 && isWhiteSpace(text.charCodeAt(next))) next++;
        if (!/^\d+(?:\.\d+)*\s/.test(text.slice(next, Math.min(to, next + 16)))) continue;
      }
      add(start, i);
      start = i + 1;
    }
  }
  add(start, to);
  return elements;
}

// ---- The comparisons ----

describe('cold code: the conclusion tokeniser (one search per word)', () => {
  const pieces = ['a', 'Z', 'not', "n't", 'cannot', '10', '.', '. ', '5', "'", '\u2019', "'s", '-', '/', '#', '%', '+', '&', '_'];
  const marks = ['"', '\u201c', '\u201d', ',', ';', ':', '?', '!', ' ', '\n', '(', ')', '\u00e9', '\u0130', 'provided.The', 'e.g.', 'Is.A', '\ud83d\ude00'];
  const all = [...pieces, ...marks];

  it('gives the tokens of the character loop on 30,000 random sentences', () => {
    const next = numbers(11);
    for (let t = 0; t < 30000; t++) {
      const sentence = randomText(next, all, 12);
      assert.deepStrictEqual(tokenise(sentence), referenceTokenise(sentence), JSON.stringify(sentence));
    }
  });

  it("gives the tokens of the character loop on the letters' lines and text", () => {
    for (const text of corpusTexts()) assert.deepStrictEqual(tokenise(text), referenceTokenise(text), text.slice(0, 80));
  });

  it('counts its steps when given a meter (linear in the length)', () => {
    const meter = { steps: 0 };
    tokenise('The request is not medically necessary.', meter);
    assert.ok(meter.steps >= 'The request is not medically necessary.'.length, `${meter.steps} steps`);
  });
});

describe('cold code: the end of an MTUS statement (one search per bracket or sentence end)', () => {
  // Sentence ends just inside and just outside the four characters the old test read.
  const pieces = [
    '.',
    ' ',
    '  ',
    '\n',
    '\u00a0',
    '(',
    ')',
    '[',
    ']',
    '"',
    'A',
    'Z',
    'a',
    '1',
    ',',
    '. A',
    '. (B',
    '.  C',
    '. "D',
    '.\tE',
    '.   F',
    '.  (G',
    '.\n"H',
    '. a',
    '.A',
  ];

  it('ends where the character loop ends on 50,000 random texts, from and to anywhere', () => {
    const next = numbers(13);
    for (let t = 0; t < 50000; t++) {
      const text = randomText(next, pieces, 14);
      const from = next() % (text.length + 1);
      const end = from + (next() % (text.length - from + 1));
      assert.strictEqual(statementEnd(text, from, end), referenceStatementEnd(text, from, end), JSON.stringify([text, from, end]));
    }
  });

  it("ends where the character loop ends on the letters' lines", () => {
    for (const text of corpusTexts()) {
      for (const from of [0, text.indexOf('Decision based on')]) {
        if (from < 0) continue;
        assert.strictEqual(statementEnd(text, from, text.length), referenceStatementEnd(text, from, text.length), text.slice(0, 80));
      }
    }
  });
});

describe('cold code: the next guideline group (one search per "and")', () => {
  const catalog = buildCatalog();
  const pieces = [
    ' and ',
    ', and ',
    ' AND ',
    'aNd',
    'and',
    ' ',
    ',',
    'x',
    'Low Back Complaints',
    ' 2004',
    'Chronic Pain Medical Treatment',
    ' 2016',
    '\u00a0',
    'band ',
  ];

  it('finds the group the character loop finds on 30,000 random texts', () => {
    const next = numbers(17);
    for (let t = 0; t < 30000; t++) {
      const text = randomText(next, pieces, 10);
      const from = next() % (text.length + 1);
      const stop = from + (next() % (text.length - from + 1));
      assert.deepStrictEqual(nextGroup(text, from, stop, catalog), referenceNextGroup(text, from, stop, catalog), JSON.stringify([text, from, stop]));
    }
  });

  it("finds the group the character loop finds on the letters' lines", () => {
    for (const text of corpusTexts())
      assert.deepStrictEqual(nextGroup(text, 0, text.length, catalog), referenceNextGroup(text, 0, text.length, catalog), text.slice(0, 80));
  });
});

describe('cold code: the elements of a Section(s) list (one search per bracket, comma or semicolon)', () => {
  const pieces = [',', ';', ', ', ' ; ', '(', ')', '[', ']', ' ', '\u00a0', 'a', 'NSAIDs', '3.3.9 ', '4 ', '12', '.', 'x'];

  it('cuts where the character loop cuts on 50,000 random lists, with and without section numbers', () => {
    const next = numbers(19);
    for (let t = 0; t < 50000; t++) {
      const text = randomText(next, pieces, 14);
      const from = next() % (text.length + 1);
      const to = from + (next() % (text.length - from + 1));
      const beforeNumber = next() % 2 === 0;
      assert.deepStrictEqual(
        listElements(text, from, to, beforeNumber),
        referenceListElements(text, from, to, beforeNumber),
        JSON.stringify([text, from, to, beforeNumber]),
      );
    }
  });

  it("cuts where the character loop cuts on the letters' lines", () => {
    for (const text of corpusTexts()) {
      for (const beforeNumber of [false, true]) {
        assert.deepStrictEqual(listElements(text, 0, text.length, beforeNumber), referenceListElements(text, 0, text.length, beforeNumber), text.slice(0, 80));
      }
    }
  });
});
