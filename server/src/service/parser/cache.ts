/**
 * Bounded caches of parse results that depend on a piece of text alone, never on where it stands
 * (a citation paragraph, a sentence read as a conclusion): boilerplate repeated across letters and
 * the unchanged paragraphs of an edited item are not parsed again. Values are offsets into the
 * key, turned into document positions by the caller each time, and are never mutated.
 */

/** The work the caches could not spare: paragraphs of citations parsed, sentences read as conclusions (tests count them). */
export const parseCounts = { citationsParsed: 0, conclusionsRead: 0 };

/** At most `limit` entries keyed by the exact text; the least recently used goes first. */
export class TextCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit: number) {}

  /** The value for `key`, computed by `compute` when absent. */
  get(key: string, compute: (key: string) => V): V {
    if (this.map.has(key)) {
      const value = this.map.get(key) as V;
      // Most recently used last (Map keeps insertion order).
      this.map.delete(key);
      this.map.set(key, value);
      return value;
    }
    // The key may be a slice of a whole document, which V8 keeps alive as long as the slice:
    // concatenating and slicing again makes a flat copy of the key alone. The value is computed
    // on the copy, so its strings (slices of the key) do not hold the document either.
    const own = (' ' + key).slice(1);
    const value = compute(own);
    this.map.set(own, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
    return value;
  }

  get size(): number {
    return this.map.size;
  }
}
