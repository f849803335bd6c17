/**
 * The spelling verdicts (drugs.ts) by lower-case word, on hashes of char codes: a word of a line
 * is looked up while the line is scanned, without a string for it. Words repeat across lines and
 * letters (on the bench's 200 letters, 35,277 words of five letters or more on their distinct
 * lines, 3,078 distinct): a map keyed by the word needed the word as a string (a match array per
 * line, a string per word) and hashed each one again.
 *
 * Open addressing: per slot the word's hash, the word itself (compared char by char on a hash
 * hit, so a collision never gives another word's verdict) and its verdict. Bounded: cleared when
 * it holds `limit` words.
 */

/** `hash` after one more char code: hashing a word's char codes in order gives `wordHash(word)`. */
export function hashStep(hash: number, code: number): number {
  return (Math.imul(hash, 0x01000193) + code) | 0;
}

/** The hash of a word (as `hashStep` over its char codes). */
export function wordHash(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i));
  return h;
}

export class WordVerdicts<V> {
  private hashes: Int32Array;
  private words: Array<string | undefined>;
  private values: Array<V | undefined>;
  private mask: number;
  /** 32 minus the bits of a slot number: a slot is the mixed hash's high bits. */
  private shift: number;
  private count = 0;

  /**
   * `limit`: words kept at most (then all are dropped at once). Made at the size a session of
   * letters fills (the bench's 2,000 letters have 3,078 distinct words to look up): each resize
   * changed fields that V8 had compiled the scan's code with as constants, and threw it away.
   */
  constructor(private readonly limit: number) {
    const slots = 8192;
    this.hashes = new Int32Array(slots);
    this.words = new Array<string | undefined>(slots).fill(undefined);
    this.values = new Array<V | undefined>(slots).fill(undefined);
    this.mask = slots - 1;
    this.shift = 32 - Math.log2(slots);
  }

  get size(): number {
    return this.count;
  }

  /**
   * The slot of the word `text[from, to)` lower-cased, `hash` its hash (`wordHash` of the lower
   * case): its own slot when it is kept, else `-1 - slot` where it would go. `asciiLetters`: the
   * characters are ASCII letters, whose lower case is `code | 0x20` (a word found by a scan);
   * otherwise `text[from, to)` is the lower case already.
   */
  slotOf(hash: number, text: string, from: number, to: number, asciiLetters: boolean): number {
    const words = this.words;
    for (let s = this.slot(hash); ; s = (s + 1) & this.mask) {
      const word = words[s];
      if (word === undefined) return -1 - s;
      if (this.hashes[s] === hash && sameWord(word, text, from, to, asciiLetters)) return s;
    }
  }

  value(slot: number): V {
    return this.values[slot] as V;
  }

  /** Keeps `value` for `word` (lower case, a string of its own), at `free` (a `slotOf` answer for it: `-1 - slot`). */
  add(free: number, hash: number, word: string, value: V): void {
    if (this.count >= this.limit) {
      this.clear();
      free = this.slotOf(hash, word, 0, word.length, false);
    } else if (2 * (this.count + 1) > this.words.length) {
      this.resize(2 * this.words.length);
      free = this.slotOf(hash, word, 0, word.length, false);
    }
    const s = -1 - free;
    this.hashes[s] = hash;
    this.words[s] = word;
    this.values[s] = value;
    this.count++;
  }

  private slot(hash: number): number {
    // The high bits of a mixed hash (the low bits of a polynomial hash depend on the last letters only).
    return Math.imul(hash ^ (hash >>> 15), 0x9e3779b1) >>> this.shift;
  }

  private clear(): void {
    this.words.fill(undefined);
    this.values.fill(undefined);
    this.count = 0;
  }

  private resize(slots: number): void {
    const { hashes, words, values } = this;
    this.hashes = new Int32Array(slots);
    this.words = new Array<string | undefined>(slots).fill(undefined);
    this.values = new Array<V | undefined>(slots).fill(undefined);
    this.mask = slots - 1;
    this.shift = 32 - Math.log2(slots);
    for (let s = 0; s < words.length; s++) {
      const word = words[s];
      if (word === undefined) continue;
      let t = this.slot(hashes[s]);
      while (this.words[t] !== undefined) t = (t + 1) & this.mask;
      this.hashes[t] = hashes[s];
      this.words[t] = word;
      this.values[t] = values[s];
    }
  }
}

function sameWord(word: string, text: string, from: number, to: number, asciiLetters: boolean): boolean {
  if (word.length !== to - from) return false;
  if (asciiLetters) {
    for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== (text.charCodeAt(from + i) | 0x20)) return false;
    return true;
  }
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(from + i)) return false;
  return true;
}
