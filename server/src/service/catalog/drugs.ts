/**
 * The drug vocabulary's index, built once when the catalog loads (server/data/drugs.json and
 * the English words that sit near a drug name, server/data/english-near-drugs.json).
 *
 * Every lookup costs the same whatever the vocabulary's size:
 * - names are found by their first word (one expression of every first word, then a map from
 *   the word to the few names that start with it, longest first);
 * - misspellings are found through a deletion index (every form of a name with one, or for
 *   long names two, letters deleted; on hashes, deletion-forms.ts), so checking a word costs a
 *   few dozen integer probes, and an edit distance on the handful of names that share a
 *   deletion with it.
 */
import { detached, editDistance, firstIndexNotBefore, isAsciiLetter } from '../text';
import { emptyObjectArray } from '../arrays';
import { DeletionIndex, DeletionTables, sharesForm } from './deletion-forms';
import { FirstWordRuns } from './first-words';
import { hashStep, wordHash, WordVerdicts } from './word-verdicts';

export type Confidence = 'confirmed' | 'unconfirmed';

export type DrugKind = 'drug' | 'combination' | 'compounded topical' | 'medical food' | 'convenience kit';

export interface DrugEntry {
  id: string;
  names: string[];
  class: string;
  classGroup: string;
  kind?: DrugKind;
  /** Ids of the entries this product contains (its ingredients). */
  contains?: string[];
  strengths?: string;
  topics: Array<{ partId: string; section?: string }>;
  schedule?: { value: string; confidence: Confidence };
  source: string;
  confidence: Confidence;
}

export interface ClassTerms {
  terms: Array<{ classGroup: string; words: string[] }>;
  alsoCalled?: Record<string, string[]>;
}

export interface DrugData {
  drugs: DrugEntry[];
  /** Words within the misspelling distance of a name that are not misspellings (English words). */
  notMisspellings?: string[];
  classTerms?: ClassTerms;
  topicalTopic?: { partId: string; section: string };
  /** The spelling index's tables made at build time (prebuilt.ts); used only when made of the same names. */
  spellingTables?: DeletionTables;
  /** Counts the candidate names each lookup examines (tests check that the vocabulary's size does not change them). */
  counters?: { nameCandidates: number; spellingCandidates: number; spellingWords?: number; spellingIndexed?: number };
}

export interface DrugMention {
  drug: DrugEntry;
  /** The name as written in the text. */
  name: string;
  /** Offset of the name in the text. */
  index: number;
}

