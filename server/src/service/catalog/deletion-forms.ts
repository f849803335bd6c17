/**
 * The deletion forms of the spelling targets (drugs.ts), as 32-bit hashes in an open-addressing
 * table: a pre-filter that answers "does any deletion form of this word belong to a name?"
 * without building a form. Most words checked for spelling share no form with any name; for
 * them this costs a few dozen integer probes instead of dozens of new strings and Map lookups.
 *
 * A hash is a polynomial over char codes modulo 2^32, so the hash of a word with one or two
 * letters deleted follows from the word's prefix hashes (`formHashes`). Equal strings have
 * equal hashes: a word whose form hashes are all absent has no form in the string index, so the
 * filter never drops a word the string index would find (a false positive only costs the exact
 * string lookup that follows it).
 */

const BASE = 0x01000193; // odd: multiplication by it is a bijection modulo 2^32

/** The polynomial hash of a string (the same as `formHashes` gives for its forms). */
export function formHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

export class DeletionForms {
  private keys = new Int32Array(64);
  private count = 0;
  private shift = 26; // 32 - log2(keys.length)
  // Scratch for `formHashes` (prefix hashes, powers of BASE, the hashes), grown as words need.
  private prefix = new Int32Array(64);
  private powers = new Int32Array(64);
  private forms = new Int32Array(256);

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
    const count = this.formHashes(word, depth);
    for (let k = 0; k < count; k++) if (this.has(this.forms[k])) return true;
    return false;
  }

  /**
   * The hashes of the forms drugs.ts's `forEachDeletion` visits, in the same order (the first
   * letter is never deleted), written to `forms`; returns how many. (A scratch array, not a
   * callback per form: this runs for every new word of a letter.)
   */
  formHashes(word: string, depth: number): number {
    const n = word.length;
    this.grow(n + 1, depth > 1 ? (n * (n - 1)) / 2 + 1 : n);
    const p = this.prefix;
    const pow = this.powers;
    const out = this.forms;
    p[0] = 0;
    for (let i = 0; i < n; i++) p[i + 1] = (Math.imul(p[i], BASE) + word.charCodeAt(i)) | 0;
    // The hash of word[a, b) is P[b] - P[a] * BASE^(b - a).
    let count = 0;
    out[count++] = p[n];
    for (let i = 1; i < n; i++) {
      const right = (p[n] - Math.imul(p[i + 1], pow[n - 1 - i])) | 0; // word[i + 1, n)
      out[count++] = (Math.imul(p[i], pow[n - 1 - i]) + right) | 0; // word[0, i) + word[i + 1, n)
      if (depth < 2) continue;
      // Letter k deleted too (k > i): word[0, i) + word[i + 1, k) + word[k + 1, n).
      const left = Math.imul(p[i], pow[n - 2 - i]);
      for (let k = i + 1; k < n; k++) {
        const middle = (p[k] - Math.imul(p[i + 1], pow[k - i - 1])) | 0;
        const last = (p[n] - Math.imul(p[k + 1], pow[n - 1 - k])) | 0;
        out[count++] = (left + Math.imul(middle, pow[n - 1 - k]) + last) | 0;
      }
    }
    return count;
  }

  /** The form hashes written by the last `formHashes`. */
  get lastForms(): Int32Array {
    return this.forms;
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

  private grow(size: number, forms: number): void {
    if (forms > this.forms.length) this.forms = new Int32Array(Math.max(forms, 2 * this.forms.length));
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
