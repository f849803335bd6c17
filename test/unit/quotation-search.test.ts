/**
 * The quotation search's speed work (issue 11) keeps its results: the char-code tokenizer gives
 * the tokens the regular-expression tokenizer gave, a text read a sentence at a time gives the
 * tokens of the whole text, and the memories (sentences, passages) change no result. And what an
 * edit costs, in operation counts: an edit in one sentence of a long rationale tokenizes that
 * sentence only, and aligns nothing when the quotation's passage is unchanged.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { GAP, QuotationData, QuotationIndex, QuoteMatch, Token, tokenize } from '../../server/src/service/catalog/quotations';
import { PieceTokenizer, pieceEnds, TextMemory } from '../../server/src/service/catalog/quotation-pieces';
import { ShingleTable } from '../../server/src/service/catalog/quotation-shingles';
import { bestOf } from '../../server/src/service/catalog/quotation-index';
import { evaluate, segments } from '../../server/src/service/catalog/quotation-align';
import {
  EXACT_SPELLING,
  isDigits,
  isRangeWord,
  NUMBER_WORDS,
  spellingHash,
  TokenScan,
  WORD,
  wordNorm,
} from '../../server/src/service/catalog/quotation-tokens';
import { DIGITS, idOf, RANGE_WORD, rolesOf, WordTable } from '../../server/src/service/catalog/quotation-words';
import { getLanguageService } from '../../server/src/service';
import { readCorpus, repoRoot } from '../util';

const library = JSON.parse(fs.readFileSync(path.join(repoRoot, 'server', 'data', 'quotations.json'), 'utf8')) as QuotationData;

/** The regular-expression tokenizer the char-code one replaced (before issue 11), kept as the reference. */
function referenceTokenize(text: string): Token[] {
  // The number words are data shared with the tokenizer; the rest of this reference is its own.
  const WORD = /[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*(?:[-\u2010\u2011\u2013\u2014][A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*)*/g;
  const REFERENCE = /\((?:[A-Z][A-Za-z'\u2019.-]*\s?){1,4}(?:et al\.?\s?)?,?\s(?:19|20)\d\d[a-z]?\)/g;
  const normWord = (word: string) => {
    const lower = word.toLowerCase().replace(/['\u2019]/g, '');
    return lower.length > 7 ? lower : (NUMBER_WORDS.get(lower) ?? lower);
  };
  const blank = (s: string, re: RegExp) => s.replace(re, (m) => ' '.repeat(m.length));
  let masked = blank(blank(text, REFERENCE), /\[\s*sic\s*\]/gi);
  const gaps: number[] = [];
  if (masked.includes('..') || masked.includes('\u2026')) {
    masked = masked.replace(/\.\s?\.\s?\.|\u2026/g, (m, offset: number) => {
      gaps.push(offset);
      return ' '.repeat(m.length);
    });
  }
  const out: Token[] = [];
  let g = 0;
  for (let m = WORD.exec(masked); m; m = WORD.exec(masked)) {
    while (g < gaps.length && gaps[g] < m.index) out.push({ norm: GAP, start: gaps[g], end: gaps[g++] + 1 });
    const parts = m[0].split(/[-\u2010\u2011\u2013\u2014]/);
    if (parts.length === 1 || parts.every((p) => /^[A-Za-z'\u2019]+$/.test(p) && !NUMBER_WORDS.has(p.toLowerCase()))) {
      out.push({ norm: normWord(parts.join('')), start: m.index, end: m.index + m[0].length });
      continue;
    }
    let at = m.index;
    for (const p of parts) {
      out.push({ norm: normWord(p), start: at, end: at + p.length });
      at += p.length + 1;
    }
  }
  while (g < gaps.length) out.push({ norm: GAP, start: gaps[g], end: gaps[g++] + 1 });
  const isNumber = (t: Token | undefined) => t !== undefined && /^\d+$/.test(t.norm);
  return out.filter((t, i) => !((t.norm === 'to' || t.norm === 'or') && isNumber(out[i - 1]) && isNumber(out[i + 1])));
}

/** Texts built from the pieces the tokenizer treats specially (a fixed pseudo-random sequence). */
function trickyTexts(count: number): string[] {
  const parts = [
    'two',
    'to',
    '3',
    'or',
    '4',
    '-',
    '\u2013',
    '\u2014',
    "'",
    '\u2019',
    '.',
    '..',
    '...',
    '. . .',
    '\u2026',
    ' ',
    '  ',
    '\n',
    '(Smith, 2003)',
    '(Smith et al., 2003)',
    '(J. Smith, 2003)',
    '[sic]',
    '[ sic ]',
    '(',
    ')',
    '[',
    ']',
    'long',
    'term',
    'Patient',
    'ICD9',
    '729.1',
    'three',
    'week',
    "O'",
    '\u0130',
    '\u00a0',
    '"',
    '\u201c',
    'A',
    'Not',
    'recommended',
    '2.',
    ' To ',
    '. ',
    '? ',
    'x',
    // Spellings that only normalising makes a number word or a range word.
    'on-e',
    "o'ne",
    "t'o",
    'T-O',
    'SEVEN',
    'fifteen-20',
  ];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const texts: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = '';
    for (let j = 1 + next(16); j > 0; j--) s += parts[next(parts.length)];
    texts.push(s);
  }
  return texts;
}

/**
 * Rationale texts of the published letters (none when the corpus is missing), the library's own
 * texts, and rationales of our own that quote each entry between sentences of the reviewer's
 * (so that a text repeats its passages away from its ends even without the corpus).
 */
function realTexts(): string[] {
  const ls = getLanguageService({ cacheSize: 1 });
  // Two sentences each side: a passage's span reaches a few words beyond it, to whole sentences.
  const before =
    'The injured worker has had persistent pain of the lower back for several years. The treating physician reviewed the history and the examination findings in detail at each visit. ';
  const after =
    ' The records submitted for review do not document the functional improvement of the last months. Nor do they give the specific goals or the time frame that would support the request.';
  const texts = library.quotations.map((q) => q.text);
  for (const q of library.quotations) texts.push(`${before}The guidelines state: "${q.text}"${after}`);
  for (const { name, text } of readCorpus('letters')) {
    const model = ls.parse({ uri: name, version: 1, getText: () => text });
    for (const item of model.items) if (item.rationale?.content.text) texts.push(item.rationale.content.text);
  }
  return texts;
}

/** The library's vocabulary by id (none at 0), and words of our own (numbers, range words): distinct words, as a vocabulary is. */
const vocabulary = [
  ...new Set(['', ...new QuotationIndex(library).tables().vocabulary, ...['7', '12', '20', 'to', 'or', 'longterm', 'patients', 'icd9', GAP]]),
];

/** A tokenizer with no vocabulary (every norm read from the text), or with `vocabulary`. */
function pieceTokenizer(capacity?: number, words: readonly string[] = ['']) {
  const stats = { pieces: 0, scanned: 0, tokens: 0 };
  return { stats, reader: new PieceTokenizer(words, new ShingleTable([]), stats, capacity) };
}

const referenceShingles = new WeakMap<QuotationIndex, Map<string, Array<[number, number]>>>();

/**
 * The search as it was before issue 11, as the reference: the whole text tokenized, its shingles
 * looked up by their words, every form with enough hits aligned on all the tokens, no memory.
 */
function referenceFind(index: QuotationIndex, text: string): QuoteMatch[] {
  const key = (tokens: Token[], i: number) => `${tokens[i].norm} ${tokens[i + 1].norm} ${tokens[i + 2].norm}`;
  let shingles = referenceShingles.get(index);
  if (!shingles) {
    referenceShingles.set(index, (shingles = new Map()));
    for (const [v, variant] of index.variants.entries()) {
      for (let i = 0; i + 3 <= variant.tokens.length; i++) shingles.set(key(variant.tokens, i), [...(shingles.get(key(variant.tokens, i)) ?? []), [v, i]]);
    }
  }
  const tokens = tokenize(text);
  const hits = new Map<number, number[]>();
  for (let i = 0; i + 3 <= tokens.length; i++) {
    for (const [v, at] of shingles.get(key(tokens, i)) ?? []) hits.set(v, [...(hits.get(v) ?? []), i, at]);
  }
  const found: QuoteMatch[] = [];
  for (const [v, list] of hits) {
    const variant = index.variants[v];
    if (list.length / 2 < 2 || (list.length / 2) * 3 < variant.needed) continue;
    for (const segment of segments(tokens, variant, list)) {
      const match = evaluate(index, text, tokens, variant, segment);
      if (match) found.push(match);
    }
  }
  return bestOf(found);
}

const plain = (matches: QuoteMatch[]) => JSON.stringify(matches.map((m) => ({ ...m, quotation: m.quotation.id, variant: m.variant.text })));

describe('quotation search: the same tokens and matches, less work (issue 11)', function () {
  this.timeout(60000);
  const real = realTexts();
  const tricky = trickyTexts(20000);

  it('the char-code tokenizer gives the tokens of the regular-expression one', () => {
    for (const text of [...real, ...tricky]) assert.deepStrictEqual(tokenize(text), referenceTokenize(text), JSON.stringify(text));
  });

  it('a text read a sentence at a time has the tokens of the whole text', () => {
    for (const words of [[''], vocabulary]) {
      const { reader } = pieceTokenizer(undefined, words);
      for (const text of [...real, ...tricky]) {
        const read = reader.read(text);
        assert.deepStrictEqual(read.tokens(0, read.length), tokenize(text), JSON.stringify(text));
      }
    }
  });

  it('a word looked up by its char codes has the id of its norm, and its roles', () => {
    const ids = new Map(vocabulary.map((w, id) => [w, id]));
    const table = new WordTable(vocabulary);
    const scan = new TokenScan();
    let known = 0;
    for (const text of [...real, ...tricky]) {
      scan.read(text);
      for (let k = 0; k < scan.count; k++) {
        const [start, end, kind, hash] = scan.bounds.subarray(4 * k, 4 * k + 4);
        if (kind !== WORD) continue;
        const norm = wordNorm(text, start, end);
        const code = table.code(text, start, end, hash);
        assert.strictEqual(idOf(code), ids.get(norm) ?? 0, norm);
        assert.strictEqual(rolesOf(code), (isDigits(norm) ? DIGITS : 0) | (isRangeWord(norm) ? RANGE_WORD : 0), norm);
        if (idOf(code)) known++;
      }
    }
    assert.ok(known > 1000, `${known} words of the library`);
  });

  it('a short spelling is known by its hash alone, and a long word that shares its hash is no match', () => {
    // Short spellings: distinct spellings, distinct hashes (the hash is the spelling in base 37).
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const hashes = new Map<number, string>();
    const spell = (n: number, seed: number) => Array.from({ length: n }, (_, k) => alphabet[(seed * 7919 + k * 104729 + ((seed >> k) & 31)) % 36]).join('');
    for (let seed = 0; seed < 60000; seed++) {
      const word = spell(1 + (seed % EXACT_SPELLING), seed);
      const hash = spellingHash(word, 0, word.length);
      const other = hashes.get(hash);
      assert.ok(other === undefined || other === word, `${word} and ${other} share a hash`);
      hashes.set(hash, word);
    }
    // A long word (9 letters) whose hash is that of some short spelling: written in base 37 (digits 1 to 36).
    const short = (hash: number) => {
      let word = '';
      for (let h = hash >>> 0; h > 0; h = Math.floor(h / 37)) {
        const digit = h % 37;
        if (digit === 0) return undefined;
        word = (digit <= 10 ? String.fromCharCode(47 + digit) : String.fromCharCode(86 + digit)) + word;
      }
      return word.length && word.length <= EXACT_SPELLING && !/^[0-9]+$/.test(word) ? word : undefined;
    };
    let long = '';
    let twin: string | undefined;
    for (let seed = 1; !twin; seed++) {
      long = spell(9, seed).replace(/[0-9]/g, 'x');
      twin = short(spellingHash(long, 0, long.length));
    }
    assert.strictEqual(spellingHash(twin, 0, twin.length), spellingHash(long, 0, long.length));
    // Each in the table alone: the other is not taken for it (a short token is compared by hash, a long one char by char).
    const longTable = new WordTable(['', long]);
    assert.strictEqual(idOf(longTable.code(twin, 0, twin.length, spellingHash(twin, 0, twin.length))), 0, `${twin} for ${long}`);
    assert.strictEqual(idOf(longTable.code(long, 0, long.length, spellingHash(long, 0, long.length))), 1);
    const shortTable = new WordTable(['', twin]);
    assert.strictEqual(idOf(shortTable.code(long, 0, long.length, spellingHash(long, 0, long.length))), 0, `${long} for ${twin}`);
    assert.strictEqual(idOf(shortTable.code(twin, 0, twin.length, spellingHash(twin, 0, twin.length))), 1);
  });

  it('sentences end at ". ", "? " or "! " outside brackets, before a word, a quote mark or a bracket', () => {
    assert.deepStrictEqual(pieceEnds('One. Two? "Three" four! (Five.) Six.'), [5, 10, 24]);
    // Not inside the reference, the bracket or the ellipsis; after it, and between "2 to." and "3".
    assert.deepStrictEqual(pieceEnds('See (J. Smith, 2003). Next [sic. here] and. . . on. 2 to. 3'), [22, 48, 52, 58]);
  });

  it('sentences end where the regular expression the search used before ends them', () => {
    // The reference: the deciding characters found by a regular expression, match by match.
    const referenceEnds = (text: string) => {
      const ends: number[] = [];
      let paren = false;
      let bracket = false;
      for (const m of text.matchAll(/[.?!][ \n]|[()[\]]/g)) {
        const end = m.index + m[0].length;
        const c = text.charCodeAt(end - 1);
        if (c === 40 || c === 41) paren = c === 40;
        else if (c === 91 || c === 93) bracket = c === 91;
        else if (!paren && !bracket && end < text.length && /[A-Za-z0-9"\u201c(]/.test(text[end])) ends.push(end);
      }
      return ends;
    };
    for (const text of [...trickyTexts(20000), ...real]) assert.deepStrictEqual(pieceEnds(text), referenceEnds(text), JSON.stringify(text));
  });

  it('finds what the search before it found, with its memories warm and with the passages moved', () => {
    const index = new QuotationIndex(library);
    let found = 0;
    // Each text also moved behind an unrelated sentence: the passages it repeats are found again, at new offsets.
    for (const text of [...real, ...real.map((t) => `An unrelated opening sentence. ${t}`)]) {
      const matches = index.find(text);
      found += matches.length;
      assert.strictEqual(plain(matches), plain(referenceFind(index, text)), text.slice(0, 80));
    }
    assert.ok(found >= real.length / 4, `${found} passages`);
    assert.ok(index.stats.remembered > 0, 'passages answered from memory');
    // The pre-check: most forms a text shares a shingle with have too few to be aligned, and get no hit placed.
    const { formsHit, formsKept } = index.stats;
    assert.ok(formsKept > 0 && formsKept * 2 < formsHit, `${formsKept} of ${formsHit} forms kept`);
  });

  it('an edit in one sentence of a long rationale tokenizes that sentence only, and aligns nothing when the quotation is untouched', () => {
    const quotation = library.quotations.find((q) => q.id === 'benzodiazepines')!.text;
    const filler = Array.from({ length: 12 }, (_, i) => `Sentence ${i + 1} of the reviewer's own words about the claimant and the records.`);
    const before = [`The MTUS states "${quotation}"`, ...filler].join(' ');
    const edited = before.replace('Sentence 9 of', 'Sentence 9, typed, of');
    const index = new QuotationIndex(library);
    const first = index.find(before);
    assert.strictEqual(first.length, 1);
    const was = { ...index.stats };
    const again = index.find(edited);
    const work = (k: keyof typeof was) => index.stats[k] - was[k];
    assert.strictEqual(work('searches'), 1);
    assert.strictEqual(work('scanned'), 1, 'sentences tokenized');
    assert.strictEqual(
      work('tokens'),
      tokenize("Sentence 9, typed, of the reviewer's own words about the claimant and the records. ").length,
      'tokens produced',
    );
    assert.strictEqual(work('alignments'), 0, 'quotation forms aligned');
    assert.strictEqual(work('remembered'), 1);
    assert.strictEqual(plain(again), plain(new QuotationIndex(library).find(edited)));
    // A word changed inside the quotation: its sentence is tokenized, and the quotation aligned again.
    const misquoted = edited.replace('Not recommended', 'Recommended');
    const was2 = { ...index.stats };
    index.find(misquoted);
    assert.strictEqual(index.stats.scanned - was2.scanned, 1);
    assert.ok(index.stats.alignments - was2.alignments >= 1);
  });

  it('an edit in one quotation of a rationale aligns that quotation again, not the others', () => {
    const text = (id: string) => library.quotations.find((q) => q.id === id)!.text;
    const filler = Array.from({ length: 6 }, (_, i) => `Sentence ${i + 1} of the reviewer's own words about the claimant and the records.`);
    const before = [`The MTUS states "${text('benzodiazepines')}"`, ...filler, `The MTUS also states "${text('acupuncture-option')}"`].join(' ');
    const index = new QuotationIndex(library);
    const first = index.find(before);
    assert.strictEqual(first.length, 2);
    const aligned = index.stats.alignments;
    // A word changed inside the first quotation: the second one's passages are remembered.
    const misquoted = before.replace('Not recommended', 'Recommended');
    const was = { ...index.stats };
    const again = index.find(misquoted);
    assert.ok(index.stats.alignments - was.alignments >= 1, 'the edited quotation aligned again');
    assert.ok(index.stats.alignments - was.alignments < aligned, `${index.stats.alignments - was.alignments} of ${aligned} forms aligned again`);
    assert.strictEqual(plain(again), plain(new QuotationIndex(library).find(misquoted)));
  });

  it('the memory of sentences is bounded', () => {
    const { reader, stats } = pieceTokenizer(4);
    const sentences = Array.from({ length: 10 }, (_, i) => `Sentence number ${i}.`);
    for (const s of sentences) reader.read(s);
    reader.read(sentences[9]);
    assert.strictEqual(stats.scanned, 10, 'the latest is remembered');
    reader.read(sentences[0]);
    assert.strictEqual(stats.scanned, 11, 'the oldest is forgotten');
    const memory = new TextMemory<number>(4);
    for (let i = 0; i < 10; i++) memory.set(`t${i}`, i);
    assert.strictEqual([...Array(10).keys()].filter((i) => memory.get(`t${i}`) !== undefined).length <= 4, true);
  });

  it('the memory with recent keys by length answers as the maps alone, and keeps the same entries', () => {
    // Texts of few lengths (slots shared), values that know their key: each memory's answer to
    // every lookup is compared, so an entry held by one and not the other shows at its next lookup.
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff);
    const texts = Array.from({ length: 40 }, (_, i) => `${'ab'.repeat(i % 5)}text ${i % 7} ${i}`.slice(0, 8 + (i % 6)));
    for (const capacity of [2, 4, 16]) {
      const plainMemory = new TextMemory<{ text: string }>(capacity);
      const recent = new TextMemory<{ text: string }>(capacity, (value) => value.text);
      for (let k = 0; k < 5000; k++) {
        // A slice of a longer string, as the tokenizer looks its pieces up.
        const text = ` ${texts[next() % texts.length]}`.slice(1);
        const expected = plainMemory.get(text);
        assert.strictEqual(recent.get(text)?.text, expected?.text, `lookup ${k} (capacity ${capacity})`);
        if (!expected) {
          plainMemory.set(text, { text });
          recent.set(text, { text });
        }
      }
    }
  });

  it('the shingle table finds each shingle added, with its postings in order, and no other', () => {
    const entries: number[] = [];
    for (let i = 1; i <= 500; i++) entries.push(i, i + 1, i + 2, i % 7, i, i, i + 1, i + 2, 99, 0);
    const table = new ShingleTable(entries);
    assert.strictEqual(table.size, 500);
    for (let i = 1; i <= 500; i++) {
      const slot = table.find(i, i + 1, i + 2);
      assert.deepStrictEqual([...table.postings.subarray(table.start(slot), table.end(slot))], [i % 7, i, 99, 0]);
      assert.strictEqual(table.find(i + 1, i, i + 2), -1);
    }
  });
});
