/**
 * The catalog's indexes made at build time: building the spelling index (deletion-forms.ts) of
 * the shipped vocabulary and the quotation index (tokenizing the library, hashing its shingles)
 * costs every process milliseconds of cold code at start, filling them from their stored tables a
 * fraction of that. scripts/bundle.js stores `storedIndexes()` of the
 * shipped data in the bundles (prebuilt-data.ts); `prebuiltIndexes()` reads them back.
 *
 * A stored index is used only when it was made of the same input (each index checks: the same
 * spelling targets and depths; the same quotation texts and lead-ins), so a bundle made from other data than its tables is never wrong,
 * only as slow as without them. `FORMAT` changes when the tables' layout does.
 */
import drugData from '../../../data/drugs.json';
import guidelineData from '../../../data/guidelines.json';
import { DeletionIndex, DeletionTables } from './deletion-forms';
import { DrugEntry, spellingDepth, spellingTargets } from './drugs';
import { abbreviationMap } from './parts';
import { abbreviationsInput, KEY_MAPS, makeSectionKeys, namesInput, SectionKeys, SectionKeyTables } from './section-keys';
import type { GuidelinePart } from './types';
import { PREBUILT, StoredIndexes } from './prebuilt-data';
import { QuotationIndex, QuotationTables } from './quotation-index';
import { QUOTATIONS } from './quotations';

/** The layout of the stored tables: stored tables of another layout are not read. */
const FORMAT = 2;

export type { StoredIndexes };

/** The tables of the indexes, ready for their constructors. */
export interface PrebuiltIndexes {
  spelling: DeletionTables;
  quotations: QuotationTables;
  /** The section keys of a part (read when its index is first built). */
  sections: (partId: string) => SectionKeyTables | undefined;
}

let loaded: PrebuiltIndexes | undefined | null;

/** The indexes the build stored (read once), or undefined: none stored, another layout, or a big-endian host. */
export function prebuiltIndexes(): PrebuiltIndexes | undefined {
  if (loaded === undefined) loaded = readStoredIndexes(PREBUILT) ?? null;
  return loaded ?? undefined;
}

/** The tables of `stored`, or undefined: none, another layout, or a big-endian host. */
export function readStoredIndexes(stored: StoredIndexes | undefined): PrebuiltIndexes | undefined {
  if (!stored || stored.format !== FORMAT || typeof Buffer === 'undefined' || !littleEndian()) return undefined;
  const [depths, hashes, spellingSlots, counts, postings] = unpack(stored.spelling.arrays);
  const q = stored.quotations;
  const [tokenCounts, leadTokens, ids, starts, ends, slotOf, keys, shingleEnds, shinglePostings] = unpack(q.arrays);
  return {
    spelling: { targets: stored.spelling.targets.split('\n'), depths, slots: stored.spelling.slots, hashes, slotOf: spellingSlots, counts, postings },
    quotations: {
      key: q.key,
      vocabulary: q.vocabulary.split('\n'),
      counts: tokenCounts,
      leadTokens,
      ids,
      starts,
      ends,
      shingles: { slots: q.slots, slotOf, keys, ends: shingleEnds, postings: shinglePostings },
    },
    sections: storedSections(stored.sections),
  };
}

/** The stored section keys of each part, read on first use. */
function storedSections(stored: StoredIndexes['sections']): PrebuiltIndexes['sections'] {
  const read = new Map<string, SectionKeyTables>();
  return (partId) => {
    const known = read.get(partId);
    if (known) return known;
    const part = stored.parts.find((p) => p.part === partId);
    if (!part) return undefined;
    const [lengths, entries, how] = unpack(part.arrays);
    const keys = part.keys.split('\n');
    const maps = {} as SectionKeys['maps'];
    let at = 0;
    KEY_MAPS.forEach((map, m) => {
      const end = at + lengths[m];
      maps[map] = { keys: keys.slice(at, end), entries: [...entries.subarray(at, end)], how: [...how.subarray(at, end)] };
      at = end;
    });
    const tables = { names: part.names, abbreviations: stored.abbreviations, keys: { maps, commaHeads: keys.slice(at, at + lengths[KEY_MAPS.length]) } };
    read.set(partId, tables);
    return tables;
  };
}

