/**
 * The guideline catalog: loads the data files once (server/data/*.json, each with a JSON Schema
 * and a source for every entry) and builds the lookups the parser, rules and features use:
 * exact and normalised lookups, aliases, and edit-distance suggestions. Rules never hard-code
 * a guideline fact.
 *
 * Each kind of data has its own module: parts.ts (parts, editions, labels, sections),
 * drug-lookups.ts (drugs, misspellings, class words), nonmtus.ts (non-MTUS sources) and
 * quotations.ts (the quotation library and its index, built on first use). types.ts holds the
 * types they share, so none of them imports this file.
 */
import guidelineData from '../../../data/guidelines.json';
import drugData from '../../../data/drugs.json';
import nonMtusData from '../../../data/nonmtus.json';
import { buildDrugLookups } from './drug-lookups';
import { buildNonMtusLookup } from './nonmtus';
import { buildPartLookups, buildSectionLookups } from './parts';
import { QuotationIndex, QUOTATIONS } from './quotations';
import type { Catalog, CatalogData, DrugEntry, GuidelinePart, NonMtusSource } from './types';

export type { Abbreviation, Confidence, SectionEntry, SectionIndex, SectionMatch } from './sections';
export type { Catalog, CatalogData, DrugEntry, Edition, GuidelinePart, NonMtusSource, SectionList, Sourced, Suggestion, TopicEntry } from './types';
export { normalizeName } from './names';

/** The bundled data (server/data), as `buildCatalog` reads it when given none. */
function bundledData(): CatalogData {
  return {
    parts: guidelineData.parts as unknown as GuidelinePart[],
    drugs: drugData.drugs as unknown as DrugEntry[],
    nonMtus: nonMtusData.sources as unknown as NonMtusSource[],
    notMisspellings: drugData.notMisspellings.words,
    classTerms: drugData.classTerms,
    topicalTopic: drugData.topicalTopic,
    quotations: QUOTATIONS,
    sectionAbbreviations: guidelineData.sectionAbbreviations.terms,
  };
}

export function buildCatalog(data?: CatalogData): Catalog {
  const source = data ?? bundledData();
  const sections = buildSectionLookups(source.parts, source.sectionAbbreviations);
  let quotationIdx: QuotationIndex | undefined;
  return {
    parts: source.parts,
    ...buildPartLookups(source.parts),
    ...sections,
    ...buildDrugLookups(source, sections.section),
    ...buildNonMtusLookup(source.nonMtus),
    quotations: () => (quotationIdx ??= new QuotationIndex(source.quotations ?? QUOTATIONS)),
  };
}
