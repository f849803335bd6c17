/**
 * The shingles of the quotation library (three consecutive words, as vocabulary ids) in an
 * open-addressing hash table of typed arrays: a lookup hashes three small integers and compares
 * them, with no key number built (a Map keyed by a large number hashes a heap number) and no
 * object per entry. Each shingle has its postings: the quotation forms (variants) holding it and
 * where, in the order they were added.
 */
/** Words per shingle. */
export const SHINGLE = 3;

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

  /** `entries`: per shingle `[a, b, c, variant, at]`, in the order its postings should keep. */
  constructor(entries: ReadonlyArray<readonly [number, number, number, number, number]>) {
    const groups = new Map<string, Array<readonly [number, number, number, number, number]>>();
    for (const e of entries) {
      const key = `${e[0]} ${e[1]} ${e[2]}`;
      const group = groups.get(key);
      if (group) group.push(e);
      else groups.set(key, [e]);
    }
    this.size = groups.size;
    let slots = 16;
    while (slots < 4 * groups.size) slots *= 2; // a quarter full at most: misses stop at once
    this.mask = slots - 1;
    this.shift = 32 - Math.log2(slots);
    this.keys = new Int32Array(3 * slots);
    this.spans = new Int32Array(2 * slots);
    this.postings = new Int32Array(2 * entries.length);
    let at = 0;
    for (const group of groups.values()) {
      const [a, b, c] = group[0];
      let s = this.hash(a, b, c);
      while (this.keys[3 * s]) s = (s + 1) & this.mask;
      this.keys.set([a, b, c], 3 * s);
      this.spans[2 * s] = at;
      for (const e of group) {
        this.postings[at++] = e[3];
        this.postings[at++] = e[4];
      }
      this.spans[2 * s + 1] = at;
    }
  }

  private hash(a: number, b: number, c: number): number {
    return Math.imul(Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ c, 0xc2b2ae3d) >>> this.shift;
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
