/**
 * The deletion index of the spelling targets (drugs.ts) on hashes: every form of every target
 * (the target itself, one letter deleted, and for long targets two; never the first letter) as
 * a 32-bit hash in an open-addressing table of typed arrays, with the targets that have it. No
 * form is built as a string, at load or per word: most words checked for spelling share no form
 * with any target, and for them a check costs a few dozen integer probes.
 *
 * A hash is a polynomial over char codes modulo 2^32, so the hash of a word with one or two
 * letters deleted follows from the word's prefix hashes (`formHashes`). Equal strings have equal
 * hashes, so every target that shares a form with a word is among its `candidates`; a hash
 * collision may add one that does not, and the caller checks the shared form on the strings
 * (`sharesForm`), for the few words that have candidates at all.
 */

const BASE = 0x01000193; // odd: multiplication by it is a bijection modulo 2^32

/** The polynomial hash of a string (the same as `formHashes` gives for its forms). */
export function formHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * Calls `visit` with `word` and every form of it with one letter deleted, and with `depth` 2
 * also two letters; the first letter is never deleted (a misspelling rarely changes it, and the
 * check requires it). Forms may repeat. Stops when `visit` returns true, and returns whether it did.
 */
export function someForm(word: string, depth: number, visit: (form: string) => boolean): boolean {
  if (visit(word)) return true;
  const n = word.length;
  for (let i = 1; i < n; i++) {
    const one = word.slice(0, i) + word.slice(i + 1);
    if (visit(one)) return true;
    if (depth > 1) for (let j = i; j < n - 1; j++) if (visit(one.slice(0, j) + one.slice(j + 1))) return true;
  }
  return false;
}

/** Whether `word` (forms to `depth`) and `target` (forms to `targetDepth`) share a form: what the string index found. */
export function sharesForm(word: string, depth: number, target: string, targetDepth: number): boolean {
  const forms = new Set<string>();
  someForm(target, targetDepth, (form) => (forms.add(form), false));
  return someForm(word, depth, (form) => forms.has(form));
}

/** How many forms a word of `n` letters has to `depth` (as `someForm` visits them, repeats included). */
function formCount(n: number, depth: number): number {
  if (n === 0) return 1;
  return depth > 1 ? 1 + (n - 1) + ((n - 1) * (n - 2)) / 2 : n;
}

/** An index's tables as a build step stores them (`DeletionIndex.tables`). */
export interface DeletionTables {
  /** The targets and their depths the tables were made of: they are used only for the same. */
  targets: string[];
  depths: Int32Array;
  /** Slots of the hash table (a power of two). */
  slots: number;
  /** The distinct form hashes (0 stored as 1), by number: in the order the build inserted them. */
  hashes: Int32Array;
  /** Per distinct hash, its slot in the table: filled without hashing or probing. */
  slotOf: Int32Array;
  /** Per distinct hash, how many targets have it. */
  counts: Int32Array;
  /** Target numbers, grouped by hash (in hash order), in target order within a hash. */
  postings: Int32Array;
}

/** Whether `stored` was made of these targets and depths (else the index is built as without it: never a stale table). */
function builtFrom(stored: DeletionTables, targets: readonly string[], depthOf: (target: string) => number): boolean {
  if (stored.targets.length !== targets.length) return false;
  for (let t = 0; t < targets.length; t++) if (stored.targets[t] !== targets[t] || stored.depths[t] !== depthOf(targets[t])) return false;
  return true;
}

export class DeletionIndex {
  /** One hash per slot; 0 marks an empty slot (a hash 0 is stored as 1). */
  private readonly keys: Int32Array;
  /** Per slot: the number of its hash among the distinct hashes. */
  private readonly ids: Int32Array;
  /** Per distinct hash: where its targets start in `postings` (one more entry: the end). */
  private readonly starts: Int32Array;
  /** Target numbers (indexes in `targets`), grouped by hash. */
  private readonly postings: Int32Array;
  private readonly mask: number;
  /** 32 minus the bits of a slot number: the slot is the mixed hash's high bits. */
  private readonly shift: number;
  // Scratch for `formHashes` (prefix hashes, powers of BASE, the hashes), grown as words need.
  private prefix = new Int32Array(64);
  private powers = new Int32Array(64);
  private forms = new Int32Array(256);
  /** Per target, the number of the last `candidates` call that found it (no Set per call). */
  private readonly seen: Int32Array;
  private stamp = 0;