export interface DrugIndex {
  drugs: DrugEntry[];
  drugById(id: string): DrugEntry | undefined;
  /** The drugs named in a text, each once, in order of first mention. */
  drugsIn(text: string): DrugMention[];
  /** Every name of the vocabulary in a text, in order (a drug named twice is listed twice). */
  mentionsIn(text: string): DrugMention[];
  /** A drug name a word is a likely misspelling of (edit distance 1, or 2 for names of 9+ letters). */
  misspelledDrug(word: string): { drug: DrugEntry; name: string } | undefined;
  /**
   * The likely misspelled drug names in a line of text, with their offsets in the line: the line
   * is `text[from, to)` (by default the whole text), so that a line of a longer text is read
   * where it stands, without a slice (a slice's characters are read through its parent, more slowly).
   */
  misspellingsIn(text: string, from?: number, to?: number): Array<{ start: number; word: string; name: string; drug: DrugEntry }>;
  /** Names of the vocabulary that start with `prefix` (any case), shortest first, at most `limit`. */
  namesStartingWith(prefix: string, limit: number): Array<{ name: string; drug: DrugEntry }>;
  /** The class group a class word names ("proton pump inhibitor" -> "PPI"), if the table knows it. */
  classGroupOf(word: string): string | undefined;
  /** May a drug of class group `group` also be called `claimed` (the MTUS calls benzodiazepines muscle relaxants)? */
  classMayBeCalled(group: string, claimed: string): boolean;
  /** The class words of the table, longest first (for matching in text). */
  classWords: string[];
  /** The class words of one class group ('PPI' -> proton pump inhibitor, PPI), lower case. */
  classWordsOf(group: string): string[];
  /** What follows a drug name when a sentence gives its class: "is a(n) ... <class word>", ", a(n) ... <class word>" (group 2 the class word). */
  classClaim: RegExp;
  /** The topic that governs topical and compounded products (cream, gel, patch ...). */
  topicalTopic?: { partId: string; section: string };
  /**
   * The same product for the reader: the same entry (a brand and its generic), or a product
   * and one of its ingredients (Norco and hydrocodone; Terocin and lidocaine).
   */
  sameDrug(a: DrugEntry, b: DrugEntry): boolean;
  /** Every ingredient of a product, itself included (ids, followed through nested products). */
  ingredientsOf(drug: DrugEntry): Set<string>;
  /** The MTUS topics of a product and of its ingredients. */
  topicsOf(drug: DrugEntry): Array<{ partId: string; section?: string }>;
  /** The MTUS topics of every drug of a class group (computed once). */
  groupTopics(group: string): Array<{ partId: string; section?: string }>;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

const FIRST_WORD = /^[A-Za-z]+/;

/** A name of the vocabulary and the expression that matches it at a position (made on first use: `namePattern`). */
interface NameCandidate {
  drug: DrugEntry;
  name: string;
  pattern: RegExp | undefined;
}

/** The name as written in a text, at the position of `lastIndex` (sticky), any case and spacing, not followed by a letter. */
function namePattern(name: string): RegExp {
  return new RegExp(`${escape(name)}(?![A-Za-z])`, 'iy');
}

/**
 * What drugsIn answers for a text that names no drug: one shared empty array of the kind of the
 * non-empty ones (an empty literal or `filter` result is an array of small integers to V8, so
 * rules reading `.length` of both kinds were compiled again: "wrong map"). Never modified, like
 * every array drugsIn returns (they are remembered by text).
 */
const NO_DRUGS: DrugMention[] = emptyObjectArray();

/** Texts up to this length have their drug mentions remembered, up to this many characters in all. */
const MENTION_TEXT_MAX = 2000;
const MENTION_CACHE_CHARS = 2_000_000;
/** Minimum length of a word checked for spelling, and of a name used as a spelling target. */
const SPELL_MIN = 5;
/** Names of this length or longer allow two edits. */
const LONG_NAME = 9;

/** The spelling targets of a vocabulary: its single-word names of SPELL_MIN letters or more, by lower case (the first drug to name one). */
export function spellingTargets(drugs: readonly DrugEntry[]): Map<string, { name: string; drug: DrugEntry }> {
  const targets = new Map<string, { name: string; drug: DrugEntry }>();
  for (const drug of drugs) {
    for (const name of drug.names) {
      if (!/^[A-Za-z]+$/.test(name) || name.length < SPELL_MIN) continue;
      const key = name.toLowerCase();
      if (!targets.has(key)) targets.set(key, { name, drug });
    }
  }
  return targets;
}

/** How many letters of a spelling target its deletion forms delete: two for long names. */
export function spellingDepth(key: string): number {
  return key.length >= LONG_NAME ? 2 : 1;
}

export function buildDrugIndex(data: DrugData): DrugIndex {
  const drugs = data.drugs;
  const counters = data.counters;
  const byId = new Map(drugs.map((d) => [d.id, d]));

  // Names by their first word, longest first: at a word, the longest name that matches wins.
  // Each name's expression is made when a text first holds its first word (a letter meets a few
  // dozen of the 830 names: making them all cost every process about 2 ms of cold code at start).
  const byFirstWord = new Map<string, NameCandidate[]>();
  for (const drug of drugs) {
    for (const name of drug.names) {
      const first = FIRST_WORD.exec(name)?.[0].toLowerCase();
      if (!first) continue;
      const list = byFirstWord.get(first) ?? [];
      list.push({ drug, name, pattern: undefined });
      byFirstWord.set(first, list);
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.name.length - a.name.length);

  // Where a name may start: a run of letters that may be a name's first word (first-words.ts),
  // then the few names that start with the word found.
  const firstWords = new FirstWordRuns([...byFirstWord.keys()]);
  function scan(text: string): DrugMention[] {
    const found: DrugMention[] = [];
    for (let from = 0; firstWords.next(text, from);) {
      const at = firstWords.start;
      from = firstWords.end;
      for (const c of byFirstWord.get(text.slice(at, from).toLowerCase()) ?? []) {
        if (counters) counters.nameCandidates++;
        const pattern = (c.pattern ??= namePattern(c.name));
        pattern.lastIndex = at;
        const hit = pattern.exec(text);
        if (!hit) continue;
        found.push({ drug: c.drug, name: hit[0], index: at });
        // Continue after the name (a name is never part of another at a later word).
        from = at + hit[0].length;
        break;
      }
    }
    return found;
  }
  // Texts (an item's treatment, a conclusion's subject, a rationale's sentences) are read by
  // several rules, on every keystroke and, boilerplate, across letters: remember their mentions.
  // Bounded by the characters of the texts kept (hashing a text costs far less than scanning it);
  // a text longer than a long sentence is scanned each time.
  const mentionCache = new Map<string, { mentions: DrugMention[]; drugs?: DrugMention[] }>();
  let mentionChars = 0;
  function mentionEntry(text: string): { mentions: DrugMention[]; drugs?: DrugMention[] } {
    const cached = mentionCache.get(text);
    if (cached) return cached;
    // `drugs` set here (undefined until asked): entries keep one shape when it is filled in.
    const entry: { mentions: DrugMention[]; drugs?: DrugMention[] } = { mentions: scan(text), drugs: undefined };
    if (text.length > MENTION_TEXT_MAX) return entry;
    mentionChars += text.length;
    if (mentionChars > MENTION_CACHE_CHARS) {
      mentionCache.clear();
      mentionChars = text.length;
    }
    // A name as matched may be a slice of the letter's text: the entry keeps copies, so that it
    // never holds a letter alive (like the key).
    for (const m of entry.mentions) m.name = detached(m.name);
    mentionCache.set(detached(text), entry);
    return entry;
  }
  function mentionsIn(text: string): DrugMention[] {
    return mentionEntry(text).mentions;
  }

  // Spelling: single-word names of 5+ letters, indexed by their deletions. Words of the
  // vocabulary's own names ('Forte', 'Compound') and the listed English words are never
  // misspellings.
  const spellTargets = spellingTargets(drugs);
  const known = new Set<string>(data.notMisspellings ?? []);
  for (const drug of drugs) for (const name of drug.names) for (const word of name.toLowerCase().split(/[^a-z]+/)) if (word) known.add(word);
  // Per first letter, the lengths of the long names (bit = length): a word needs the two-letter
  // forms only when a long name of its first letter is within two letters of its length.
  const longLengths = new Uint32Array(26);
  // Per first letter, the word lengths within reach of some name (bit = length): other words
  // are answered without building a form.
  const reachable = new Uint32Array(26);
  for (const key of spellTargets.keys()) {
    const long = key.length >= LONG_NAME;
    if (long) longLengths[key.charCodeAt(0) - 97] |= 1 << Math.min(key.length, 31);
    for (let len = key.length - (long ? 2 : 1); len <= key.length + (long ? 2 : 1); len++) reachable[key.charCodeAt(0) - 97] |= 1 << Math.min(len, 31);
  }
  const depthOf = spellingDepth;
  // The names by their deletion forms, on hashes (deletion-forms.ts: no form is built as a string).
  // (Filled from the tables made at build time when given and made of the same names: prebuilt.ts.)
  const deletionIndex = new DeletionIndex([...spellTargets.keys()], depthOf, data.spellingTables);
  const reachesLong = (word: string) => {
    const bits = longLengths[word.charCodeAt(0) - 97] ?? 0;
    for (let len = word.length - 2; len <= word.length + 2; len++) if (bits & (1 << Math.min(Math.max(len, 0), 31))) return true;
    return false;
  };

  function misspelling(word: string): { drug: DrugEntry; name: string } | undefined {
    if (word.length < SPELL_MIN || known.has(word) || spellTargets.has(word)) return undefined;
    if (word.endsWith('s') && (known.has(word.slice(0, -1)) || spellTargets.has(word.slice(0, -1)))) return undefined;
    if (!((reachable[word.charCodeAt(0) - 97] ?? 0) & (1 << Math.min(word.length, 31)))) return undefined;
    if (counters?.spellingWords !== undefined) counters.spellingWords++;
    // A name within distance d of the word shares a deletion form with it (d deletions on each side at most).
    const depth = reachesLong(word) ? 2 : 1;
    const hashed = deletionIndex.candidates(word, depth);
    if (!hashed.length) return undefined;
    if (counters?.spellingIndexed !== undefined) counters.spellingIndexed++;
    // The names that share a form with the word (a hash collision may have added one that does not).
    const candidates = hashed.map((t) => deletionIndex.targets[t]).filter((key) => sharesForm(word, depth, key, depthOf(key)));
    let best: { key: string; distance: number } | undefined;
    for (const key of candidates) {
      if (counters) counters.spellingCandidates++;
      const max = key.length >= LONG_NAME ? 2 : 1;
      const distance = editDistance(word, key, max);
      if (distance > 0 && distance <= max && (!best || distance < best.distance || (distance === best.distance && key < best.key))) best = { key, distance };
    }
    return best && spellTargets.get(best.key);
  }

  // Words repeat across lines and letters: each verdict is remembered by the word's lower case
  // (the verdict depends on it alone), on hashes, so that a line's words are looked up while it
  // is scanned, with no string per word (word-verdicts.ts; bounded).
  const verdicts = new WordVerdicts<{ drug: DrugEntry; name: string } | null>(50000);
  /** The verdict of the word whose lower case is `text[from, to)` lower-cased (see WordVerdicts.slotOf), `hash` its hash. */
  function verdictOf(hash: number, text: string, from: number, to: number, asciiLetters: boolean): { drug: DrugEntry; name: string } | undefined {
    const slot = verdicts.slotOf(hash, text, from, to, asciiLetters);
    if (slot >= 0) return verdicts.value(slot) ?? undefined;
    // (The table keeps the word's char codes, not this string.)
    const lower = asciiLetters ? text.slice(from, to).toLowerCase() : text.slice(from, to);
    const verdict = misspelling(lower);
    verdicts.add(slot, hash, lower, verdict ?? null);
    return verdict;
  }
  function misspelledDrug(word: string): { drug: DrugEntry; name: string } | undefined {
    // The verdict depends on the lower case only: 'Medication' takes the verdict of 'medication'
    // (about one word in nine of a letter is capitalised: sentence starts, headings).
    const lower = word.toLowerCase();
    return verdictOf(wordHash(lower), lower, 0, lower.length, false);
  }

  // Completion: every name, sorted, searched by binary search on the typed prefix (made at the
  // first completion: a check never needs it).
  let completionNames: Array<{ key: string; name: string; drug: DrugEntry }> | undefined;
  const sortedNamesOf = () =>
    (completionNames ??= drugs
      .flatMap((drug) => drug.names.map((name) => ({ key: name.toLowerCase(), name, drug })))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));

  const classByWord = new Map((data.classTerms?.terms ?? []).flatMap((t) => t.words.map((w) => [w.toLowerCase(), t.classGroup] as const)));
  const classWords = [...classByWord.keys()].sort((a, b) => b.length - a.length);

  // The topics of each class group, in the order of the vocabulary (made when a letter first asks).
  let groupTopicLists: Map<string, Array<{ partId: string; section?: string }>> | undefined;
  function topicsByGroup(): Map<string, Array<{ partId: string; section?: string }>> {
    if (groupTopicLists) return groupTopicLists;
    groupTopicLists = new Map();
    for (const d of drugs) {
      const list = groupTopicLists.get(d.classGroup);
      if (list) list.push(...d.topics);
      else groupTopicLists.set(d.classGroup, [...d.topics]);
    }
    return groupTopicLists;
  }

  const ingredientCache = new Map<string, Set<string>>();
  function ingredientsOf(drug: DrugEntry): Set<string> {
    const cached = ingredientCache.get(drug.id);
    if (cached) return cached;
    const all = new Set<string>([drug.id]);
    const queue = [...(drug.contains ?? [])];
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (all.has(id)) continue;
      all.add(id);
      queue.push(...(byId.get(id)?.contains ?? []));
    }
    ingredientCache.set(drug.id, all);
    return all;
  }

