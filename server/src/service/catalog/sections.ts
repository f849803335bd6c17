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

/** How a cited name was matched (for hover and tests). */
export type MatchKind = 'exact' | 'normalised' | 'alias' | 'parenthetical' | 'reordered' | 'numbered';

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

/**
 * Trademark marks, which do not change a name: "Lidoderm®", "Flexeril(R)", "(TM)". Written with
 * escapes: a raw template cannot be escaped by the bundler, and one character above U+00FF in the
 * bundle made V8 hold its whole source (1.2 MB) as two-byte text, for the life of the process.
 */
const MARKS = '\u00ae|\u2122|\\((?:r|tm)\\)';
const NUMBER = /^(\d+(?:\.\d+)*)\s+/;

/** Lower case, one space, no trailing punctuation, "and" for "&" (the display comparison). */
export function plainName(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s*&\s*/g, ' and ')
    .replace(/\s+/g, ' ')
    .replace(/[\s.,;:]+$/, '')
    .trim();
}

function singular(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(word)) return word;
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/**
 * The comparison key of a name: marks dropped, abbreviations spelled out, "&" read as "and",
 * hyphens and other punctuation removed, each word singular, all joined without spaces.
 */
export function sectionKey(text: string, abbreviations: ReadonlyMap<string, string>): string {
  const words = text
    .replace(new RegExp(MARKS, 'gi'), ' ')
    .replace(/&/g, ' and ')
    .replace(/(\w)-(\w)/g, '$1$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
  const out: string[] = [];
  for (const word of words) {
    const expansion = abbreviations.get(word.toLowerCase());
    if (expansion) {
      for (const w of expansion.replace(/(\w)-(\w)/g, '$1$2').split(/[^a-z0-9]+/)) if (w) out.push(singular(w));
    } else {
      out.push(singular(word.toLowerCase()));
    }
  }
  return out.join('');
}

/** The name with its parenthesised and bracketed parts removed, and those parts. */
function splitParentheses(name: string): { outside: string; inside: string[] } {
  const inside: string[] = [];
  let outside = '';
  let depth = 0;
  let current = '';
  for (const c of name) {
    if (c === '(' || c === '[') {
      if (depth === 0) current = '';
      else current += c;
      depth++;
    } else if ((c === ')' || c === ']') && depth > 0) {
      depth--;
      if (depth === 0) inside.push(current);
      else current += c;
    } else if (depth > 0) current += c;
    else outside += c;
  }
  return { outside: outside.trim(), inside };
}

/** "Capsaicin, topical" -> "topical Capsaicin" (a one- or two-word qualifier after one comma). */
function reordered(name: string): string | undefined {
  const parts = name.split(',');
  if (parts.length !== 2) return undefined;
  const tail = parts[1].trim();
  if (!tail || tail.split(/\s+/).length > 2 || /[()[\]]/.test(tail)) return undefined;
  return `${tail} ${parts[0].trim()}`;
}

export function buildSectionIndex(entries: readonly SectionEntry[], abbreviations: ReadonlyMap<string, string>): SectionIndex {
  const byPlain = new Map<string, SectionMatch>();
  const byKey = new Map<string, SectionMatch>();
  const byDerived = new Map<string, SectionMatch>();
  const numbered = new Map<string, SectionEntry>();
  const add = (map: Map<string, SectionMatch>, key: string, match: SectionMatch) => {
    if (key && !map.has(key)) map.set(key, match);
  };
  for (const entry of entries) {
    add(byPlain, plainName(entry.name), { entry, how: 'exact' });
    add(byKey, sectionKey(entry.name, abbreviations), { entry, how: 'normalised' });
    const number = NUMBER.exec(entry.name)?.[1];
    if (number) numbered.set(number, entry);
  }
  for (const entry of entries) {
    for (const alias of entry.aliases ?? []) {
      add(byPlain, plainName(alias), { entry, how: 'alias' });
      add(byKey, sectionKey(alias, abbreviations), { entry, how: 'alias' });
    }
  }
  // Derived forms after every full form, so that a full name always wins over a derived one.
  for (const entry of entries) {
    for (const name of [entry.name, ...(entry.aliases ?? [])]) {
      const { outside, inside } = splitParentheses(name);
      if (inside.length > 0) {
        add(byDerived, sectionKey(outside, abbreviations), { entry, how: 'parenthetical' });
        for (const part of inside) {
          // A list of brand names in parentheses: each one names the section's drug.
          for (const piece of part.split(',')) add(byDerived, sectionKey(piece, abbreviations), { entry, how: 'parenthetical' });
          add(byDerived, sectionKey(`${part} ${outside}`, abbreviations), { entry, how: 'parenthetical' });
        }
      }
      const swapped = reordered(name);
      if (swapped) add(byDerived, sectionKey(swapped, abbreviations), { entry, how: 'reordered' });
    }
  }

  // The first segments (before the first comma outside parentheses) of names that hold commas.
  const commaHeads = new Set<string>();
  for (const entry of entries) {
    for (const name of [entry.name, ...(entry.aliases ?? [])]) {
      let depth = 0;
      for (let i = 0; i < name.length; i++) {
        const c = name[i];
        if (c === '(' || c === '[') depth++;
        else if ((c === ')' || c === ']') && depth > 0) depth--;
        else if (c === ',' && depth === 0) {
          commaHeads.add(sectionKey(name.slice(0, i), abbreviations));
          break;
        }
      }
    }
  }

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
