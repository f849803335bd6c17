/**
 * The deletion forms of the spelling targets (drugs.ts), as 32-bit hashes in an open-addressing
 * table: a pre-filter that answers "does any deletion form of this word belong to a name?"
 * without building a form. Most words checked for spelling share no form with any name; for
 * them this costs a few dozen integer probes instead of dozens of new strings and Map lookups.
 *
 * A hash is a polynomial over char codes modulo 2^32, so the hash of a word with one or two
 * letters deleted follows from the word's prefix hashes (`forEachFormHash`). Equal strings have
 * equal hashes: a word whose form hashes are all absent has no form in the string index, so the
 * filter never drops a word the string index would find (a false positive only costs the exact
 * string lookup that follows it).
 */

const BASE = 0x01000193; // odd: multiplication by it is a bijection modulo 2^32

/** The polynomial hash of a string (the same as `forEachFormHash` gives for its forms). */
export function formHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

export class DeletionForms {
  private keys = new Int32Array(64);
  private count = 0;
  private shift = 26; // 32 - log2(keys.length)
  // Scratch for `forEachFormHash` (prefix hashes and powers of BASE), grown as words need.
  private prefix = new Int32Array(64);
  private powers = new Int32Array(64);

  constructor() {
    this.powers[0] = 1;
    for (let i = 1; i < this.powers.length; i++) this.powers[i] = Math.imul(this.powers[i - 1], BASE);
  }

  /** Adds a form (a string of the string index). */
  add(form: string): void {
    this.insert(formHash(form));
  }

  /** Whether some form of `word` (itself, one letter deleted, and with `depth` 2 two) may be in the set. */
  hasAnyForm(word: string, depth: number): boolean {
    return this.forEachFormHash(word, depth, this.member);
  }

  private readonly member = (h: number): boolean => this.has(h);

  /**
   * Calls `visit` with the hash of each form drugs.ts's `forEachDeletion` visits, in the same
   * order (the first letter is never deleted), until `visit` returns true; returns whether it did.
   */
  forEachFormHash(word: string, depth: number, visit: (hash: number) => boolean): boolean {
    const n = word.length;
    this.grow(n + 1);
    const p = this.prefix;
    const pow = this.powers;
    p[0] = 0;
    for (let i = 0; i < n; i++) p[i + 1] = (Math.imul(p[i], BASE) + word.charCodeAt(i)) | 0;
    // The hash of word[a, b): P[b] - P[a] * BASE^(b - a).
    const sub = (a: number, b: number) => (p[b] - Math.imul(p[a], pow[b - a])) | 0;
    if (visit(p[n])) return true;
    for (let i = 1; i < n; i++) {
      // word[0, i) + word[i + 1, n)
      if (visit((Math.imul(p[i], pow[n - 1 - i]) + sub(i + 1, n)) | 0)) return true;
      if (depth < 2) continue;
      // Then letter k deleted too (k > i): word[0, i) + word[i + 1, k) + word[k + 1, n).
      for (let k = i + 1; k < n; k++) {
        if (visit((Math.imul(p[i], pow[n - 2 - i]) + Math.imul(sub(i + 1, k), pow[n - 1 - k]) + sub(k + 1, n)) | 0)) return true;
      }
    }
    return false;
  }

  private has(h: number): boolean {
    const key = h || 1; // 0 marks an empty slot
    const mask = this.keys.length - 1;
    for (let s = this.slot(key); this.keys[s]; s = (s + 1) & mask) if (this.keys[s] === key) return true;
    return false;
  }

  private insert(h: number): void {
    const key = h || 1;
    if (this.has(key)) return;
    if (4 * (this.count + 1) > this.keys.length) this.rehash(); // a quarter full at most: misses stop at once
    const mask = this.keys.length - 1;
    let s = this.slot(key);
    while (this.keys[s]) s = (s + 1) & mask;
    this.keys[s] = key;
    this.count++;
  }

  private slot(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  private rehash(): void {
    const old = this.keys;
    this.keys = new Int32Array(2 * old.length);
    this.shift--;
    this.count = 0;
    for (const key of old) if (key) this.insert(key);
  }

  private grow(size: number): void {
    if (size <= this.prefix.length) return;
    let length = this.prefix.length;
    while (length < size) length *= 2;
    this.prefix = new Int32Array(length);
    const powers = new Int32Array(length);
    powers[0] = 1;
    for (let i = 1; i < length; i++) powers[i] = Math.imul(powers[i - 1], BASE);
    this.powers = powers;
  }
}
