/**
 * The guideline catalog: loads the data files once (server/data/*.json, each with a JSON Schema
 * and a source for every entry) and builds the lookups the parser, rules and features use:
 * exact and normalised lookups, aliases, and edit-distance suggestions. Rules never hard-code
 * a guideline fact.
 *
 * Each kind of data has its own module: parts.ts (parts, editions, labels, sections),
 * drugs.ts (the drug vocabulary: names, misspellings, class words, ingredients), nonmtus.ts (non-MTUS sources) and
 * quotations.ts (the quotation library and its index, built on first use). types.ts holds the
 * types they share, so none of them imports this file.
 */
import guidelineData from '../../../data/guidelines.json';
import drugData from '../../../data/drugs.json';
import nearWordsData from '../../../data/english-near-drugs.json';
import nonMtusData from '../../../data/nonmtus.json';
import { buildDrugIndex } from './drugs';
import { buildNonMtusLookup } from './nonmtus';
import { buildPartLookups, buildSectionLookups } from './parts';
import { PrebuiltIndexes, prebuiltIndexes } from './prebuilt';
import { QuotationIndex, QUOTATIONS } from './quotations';
import type { Catalog, CatalogCacheBounds, CatalogData, DrugEntry, GuidelinePart, NonMtusSource } from './types';

export type { Abbreviation, Confidence, SectionEntry, SectionIndex, SectionMatch } from './sections';
export type { DrugIndex, DrugKind, DrugMention } from './drugs';
export type { Catalog, CatalogData, DrugEntry, Edition, GuidelinePart, NonMtusSource, SectionList, Sourced, Suggestion, TopicEntry } from './types';
export { normalizeName } from './names';

/** The bundled data (server/data), as `buildCatalog` reads it when given none. */
function bundledData(): CatalogData {
  return {
    parts: guidelineData.parts as unknown as GuidelinePart[],
    drugs: drugData.drugs as unknown as DrugEntry[],
    nonMtus: nonMtusData.sources as unknown as NonMtusSource[],
    notMisspellings: [...drugData.notMisspellings.words, ...nearWordsData.words],
    classTerms: drugData.classTerms,
    topicalTopic: drugData.topicalTopic,
    quotations: QUOTATIONS,
    sectionAbbreviations: guidelineData.sectionAbbreviations.terms,
  };
}

/** The catalog of the shipped data files, built once per process (its indexes cost tens of milliseconds). */
let shipped: Catalog | undefined;

/**
 * The catalog of `data`, or of the shipped data files (built once, then shared: the data never
 * change at run time, and every lookup cache in it is pure and bounded). With `bounds`, a catalog
 * of its own whose text memories have those bounds (the language server's).
 */
export function buildCatalog(data?: CatalogData, bounds?: CatalogCacheBounds): Catalog {
  // The shipped data's indexes come ready from the build (prebuilt.ts) when the bundle has them.
  if (data) return build(data, bounds);
  if (bounds) return build(bundledData(), bounds, prebuiltIndexes());
  return (shipped ??= build(bundledData(), {}, prebuiltIndexes()));
}

function build(source: CatalogData, bounds: CatalogCacheBounds = {}, prebuilt?: PrebuiltIndexes): Catalog {
  const sections = buildSectionLookups(source.parts, source.sectionAbbreviations, prebuilt?.sections);
  // The drug table names its governing sections as it likes; read them as the catalog names them.
  const canonical = <T extends { partId: string; section?: string }>(t: T): T =>
    t.section ? { ...t, section: sections.section(t.partId, t.section)?.name ?? t.section } : t;
  const drugs = source.drugs.map((d) => ({ ...d, topics: d.topics.map(canonical) }));
  const topicalTopic = source.topicalTopic && canonical(source.topicalTopic);
  let quotationIdx: QuotationIndex | undefined;
  return {
    parts: source.parts,
    ...buildPartLookups(source.parts),
    ...sections,
    // The drug vocabulary is indexed once, here: a bigger vocabulary costs nothing per letter.
    ...buildDrugIndex({ drugs, notMisspellings: source.notMisspellings, classTerms: source.classTerms, topicalTopic, spellingTables: prebuilt?.spelling }),
    ...buildNonMtusLookup(source.nonMtus),
    quotations: () => (quotationIdx ??= new QuotationIndex(source.quotations ?? QUOTATIONS, bounds.quotationSentences, prebuilt?.quotations)),
  };
}
