/**
 * Parser code that runs on text no cache has seen (a new sentence read as a conclusion, a new
 * guideline paragraph) finds what it looks for with native searches instead of loops on the
 * characters (docs/engine.md, "New text in cold code"). Each search is compared here with the loop
 * it replaced (kept below as the reference) on thousands of generated texts and on the letters'
 * own text (read at run time from the corpus, never copied).
 */
import * as assert from 'assert';
import { tokenise } from '../../server/src/service/parser/conclusion';
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

function pushWord(out: Array<{ w: string; quoted: boolean }>, raw: string, quoted: boolean): void {
  let w = raw;
  if (w.includes('\u2019')) w = w.replace(/\u2019/g, "'");
  if (w.includes("'")) {
    w = w.replace(/^'+|'+$/g, '');
    if (w.endsWith("'s")) w = w.slice(0, -2);
  }
  if (!w) return;
  if (w.endsWith("n't")) {
    const base = w.slice(0, -3);
    const verb = base === 'ca' ? 'can' : base === 'wo' ? 'will' : base === 'sha' ? 'shall' : base;
    if (verb) out.push({ w: verb, quoted });
    out.push({ w: 'not', quoted });
    return;
  }
  if (w === 'cannot') {
    out.push({ w: 'can', quoted }, { w: 'not', quoted });
    return;
  }
  out.push({ w, quoted });
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
