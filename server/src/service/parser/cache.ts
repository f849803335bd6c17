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
  private young = new Map<string, Entry<V>>();
  private old = new Map<string, Entry<V>>();
  private readonly generation: number;
  /** Generations turned over so far: an entry stamped with it is in the young one, one less in the old one. */
  private turns = 0;
  /**
   * The last key used in each slot (by its length) and its entry: a text equal to it is found by
   * comparing the two texts, without hashing it (a letter's guideline paragraphs and item headers
   * repeat those of the letters before it, and most texts of a length are one text). What the
   * maps hold is decided as before: the entry's stamp tells where it is (`turns`).
   */
  private readonly recentKeys: Array<string | undefined> = new Array<string | undefined>(RECENT_SLOTS).fill(undefined);
  private readonly recentEntries: Array<Entry<V> | undefined> = new Array<Entry<V> | undefined>(RECENT_SLOTS).fill(undefined);

  constructor(limit: number) {
    this.generation = Math.max(1, Math.floor(limit / 2));
  }

  /** The value for `key`, computed by `compute` when absent (and always for a key too long to keep). */
  get(key: string, compute: (key: string) => V): V {
    if (key.length > MAX_KEY_LENGTH) return compute(key);
    const slot = key.length & (RECENT_SLOTS - 1);
    const recent = this.recentEntries[slot];
    if (recent && recent.turn >= this.turns - 1 && this.recentKeys[slot] === key) {
      // Where the maps' lookup would have found it: the young generation, or the old one (moved).
      if (recent.turn !== this.turns) this.promote(recent);
      return recent.value;
    }
    const found = this.young.get(key) ?? this.old.get(key);
    if (found) {
      if (found.turn !== this.turns) this.promote(found);
      this.remember(slot, found);
      return found.value;
    }
    // The key may be a slice of a whole document (text.ts: detached): the value is computed on
    // a copy, so its strings (slices of the key) do not hold the document either.
    const own = detached(key);
    const entry: Entry<V> = { key: own, value: compute(own), turn: 0 };
    this.add(entry);
    this.remember(slot, entry);
    return entry.value;
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  /** Moves an entry of the old generation to the young one. */
  private promote(entry: Entry<V>): void {
    this.old.delete(entry.key);
    this.add(entry);
  }

  private add(entry: Entry<V>): void {
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
      this.turns++;
    }
    entry.turn = this.turns;
    this.young.set(entry.key, entry);
  }

  private remember(slot: number, entry: Entry<V>): void {
    this.recentKeys[slot] = entry.key;
    this.recentEntries[slot] = entry;
  }
}

/** A cached value, its own key (a copy) and the generation it was last put in (TextCache.turns). */
interface Entry<V> {
  readonly key: string;
  readonly value: V;
  turn: number;
}

/** Slots of TextCache's recent keys (a power of two: a key's slot is its length modulo it). */
const RECENT_SLOTS = 128;