/** The section keys of every part of the shipped guidelines, as stored. */
function storedSectionKeys(): StoredIndexes['sections'] {
  const parts = guidelineData.parts as unknown as GuidelinePart[];
  const abbreviations = abbreviationMap(guidelineData.sectionAbbreviations.terms);
  const stored = parts
    .filter((part) => part.sections.length > 0)
    .map((part) => {
      const made = makeSectionKeys(part.sections, abbreviations);
      const lists = KEY_MAPS.map((map) => made.maps[map]);
      const keys = [...lists.flatMap((l) => l.keys), ...made.commaHeads];
      if (keys.some((k) => k.includes('\n'))) throw new Error(`a section key of ${part.id} holds a line break`);
      const lengths = Int32Array.from([...lists.map((l) => l.keys.length), made.commaHeads.length]);
      const arrays = pack([lengths, Int32Array.from(lists.flatMap((l) => l.entries)), Int32Array.from(lists.flatMap((l) => l.how))]);
      return { part: part.id, names: namesInput(part.sections), keys: keys.join('\n'), arrays };
    });
  return { abbreviations: abbreviationsInput(abbreviations), parts: stored };
}

/** The indexes of the shipped data, as the bundle stores them (scripts/prebuild-catalog.js). */
export function storedIndexes(): StoredIndexes {
  const targets = [...spellingTargets(drugData.drugs as unknown as DrugEntry[]).keys()];
  const tables = new DeletionIndex(targets, spellingDepth).tables();
  const q = new QuotationIndex(QUOTATIONS).tables();
  if ([...tables.targets, ...q.vocabulary].some((t) => t.includes('\n'))) throw new Error('a spelling target or quotation word holds a line break');
  const s = q.shingles;
  return {
    format: FORMAT,
    spelling: {
      targets: tables.targets.join('\n'),
      slots: tables.slots,
      arrays: pack([tables.depths, tables.hashes, tables.slotOf, tables.counts, tables.postings]),
    },
    quotations: {
      key: q.key,
      vocabulary: q.vocabulary.join('\n'),
      slots: s.slots,
      arrays: pack([q.counts, q.leadTokens, q.ids, q.starts, q.ends, s.slotOf, s.keys, s.ends, s.postings]),
    },
    sections: storedSectionKeys(),
  };
}

function littleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

/**
 * Integer arrays as one base64 string: their count, then per array its length and the bytes of
 * each number (1, 2 or 4: the fewest that hold its values; little-endian), padded to 4 bytes.
 */
export function pack(arrays: Int32Array[]): string {
  const head = [arrays.length];
  const bodies: Uint8Array[] = [];
  for (const a of arrays) {
    const min = Math.min(0, ...a);
    const max = Math.max(0, ...a);
    const width = min >= 0 && max < 0x100 ? 1 : min >= 0 && max < 0x10000 ? 2 : 4;
    const typed = width === 1 ? Uint8Array.from(a) : width === 2 ? Uint16Array.from(a) : Int32Array.from(a);
    const bytes = new Uint8Array((typed.byteLength + 3) & ~3);
    bytes.set(new Uint8Array(typed.buffer, 0, typed.byteLength));
    head.push(a.length, width);
    bodies.push(bytes);
  }
  return Buffer.concat([Buffer.from(Int32Array.from(head).buffer), ...bodies]).toString('base64');
}

/** The arrays of `pack`, as Int32Arrays. */
export function unpack(base64: string): Int32Array[] {
  const bytes = Buffer.from(base64, 'base64');
  // A copy at offset 0: the decoded bytes may sit at any offset of a shared pool, and typed views need alignment.
  const all = new Uint8Array(bytes.length);
  all.set(bytes);
  const head = new Int32Array(all.buffer, 0, 1);
  const count = head[0];
  const sizes = new Int32Array(all.buffer, 4, 2 * count);
  const arrays: Int32Array[] = [];
  let at = 4 + 8 * count;
  for (let k = 0; k < count; k++) {
    const length = sizes[2 * k];
    const width = sizes[2 * k + 1];
    if (width === 1) arrays.push(Int32Array.from(all.subarray(at, at + length)));
    else if (width === 2) arrays.push(Int32Array.from(new Uint16Array(all.buffer, at, length)));
    else arrays.push(new Int32Array(all.buffer, at, length));
    at += (length * width + 3) & ~3;
  }
  return arrays;
}
