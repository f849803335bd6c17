/**
 * The sections (topics) of one guideline part, indexed once, and matched the way a reader
 * matches them: case, spacing and punctuation, (R)/(TM) marks, singular and plural, hyphenation,
 * "X, topical" for "topical X", a brand or generic name in parentheses, and the abbreviations
 * letters use (AEDs, NSAIDs, PPIs, TENS ...) do not change which section is meant.
 *
 * The parser asks whether a run of list elements is a known name before it splits a Section(s)
 * list, so that a name holding a comma ("NSAIDs, GI symptoms & cardiovascular risk") stays whole.
 */
import { detached, editDistance } from '../text';
import { HOW, KeyMap, MatchKind, SectionKeyTables, sectionKeysOf } from './section-keys';
import { plainName, reordered, sectionKey, splitParentheses } from './section-names';

export { plainName, sectionKey } from './section-names';
export type { MatchKind };

export type Confidence = 'confirmed' | 'unconfirmed';

export interface SectionEntry {
  name: string;
  /** Other ways letters write the same section (observed), e.g. an older title. */
  aliases?: string[];
  /** The page of the part where the section starts, where the source gives it. */
  page?: number;
  source: string;
  confidence: Confidence;
  kind?: 'procedure' | 'medications';
}

export interface Abbreviation {
  abbreviation: string;
  expansion: string;
}

export interface SectionMatch {
  entry: SectionEntry;
  how: MatchKind;
}

export interface SectionIndex {
  readonly entries: readonly SectionEntry[];
  /** The section a cited name means, or undefined when the part has none by that name. */
  resolve(name: string): SectionMatch | undefined;
  /**
   * Whether a list element may be the first part of a name that holds a comma ("NSAIDs" of
   * "NSAIDs, GI symptoms & cardiovascular risk", also when written "Non-steroidal
   * anti-inflammatory drugs"): only then is it worth joining it with the elements after it.
   */
  startsCommaName(element: string): boolean;
  /** The comparison key of a text (see sectionKey): keys of list elements concatenate. */
  keyOf(text: string): string;
  /** The section whose whole name or alias (not a part or a reordering of it) has this key. */
  wholeName(key: string): SectionMatch | undefined;
  /** The closest sections to a name that is not one, best first. */
  suggest(name: string, limit?: number): ReadonlyArray<{ value: SectionEntry; distance: number }>;
}

const NUMBER = /^(\d+(?:\.\d+)*)\s+/;

/**
 * The index of a part's sections. `stored`: the keys made at build time (section-keys.ts), used
 * when made of the same names, aliases and abbreviations.
 */
export function buildSectionIndex(entries: readonly SectionEntry[], abbreviations: ReadonlyMap<string, string>, stored?: SectionKeyTables): SectionIndex {
  const keys = sectionKeysOf(entries, abbreviations, stored);
  const filed = (map: KeyMap) => {
    const { keys: names, entries: at, how } = keys.maps[map];
    const matches = new Map<string, SectionMatch>();
    for (let k = 0; k < names.length; k++) matches.set(names[k], { entry: entries[at[k]], how: HOW[how[k]] });
    return matches;
  };
  const byPlain = filed('plain');
  const byKey = filed('key');
  const byDerived = filed('derived');
  const numbered = new Map<string, SectionEntry>();
  for (const entry of entries) {
    const number = NUMBER.exec(entry.name)?.[1];
    if (number) numbered.set(number, entry);
  }
  const commaHeads = new Set(keys.commaHeads);

  function lookup(text: string): SectionMatch | undefined {
    const key = sectionKey(text, abbreviations);
    return byKey.get(key) ?? byDerived.get(key);
  }

  let plainNames: string[][] | undefined;

  // Letters cite the same few names again and again: remember each answer (bounded).
  const answers = new Map<string, SectionMatch | null>();
  const heads = new Map<string, boolean>();
  const suggestions = new Map<string, ReadonlyArray<{ value: SectionEntry; distance: number }>>();
  function resolve(name: string): SectionMatch | undefined {
    const known = answers.get(name);
    if (known !== undefined) return known ?? undefined;
    if (answers.size > 5000) answers.clear();
    const found = match(name);
    answers.set(detached(name), found ?? null);
    return found;
  }

  function match(name: string): SectionMatch | undefined {
    {
      const exact = byPlain.get(plainName(name));
      if (exact) return exact;
      const direct = lookup(name);
      if (direct) return direct;
      const { outside, inside } = splitParentheses(name);
      if (inside.length > 0 && outside) {
        const byOutside = lookup(outside);
        if (byOutside) return { entry: byOutside.entry, how: 'parenthetical' };
      }
      const swapped = reordered(name);
      if (swapped) {
        const found = lookup(swapped);
        if (found) return { entry: found.entry, how: 'reordered' };
      }
      const number = NUMBER.exec(name)?.[1];
      const entry = number ? numbered.get(number) : undefined;
      if (entry) {
        // The number and the title must agree (titles are compared without their stems).
        const title = sectionKey(name.replace(NUMBER, '').split(':').pop() ?? '', abbreviations);
        if (title && sectionKey(entry.name, abbreviations).endsWith(title)) return { entry, how: 'numbered' };
      }
      return undefined;
    }
  }

  return {
    entries,
    resolve,
    keyOf: (text) => sectionKey(text, abbreviations),
    wholeName: (key) => byKey.get(key),
    startsCommaName(element) {
      if (element.length > 120) return false;
      const known = heads.get(element);
      if (known !== undefined) return known;
      if (heads.size > 5000) heads.clear();
      const head = commaHeads.has(sectionKey(element, abbreviations));
      heads.set(detached(element), head);
      return head;
    },
    suggest(name, limit = 3) {
      // An unknown name is cited again in the next letters (the same copy-and-paste): its
      // suggestions, an edit distance to every entry, are remembered (bounded; shared, never changed).
      const memoKey = `${limit}\u0000${name}`;
      const known = suggestions.get(memoKey);
      if (known) return known;
      if (suggestions.size >= 1000) suggestions.clear();
      const found = suggestFor(name, limit);
      suggestions.set(detached(memoKey), found);
      return found;
    },
  };

  function suggestFor(name: string, limit: number): ReadonlyArray<{ value: SectionEntry; distance: number }> {
    const key = plainName(name);
    const max = Math.max(2, Math.floor(key.length / 3));
    // The entries' plain names, made on the first suggestion (then kept with the index).
    plainNames ??= entries.map((s) => [s.name, ...(s.aliases ?? [])].map(plainName));
    const names = plainNames;
    return entries
      .map((s, i) => ({ value: s, distance: Math.min(...names[i].map((n) => editDistance(key, n, max))) }))
      .filter((s) => s.distance <= max)
      .sort((a, b) => a.distance - b.distance)
      .slice(0, limit);
  }
}
