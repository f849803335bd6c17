/**
 * Lookups over the drug table (server/data/drugs.json): the drugs a text names, likely
 * misspellings of their names, class words and the class claims of a sentence.
 */
import { editDistance } from '../text';
import { escapeName } from './names';
import type { SectionEntry } from './sections';
import type { Catalog, CatalogData, DrugEntry } from './types';

export type DrugLookups = Pick<
  Catalog,
  'drugs' | 'drugsIn' | 'misspelledDrug' | 'misspellingsIn' | 'classGroupOf' | 'classMayBeCalled' | 'classWords' | 'classClaim' | 'topicalTopic' | 'sameDrug'
>;

/** `section` resolves a section name of a part as the catalog names it (the drug table names its governing sections as it likes). */
export function buildDrugLookups(
  source: Pick<CatalogData, 'drugs' | 'notMisspellings' | 'classTerms' | 'topicalTopic'>,
  section: (partId: string, name: string) => SectionEntry | undefined,
): DrugLookups {
  const canonical = (t: { partId: string; section?: string }) => (t.section ? { ...t, section: section(t.partId, t.section)?.name ?? t.section } : t);
  const drugs = source.drugs.map((d) => ({ ...d, topics: d.topics.map(canonical) }));
  const topicalTopic = source.topicalTopic && (canonical(source.topicalTopic) as { partId: string; section: string });

  const drugNames = drugs.flatMap((drug) => drug.names.map((name) => ({ drug, name }))).sort((a, b) => b.name.length - a.name.length);
  const drugByName = new Map(drugNames.map((d) => [d.name.toLowerCase(), d.drug]));
  // Read only through matchAll, which iterates a copy: no lastIndex is shared between calls.
  const drugPattern = new RegExp(`(?<![A-Za-z])(${drugNames.map((d) => escapeName(d.name)).join('|')})(?![A-Za-z])`, 'gi');
  // Spelling: single-word names of 5+ letters, bucketed by first letter (a misspelling rarely
  // changes it), and the English words that sit within the distance of a name.
  const spellNames = new Map<string, Array<{ key: string; name: string; drug: DrugEntry }>>();
  for (const { drug, name } of drugNames) {
    if (!/^[A-Za-z]{5,}$/.test(name)) continue;
    const key = name.toLowerCase();
    const bucket = spellNames.get(key[0]) ?? [];
    if (!bucket.some((b) => b.key === key)) bucket.push({ key, name, drug });
    spellNames.set(key[0], bucket);
  }
  const notMisspelled = new Set(source.notMisspellings ?? []);
  const spellCache = new Map<string, { drug: DrugEntry; name: string } | false>();
  const lineCache = new Map<string, Array<{ start: number; word: string; name: string }>>();
  function misspelling(key: string): { drug: DrugEntry; name: string } | undefined {
    if (key.length < 5 || drugByName.has(key) || notMisspelled.has(key)) return undefined;
    if (key.endsWith('s') && (drugByName.has(key.slice(0, -1)) || notMisspelled.has(key.slice(0, -1)))) return undefined;
    let best: { drug: DrugEntry; name: string; distance: number } | undefined;
    for (const candidate of spellNames.get(key[0]) ?? []) {
      const max = candidate.key.length >= 9 ? 2 : 1;
      if (Math.abs(candidate.key.length - key.length) > max) continue;
      const distance = editDistance(key, candidate.key, max);
      if (distance > 0 && distance <= max && (!best || distance < best.distance)) best = { drug: candidate.drug, name: candidate.name, distance };
    }
    return best && { drug: best.drug, name: best.name };
  }
  function misspelledDrug(word: string): { drug: DrugEntry; name: string } | undefined {
    // Words repeat across letters: remember each verdict, by the word as written (bounded).
    const known = spellCache.get(word);
    if (known !== undefined) return known || undefined;
    if (spellCache.size > 50000) spellCache.clear();
    const verdict = misspelling(word.toLowerCase());
    spellCache.set(word, verdict ?? false);
    return verdict;
  }
  const classByWord = new Map((source.classTerms?.terms ?? []).flatMap((t) => t.words.map((w) => [w.toLowerCase(), t.classGroup] as const)));
  const classWords = [...classByWord.keys()].sort((a, b) => b.length - a.length);

  return {
    drugs,
    drugsIn(text) {
      const found: Array<{ drug: DrugEntry; name: string; index: number }> = [];
      for (const m of text.matchAll(drugPattern)) {
        const drug = drugByName.get(m[1].toLowerCase().replace(/\s+/g, ' '));
        if (drug && !found.some((f) => f.drug === drug)) found.push({ drug, name: m[1], index: m.index });
      }
      return found;
    },
    misspelledDrug,
    misspellingsIn(line) {
      // Lines repeat between keystrokes and across letters: remember each line's findings.
      const known = lineCache.get(line);
      if (known) return known;
      const found: Array<{ start: number; word: string; name: string }> = [];
      // A run of five letters or more, always matched from its first letter (greedy).
      const words = /[A-Za-z]{5,}/g;
      for (let m = words.exec(line); m; m = words.exec(line)) {
        const match = misspelledDrug(m[0]);
        if (match) found.push({ start: m.index, word: m[0], name: match.name });
      }
      if (lineCache.size > 20000) lineCache.clear();
      lineCache.set(line, found);
      return found;
    },
    classGroupOf: (word) => classByWord.get(word.toLowerCase().replace(/s$/, '')) ?? classByWord.get(word.toLowerCase()),
    classMayBeCalled: (group, claimed) => group === claimed || !!source.classTerms?.alsoCalled?.[group]?.includes(claimed),
    classWords,
    topicalTopic: topicalTopic && { partId: topicalTopic.partId, section: topicalTopic.section },
    classClaim: new RegExp(
      `^(?:\\s*\\([^)]{0,60}\\))?(?:\\s+(?:is|are|was)|,)\\s+(?:a|an|the)\\s+((?:[A-Za-z-]+\\s+){0,4}?)(${classWords.map(escapeName).join('|')})s?\\b`,
      'i',
    ),
    sameDrug: (a, b) =>
      a.id === b.id || !!a.contains?.includes(b.id) || !!b.contains?.includes(a.id) || a.id.startsWith(`${b.id}-`) || b.id.startsWith(`${a.id}-`),
  };
}
