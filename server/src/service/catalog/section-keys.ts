/**
 * The keys a part's section index files its sections under (sections.ts), made from the names and
 * aliases: each name's plain form, its comparison key, the keys of its derived forms (without its
 * parenthesised part, each name in parentheses, reordered), and the first segments of names that
 * hold a comma. Making them is string work on every name (expressions, splits, singulars): about
 * 4 ms of cold code for the Chronic Pain guidelines, which every process indexes at start (the
 * drug table's topics are read through it). So the shipped data's keys are made at build time
 * (prebuilt.ts) and filled in from `SectionKeyTables`, used only when made of the same names,
 * aliases and abbreviations (`namesInput`, `abbreviationsInput`); otherwise they are made here, the same.
 */
import { plainName, reordered, sectionKey, splitParentheses } from './section-names';

/** How a cited name was matched (for hover and tests). */
export type MatchKind = 'exact' | 'normalised' | 'alias' | 'parenthetical' | 'reordered' | 'numbered';

/** What the keys of a section are made of (a SectionEntry of sections.ts). */
interface Named {
  name: string;
  aliases?: readonly string[];
}

/** The index's maps, in the order the keys are filed: a key already filed in a map keeps its first entry. */
export const KEY_MAPS = ['plain', 'key', 'derived'] as const;
export type KeyMap = (typeof KEY_MAPS)[number];

/** How a key matches its section, as stored (a number: `HOW[code]`). */
export const HOW: readonly MatchKind[] = ['exact', 'normalised', 'alias', 'parenthetical', 'reordered', 'numbered'];

/** The keys of one part: per map, its keys in filing order with their entries (index in the part's sections) and match kinds. */
export interface SectionKeys {
  maps: Record<KeyMap, { keys: string[]; entries: number[]; how: number[] }>;
  /** The keys of the first segments (before a comma outside parentheses) of names that hold commas. */
  commaHeads: string[];
}

/** A part's keys as a build step stores them (prebuilt.ts), with what they were made of. */
export interface SectionKeyTables {
  /** `namesInput` of the sections they were made of. */
  names: string;
  /** `abbreviationsInput` of the abbreviations they were made of. */
  abbreviations: string;
  keys: SectionKeys;
}

/** The names and aliases of a part's sections, in order, as one string (what its keys are made of, with the abbreviations). */
export function namesInput(entries: readonly Named[]): string {
  let input = '';
  for (const entry of entries) {
    input += `${entry.name}\u0001`;
    for (const alias of entry.aliases ?? []) input += `${alias}\u0001`;
    input += '\u0002';
  }
  return input;
}

/** The abbreviations and their expansions, in order, as one string. */
export function abbreviationsInput(abbreviations: ReadonlyMap<string, string>): string {
  let input = '';
  for (const [abbreviation, expansion] of abbreviations) input += `${abbreviation}\u0001${expansion}\u0002`;
  return input;
}

/** The keys of a part: the stored ones when made of the same names, aliases and abbreviations, else made now. */
export function sectionKeysOf(entries: readonly Named[], abbreviations: ReadonlyMap<string, string>, stored?: SectionKeyTables): SectionKeys {
  if (stored && stored.names === namesInput(entries) && stored.abbreviations === abbreviationsInput(abbreviations)) return stored.keys;
  return makeSectionKeys(entries, abbreviations);
}

/** The keys of a part, made from its names (what the index files, in the order it files them). */
export function makeSectionKeys(entries: readonly Named[], abbreviations: ReadonlyMap<string, string>): SectionKeys {
  const maps: SectionKeys['maps'] = { plain: filed(), key: filed(), derived: filed() };
  const seen = { plain: new Set<string>(), key: new Set<string>(), derived: new Set<string>() };
  const add = (map: KeyMap, key: string, entry: number, how: MatchKind) => {
    if (!key || seen[map].has(key)) return;
    seen[map].add(key);
    maps[map].keys.push(key);
    maps[map].entries.push(entry);
    maps[map].how.push(HOW.indexOf(how));
  };
  entries.forEach((entry, e) => {
    add('plain', plainName(entry.name), e, 'exact');
    add('key', sectionKey(entry.name, abbreviations), e, 'normalised');
  });
  entries.forEach((entry, e) => {
    for (const alias of entry.aliases ?? []) {
      add('plain', plainName(alias), e, 'alias');
      add('key', sectionKey(alias, abbreviations), e, 'alias');
    }
  });
  // Derived forms after every full form, so that a full name always wins over a derived one.
  entries.forEach((entry, e) => {
    for (const name of [entry.name, ...(entry.aliases ?? [])]) {
      const { outside, inside } = splitParentheses(name);
      if (inside.length > 0) {
        add('derived', sectionKey(outside, abbreviations), e, 'parenthetical');
        for (const part of inside) {
          // A list of brand names in parentheses: each one names the section's drug.
          for (const piece of part.split(',')) add('derived', sectionKey(piece, abbreviations), e, 'parenthetical');
          add('derived', sectionKey(`${part} ${outside}`, abbreviations), e, 'parenthetical');
        }
      }
      const swapped = reordered(name);
      if (swapped) add('derived', sectionKey(swapped, abbreviations), e, 'reordered');
    }
  });
  return { maps, commaHeads: [...commaHeadsOf(entries, abbreviations)] };
}

function filed(): { keys: string[]; entries: number[]; how: number[] } {
  return { keys: [], entries: [], how: [] };
}

/** The keys of the first segments (before the first comma outside parentheses) of names that hold commas. */
function commaHeadsOf(entries: readonly Named[], abbreviations: ReadonlyMap<string, string>): Set<string> {
  const heads = new Set<string>();
  for (const entry of entries) {
    for (const name of [entry.name, ...(entry.aliases ?? [])]) {
      let depth = 0;
      for (let i = 0; i < name.length; i++) {
        const c = name[i];
        if (c === '(' || c === '[') depth++;
        else if ((c === ')' || c === ']') && depth > 0) depth--;
        else if (c === ',' && depth === 0) {
          heads.add(sectionKey(name.slice(0, i), abbreviations));
          break;
        }
      }
    }
  }
  return heads;
}
