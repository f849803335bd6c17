/**
 * Bounded caches of parse results that depend on a piece of text alone, never on where it stands
 * (a citation paragraph, a sentence read as a conclusion): boilerplate repeated across letters and
 * the unchanged paragraphs of an edited item are not parsed again. Values are offsets into the
 * key, turned into document positions by the caller each time, and are never mutated.
 */

import { detached } from '../text';

/** The work the caches could not spare: guideline paragraphs and item headers parsed, sentences read as conclusions (tests count them). */
export const parseCounts = { citationsParsed: 0, conclusionsRead: 0, headersParsed: 0 };

/** Texts longer than this are not kept (no real guideline paragraph, header or sentence is): memory stays bounded. */
export const MAX_KEY_LENGTH = 4096;

/**
 * At most `limit` entries keyed by the exact text. Two generations: entries are added to the young
 * one; when it is full it becomes the old one and the previous old one is dropped; an entry found
 * in the old generation moves to the young one. So what was used since the last turn stays, and
 * a hit costs one lookup (a least-recently-used list would cost a delete and a set per hit).
 */
export class TextCache<V> {
  private young = new Map<string, { value: V }>();
  private old = new Map<string, { value: V }>();
  private readonly generation: number;

  constructor(limit: number) {
    this.generation = Math.max(1, Math.floor(limit / 2));
  }

  /** The value for `key`, computed by `compute` when absent (and always for a key too long to keep). */
  get(key: string, compute: (key: string) => V): V {
    if (key.length > MAX_KEY_LENGTH) return compute(key);
    const found = this.young.get(key);
    if (found) return found.value;
    const older = this.old.get(key);
    if (older) {
      this.old.delete(key);
      this.add(key, older);
      return older.value;
    }
    // The key may be a slice of a whole document (text.ts: detached): the value is computed on
    // a copy, so its strings (slices of the key) do not hold the document either.
    const own = detached(key);
    const entry = { value: compute(own) };
    this.add(own, entry);
    return entry.value;
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  private add(key: string, entry: { value: V }): void {
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, entry);
  }
}
