/**
 * The spelling verdicts (drugs.ts) by lower-case word, on hashes of char codes: a word of a line
 * is looked up while the line is scanned, without a string for it. Words repeat across lines and
 * letters (on the bench's 200 letters, 35,277 words of five letters or more on their distinct
 * lines, 3,078 distinct): a map keyed by the word needed the word as a string (a match array per
 * line, a string per word) and hashed each one again.
 *
 * Open addressing, in typed arrays: per slot the word's hash, where its char codes start in a
 * pool of char codes, its length, and the index of its verdict (-1: none). On a hash hit the word
 * is compared char by char with the pool (a collision never gives another word's verdict). A
 * lookup reads the slot's numbers (one cache line) and the word's char codes (the next), and the
 * verdict only when it has one: the words were strings and the verdicts an array by slot, so a
 * lookup in a check (whose other work evicts the table from the processor's caches) read four
 * places of the heap; most words have no verdict. Bounded: cleared when it holds `limit` words or
 * MAX_POOL char codes.
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

/** Numbers per slot in `slots`: the hash, the word's start in the pool, its length + 1 (0: a free slot), its verdict's index (-1: none). */
const FIELDS = 4;
/** Char codes kept at most (8 MB): then every word is dropped, as at `limit` words. */
const MAX_POOL = 4 * 1024 * 1024;

export class WordVerdicts<V> {
  private slots: Int32Array;
  /** The words' char codes (lower case), one after another. */
  private pool: Uint16Array;
  private poolUsed = 0;
  /** The verdicts that are not null, by the index a slot holds. */
  private values: V[] = [];
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
    this.slots = new Int32Array(slots * FIELDS);
    this.pool = new Uint16Array(8 * slots);
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
    const slots = this.slots;
    const length = to - from;
    for (let s = this.slot(hash); ; s = (s + 1) & this.mask) {
      const at = s * FIELDS;
      const kept = slots[at + 2];
      if (kept === 0) return -1 - s;
      if (slots[at] === hash && kept === length + 1 && this.sameWord(slots[at + 1], text, from, length, asciiLetters)) return s;
    }
  }

  /** The verdict kept at `slot` (a `slotOf` answer of 0 or more); null when there is none. */
  value(slot: number): V | null {
    const index = this.slots[slot * FIELDS + 3];
    return index < 0 ? null : this.values[index];
  }

  /** Keeps `value` for `word` (lower case), at `free` (a `slotOf` answer for it: `-1 - slot`). */
  add(free: number, hash: number, word: string, value: V | null): void {
    if (this.count >= this.limit || this.poolUsed + word.length > MAX_POOL) {
      this.clear();
      free = this.slotOf(hash, word, 0, word.length, false);
    } else if (2 * (this.count + 1) > this.mask + 1) {
      this.resize(2 * (this.mask + 1));
      free = this.slotOf(hash, word, 0, word.length, false);
    }
    const at = (-1 - free) * FIELDS;
    this.slots[at] = hash;
    this.slots[at + 1] = this.keep(word);
    this.slots[at + 2] = word.length + 1;
    this.slots[at + 3] = value === null ? -1 : this.values.push(value) - 1;
    this.count++;
  }

  /**
   * Writes the word's char codes to the pool; returns where they start. (A function of its own:
   * the loop made `add` hot enough for V8 to optimise it, then throw it away at its first resize.)
   */
  private keep(word: string): number {
    const start = this.poolUsed;
    if (start + word.length > this.pool.length) this.growPool(start + word.length);
    const pool = this.pool;
    for (let i = 0; i < word.length; i++) pool[start + i] = word.charCodeAt(i);
    this.poolUsed = start + word.length;
    return start;
  }

  private slot(hash: number): number {
    // The high bits of a mixed hash (the low bits of a polynomial hash depend on the last letters only).
    return Math.imul(hash ^ (hash >>> 15), 0x9e3779b1) >>> this.shift;
  }

  private sameWord(start: number, text: string, from: number, length: number, asciiLetters: boolean): boolean {
    const pool = this.pool;
    if (asciiLetters) {
      for (let i = 0; i < length; i++) if (pool[start + i] !== (text.charCodeAt(from + i) | 0x20)) return false;
      return true;
    }
    for (let i = 0; i < length; i++) if (pool[start + i] !== text.charCodeAt(from + i)) return false;
    return true;
  }

  private clear(): void {
    this.slots.fill(0);
    this.values = [];
    this.poolUsed = 0;
    this.count = 0;
    // A pool grown past the bound for one long word is not kept.
    if (this.pool.length > MAX_POOL) this.pool = new Uint16Array(MAX_POOL);
  }

  private growPool(atLeast: number): void {
    const pool = new Uint16Array(Math.max(atLeast, 2 * this.pool.length));
    pool.set(this.pool.subarray(0, this.poolUsed));
    this.pool = pool;
  }

  private resize(count: number): void {
    const old = this.slots;
    this.slots = new Int32Array(count * FIELDS);
    this.mask = count - 1;
    this.shift = 32 - Math.log2(count);
    for (let at = 0; at < old.length; at += FIELDS) {
      if (old[at + 2] === 0) continue;
      let t = this.slot(old[at]);
      while (this.slots[t * FIELDS + 2] !== 0) t = (t + 1) & this.mask;
      for (let f = 0; f < FIELDS; f++) this.slots[t * FIELDS + f] = old[at + f];
    }
  }
}