  /**
   * `targets`: the strings indexed; `depthOf`: how many letters of each are deleted (1 or 2).
   * With `stored` (the `tables()` of an index of the same targets and depths, made at build
   * time: prebuilt.ts), the table is filled from them instead: no form is hashed.
   */
  constructor(
    readonly targets: readonly string[],
    private readonly depthOf: (target: string) => number,
    stored?: DeletionTables,
  ) {
    this.fillPowers();
    this.seen = new Int32Array(targets.length);
    if (stored && builtFrom(stored, targets, depthOf)) {
      // Each distinct hash in the slot the build gave it: the same table (tested:
      // catalog-prebuilt.test.ts), and no hash or probe in cold code at start (1 ms, not 2.7).
      const distinct = stored.hashes.length;
      this.mask = stored.slots - 1;
      this.shift = 32 - Math.log2(stored.slots);
      this.keys = new Int32Array(stored.slots);
      this.ids = new Int32Array(stored.slots);
      const { hashes, slotOf } = stored;
      for (let id = 0; id < distinct; id++) {
        const s = slotOf[id];
        this.keys[s] = hashes[id];
        this.ids[s] = id;
      }
      this.starts = new Int32Array(distinct + 1);
      for (let id = 0; id < distinct; id++) this.starts[id + 1] = this.starts[id] + stored.counts[id];
      this.postings = stored.postings;
      return;
    }
    // The table holds at most `size` hashes (every form of every target, few of them equal): at
    // most half full, so misses stop soon; one number per slot besides the hash. (It is built at
    // load: the pages of a large typed array cost more than its probes, so it is kept small.)
    let size = 0;
    for (const target of targets) size += formCount(target.length, depthOf(target));
    let slots = 16;
    while (slots < 2 * size) slots *= 2;
    this.mask = slots - 1;
    this.shift = 32 - Math.log2(slots);
    this.keys = new Int32Array(slots);
    this.ids = new Int32Array(slots);
    // Pass 1: each form's distinct hash, and how many targets each hash has. A target's forms
    // come in a row, so a form it has twice is counted once (`owner`: the last target counted).
    const idOf = new Int32Array(size);
    const count = new Int32Array(size + 1);
    const owner = new Int32Array(size).fill(-1);
    let distinct = 0;
    let at = 0;
    targets.forEach((target, t) => {
      const n = this.formHashes(target, depthOf(target));
      for (let k = 0; k < n; k++, at++) {
        const key = this.forms[k] || 1;
        let s = this.slot(key);
        while (this.keys[s] && this.keys[s] !== key) s = (s + 1) & this.mask;
        if (!this.keys[s]) {
          this.keys[s] = key;
          this.ids[s] = distinct++;
        }
        const id = this.ids[s];
        if (owner[id] === t) idOf[at] = -1;
        else {
          owner[id] = t;
          idOf[at] = id;
          count[id]++;
        }
      }
    });
    // Pass 2: the targets of each hash, in a row, in target order.
    this.starts = new Int32Array(distinct + 1);
    for (let id = 0; id < distinct; id++) this.starts[id + 1] = this.starts[id] + count[id];
    this.postings = new Int32Array(this.starts[distinct]);
    const next = this.starts.slice(0, distinct);
    at = 0;
    targets.forEach((target, t) => {
      const n = formCount(target.length, depthOf(target));
      for (let k = 0; k < n; k++, at++) if (idOf[at] >= 0) this.postings[next[idOf[at]]++] = t;
    });
  }

  /** What a build step stores to make this index again without hashing a form (the constructor's `stored`). */
  tables(): DeletionTables {
    const distinct = this.starts.length - 1;
    const hashes = new Int32Array(distinct);
    const slotOf = new Int32Array(distinct);
    for (let s = 0; s < this.keys.length; s++) {
      if (!this.keys[s]) continue;
      hashes[this.ids[s]] = this.keys[s];
      slotOf[this.ids[s]] = s;
    }
    const counts = new Int32Array(distinct);
    for (let id = 0; id < distinct; id++) counts[id] = this.starts[id + 1] - this.starts[id];
    return {
      targets: [...this.targets],
      depths: Int32Array.from(this.targets, this.depthOf),
      slots: this.keys.length,
      hashes,
      slotOf,
      counts,
      postings: this.postings,
    };
  }

  /** Whether some form of `word` (forms to `depth`) may be a form of a target (no false negative). */
  hasAnyForm(word: string, depth: number): boolean {
    const count = this.formHashes(word, depth);
    for (let k = 0; k < count; k++) if (this.find(this.forms[k]) >= 0) return true;
    return false;
  }

  /**
   * The targets (numbers, each once) that may share a form with `word`: all that do, and those
   * a hash collision adds (see `sharesForm`).
   */
  candidates(word: string, depth: number): number[] {
    const found: number[] = [];
    if (this.stamp === 0x7fffffff) {
      // Stamps are 32-bit: start again rather than wrap (after 2^31 calls).
      this.seen.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const count = this.formHashes(word, depth);
    for (let k = 0; k < count; k++) {
      const id = this.find(this.forms[k]);
      if (id < 0) continue;
      for (let p = this.starts[id]; p < this.starts[id + 1]; p++) {
        const t = this.postings[p];
        if (this.seen[t] !== stamp) {
          this.seen[t] = stamp;
          found.push(t);
        }
      }
    }
    return found;
  }

  /**
   * The hashes of the forms `someForm` visits, in the same order, written to `lastForms`;
   * returns how many. (A scratch array, not a callback per form: this runs for every new word.)
   */
  formHashes(word: string, depth: number): number {
    const n = word.length;
    this.grow(n + 1, formCount(n, depth));
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

  /** The number of a hash among the distinct hashes, or -1. */
  private find(h: number): number {
    const key = h || 1;
    for (let s = this.slot(key); this.keys[s]; s = (s + 1) & this.mask) if (this.keys[s] === key) return this.ids[s];
    return -1;
  }

  private slot(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  private grow(size: number, forms: number): void {
    if (forms > this.forms.length) this.forms = new Int32Array(Math.max(forms, 2 * this.forms.length));
    if (size <= this.prefix.length) return;
    let length = this.prefix.length;
    while (length < size) length *= 2;
    this.prefix = new Int32Array(length);
    this.powers = new Int32Array(length);
    this.fillPowers();
  }

  private fillPowers(): void {
    this.powers[0] = 1;
    for (let i = 1; i < this.powers.length; i++) this.powers[i] = Math.imul(this.powers[i - 1], BASE);
  }
}