  // Per drug, and per class group: computed on first use, then kept (as many as the vocabulary has).
  const topicCache = new Map<string, Array<{ partId: string; section?: string }>>();
  function topicsOf(drug: DrugEntry): Array<{ partId: string; section?: string }> {
    const cached = topicCache.get(drug.id);
    if (cached) return cached;
    const topics: Array<{ partId: string; section?: string }> = [];
    for (const id of ingredientsOf(drug))
      for (const t of byId.get(id)?.topics ?? []) if (!topics.some((x) => x.partId === t.partId && x.section === t.section)) topics.push(t);
    topicCache.set(drug.id, topics);
    return topics;
  }
  const groupWords = new Map<string, string[]>();
  function classWordsOf(group: string): string[] {
    let words = groupWords.get(group);
    if (!words) groupWords.set(group, (words = classWords.filter((w) => classByWord.get(w) === group)));
    return words;
  }

  return {
    drugs,
    drugById: (id) => byId.get(id),
    mentionsIn,
    drugsIn(text) {
      const entry = mentionEntry(text);
      if (!entry.drugs) {
        const seen = new Set<string>();
        entry.drugs = entry.mentions.length === 0 ? NO_DRUGS : entry.mentions.filter((m) => !seen.has(m.drug.id) && seen.add(m.drug.id));
      }
      return entry.drugs;
    },
    misspelledDrug,
    misspellingsIn(text, from = 0, to = text.length) {
      // (The engine remembers the line rules' findings by line text: service/line-cache.ts.)
      const found: Array<{ start: number; word: string; name: string; drug: DrugEntry }> = [];
      // The runs of five ASCII letters or more (what /[A-Za-z]{5,}/g matches), read on the char
      // codes, each hashed in lower case while it is read: a word makes no string unless its
      // verdict is new or it is a misspelling. (The expression engine finds the runs faster
      // before this loop is compiled, but made a string per word, hashed again by a map: in the
      // check of the bench's 200 letters, 6,636 distinct lines and 35,277 words, this took 10.0
      // to 11.3 ms in-process instead of 12.2 to 13.1, warm.)
      const n = to;
      for (let i = from; i < n;) {
        if (!isAsciiLetter(text.charCodeAt(i))) {
          i++;
          continue;
        }
        const start = i;
        let hash = 0;
        for (; i < n; i++) {
          const code = text.charCodeAt(i);
          if (!isAsciiLetter(code)) break;
          hash = hashStep(hash, code | 0x20);
        }
        if (i - start < SPELL_MIN) continue;
        const match = verdictOf(hash, text, start, i, true);
        if (match) found.push({ start: start - from, word: text.slice(start, i), name: match.name, drug: match.drug });
      }
      return found;
    },
    namesStartingWith(prefix, limit) {
      const key = prefix.toLowerCase();
      const sortedNames = sortedNamesOf();
      const lo = firstIndexNotBefore(sortedNames.length, (i) => sortedNames[i].key < key);
      const found: Array<{ name: string; drug: DrugEntry }> = [];
      for (let i = lo; i < sortedNames.length && sortedNames[i].key.startsWith(key) && found.length < limit; i++)
        found.push({ name: sortedNames[i].name, drug: sortedNames[i].drug });
      return found.sort((a, b) => a.name.length - b.name.length);
    },
    classGroupOf: (word) => classByWord.get(word.toLowerCase().replace(/s$/, '')) ?? classByWord.get(word.toLowerCase()),
    classMayBeCalled: (group, claimed) => group === claimed || !!data.classTerms?.alsoCalled?.[group]?.includes(claimed),
    classWords,
    classWordsOf,
    classClaim: new RegExp(
      `^(?:\\s*\\([^)]{0,60}\\))?(?:\\s+(?:is|are|was)|,)\\s+(?:a|an|the)\\s+((?:[A-Za-z-]+\\s+){0,4}?)(${classWords.map(escape).join('|')})s?\\b`,
      'i',
    ),
    topicalTopic: data.topicalTopic && { partId: data.topicalTopic.partId, section: data.topicalTopic.section },
    sameDrug: (a, b) => a.id === b.id || ingredientsOf(a).has(b.id) || ingredientsOf(b).has(a.id),
    ingredientsOf,
    groupTopics: (group) => topicsByGroup().get(group) ?? [],
    topicsOf,
  };
}
