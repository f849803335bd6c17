/**
 * The shingles of the quotation library (three consecutive words, as vocabulary ids) in an
 * open-addressing hash table of typed arrays: a lookup hashes three small integers and compares
 * them, with no key number built (a Map keyed by a large number hashes a heap number) and no
 * object per entry. Each shingle has its postings: the quotation forms (variants) holding it and
 * where, in the order they were added.
 */
/** Words per shingle. */
export const SHINGLE = 3;

/** A table as a build step stores it (`ShingleTable.tables`): per shingle, in the order of its postings. */
export interface ShingleTables {
  /** Slots of the hash table (a power of two). */
  slots: number;
  /** Each shingle's slot. */
  slotOf: Int32Array;
  /** Its three ids. */
  keys: Int32Array;
  /** Where its postings end (they start where the previous shingle's end). */
  ends: Int32Array;
  postings: Int32Array;
}

export class ShingleTable {
  /** Three ids per slot; 0 marks an empty slot (vocabulary ids start at 1). */
  private readonly keys: Int32Array;
  /** Per slot: where its postings start in `postings`, and where they end. */
  private readonly spans: Int32Array;
  /** Pairs (variant, position in the variant). */
  readonly postings: Int32Array;
  private readonly mask: number;
  /** 32 minus the bits of a slot number: the hash takes the product's high bits, the well-mixed ones. */
  private readonly shift: number;
  readonly size: number;

  /**
   * `entries`: five numbers per shingle of a form (a, b, c, variant, position), in the order its
   * postings should keep. Distinct shingles are numbered in the order of their first entry (a
   * scratch table of the same kind), then placed in that order: the table and its postings are
   * laid out as a Map by shingle would lay them out, with no key string or array per entry.
   */
  constructor(entries: ArrayLike<number>, stored?: ShingleTables) {
    if (stored) {
      // The table as `tables()` gave it: each shingle's ids put back in its slot (no hashing).
      const groups = stored.slotOf.length;
      this.size = groups;
      this.mask = stored.slots - 1;
      this.shift = 32 - Math.log2(stored.slots);
      this.keys = new Int32Array(3 * stored.slots);
      this.spans = new Int32Array(2 * stored.slots);
      this.postings = stored.postings;
      for (let g = 0, at = 0; g < groups; g++) {
        const s = stored.slotOf[g];
        for (let k = 0; k < 3; k++) this.keys[3 * s + k] = stored.keys[3 * g + k];
        this.spans[2 * s] = at;
        this.spans[2 * s + 1] = at = stored.ends[g];
      }
      return;
    }
    const count = entries.length / 5;
    // Distinct shingles: their ids (three per group) and how many entries each has.
    const groupOf = new Int32Array(count);
    const groupKeys = new Int32Array(3 * count);
    const sizes = new Int32Array(count);
    let groups = 0;
    const scratch = new Int32Array(tableSize(count));
    const scratchShift = 32 - Math.log2(scratch.length);
    for (let e = 0; e < count; e++) {
      const a = entries[5 * e];
      const b = entries[5 * e + 1];
      const c = entries[5 * e + 2];
      // `scratch` holds group + 1 per slot (0: empty).
      let s = hash(a, b, c, scratchShift);
      for (; scratch[s]; s = (s + 1) & (scratch.length - 1)) {
        const g = 3 * (scratch[s] - 1);
        if (groupKeys[g] === a && groupKeys[g + 1] === b && groupKeys[g + 2] === c) break;
      }
      if (!scratch[s]) {
        scratch[s] = groups + 1;
        groupKeys[3 * groups] = a;
        groupKeys[3 * groups + 1] = b;
        groupKeys[3 * groups + 2] = c;
        groups++;
      }
      groupOf[e] = scratch[s] - 1;
      sizes[groupOf[e]]++;
    }
    this.size = groups;
    const slots = tableSize(groups);
    this.mask = slots - 1;
    this.shift = 32 - Math.log2(slots);
    this.keys = new Int32Array(3 * slots);
    this.spans = new Int32Array(2 * slots);
    this.postings = new Int32Array(2 * count);
    // Each group's run of postings, in group order; `next` is where its next posting goes.
    const next = new Int32Array(groups);
    let at = 0;
    for (let g = 0; g < groups; g++) {
      let s = this.hash(groupKeys[3 * g], groupKeys[3 * g + 1], groupKeys[3 * g + 2]);
      while (this.keys[3 * s]) s = (s + 1) & this.mask;
      for (let k = 0; k < 3; k++) this.keys[3 * s + k] = groupKeys[3 * g + k];
      next[g] = at;
      this.spans[2 * s] = at;
      at += 2 * sizes[g];
      this.spans[2 * s + 1] = at;
    }
    for (let e = 0; e < count; e++) {
      const g = groupOf[e];
      this.postings[next[g]++] = entries[5 * e + 3];
      this.postings[next[g]++] = entries[5 * e + 4];
    }
  }

  /** What a build step stores to make this table again (the constructor's `stored`; prebuilt.ts). */
  tables(): ShingleTables {
    const slots = this.spans.length / 2;
    const used: number[] = [];
    for (let s = 0; s < slots; s++) if (this.keys[3 * s]) used.push(s);
    // In the order of their postings: the order the shingles were first added.
    used.sort((x, y) => this.spans[2 * x] - this.spans[2 * y]);
    const keys = new Int32Array(3 * used.length);
    used.forEach((s, g) => keys.set(this.keys.subarray(3 * s, 3 * s + 3), 3 * g));
    return { slots, slotOf: Int32Array.from(used), keys, ends: Int32Array.from(used, (s) => this.spans[2 * s + 1]), postings: this.postings };
  }

  private hash(a: number, b: number, c: number): number {
    return hash(a, b, c, this.shift);
  }

  /** The slot of shingle (a, b, c) (ids, none 0), or -1: its postings are `postings[start(slot) .. end(slot))`. */
  find(a: number, b: number, c: number): number {
    const keys = this.keys;
    for (let s = this.hash(a, b, c); keys[3 * s]; s = (s + 1) & this.mask) {
      if (keys[3 * s] === a && keys[3 * s + 1] === b && keys[3 * s + 2] === c) return s;
    }
    return -1;
  }

  start(slot: number): number {
    return this.spans[2 * slot];
  }

  end(slot: number): number {
    return this.spans[2 * slot + 1];
  }
}

/** Slots for `n` keys: a power of two, a quarter full at most (misses stop at once). */
function tableSize(n: number): number {
  let slots = 16;
  while (slots < 4 * n) slots *= 2;
  return slots;
}

/** The hash of shingle (a, b, c) in a table of 2 ** (32 - shift) slots: the product's high bits, the well-mixed ones. */
function hash(a: number, b: number, c: number, shift: number): number {
  return Math.imul(Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ c, 0xc2b2ae3d) >>> shift;
}
