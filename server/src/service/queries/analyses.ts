/**
 * Analyses of a letter that several rules and features read: typed, computed lazily, once per
 * model version. The service creates one `Analyses` with each parsed model (its document cache
 * entry) and hands the same object to every rule and feature, so nothing is computed twice and
 * nothing is looked up by a string key.
 *
 * Per item (`analyses.item(item)`): cached by the item object. The parser reuses an unchanged
 * item's object from the previous version of a document (parser/items.ts), so an item's drugs and
 * quotations are resolved once for as long as its text stands where it stands; the letter-wide
 * lists are assembled from the items'.
 */
import type { Catalog, DrugMention } from '../catalog';
import type { Item, LetterModel } from '../parser/model';
import type { LineMap } from '../text';
import { itemQuotationMatches, LocatedMatch } from './quotations';
import { guidelineReferences, GuidelineAt } from './references';

export interface ItemAnalyses {
  /** The drugs and products of the item's treatment (its header), resolved once against the drug vocabulary. */
  readonly treatmentDrugs: readonly DrugMention[];
  /** The drugs named in each sentence of the rationale (parallel to `rationale.sentences`). */
  readonly sentenceDrugs: ReadonlyArray<readonly DrugMention[]>;
  /** The standard quotations the item's rationale follows, with document ranges. */
  readonly quotationMatches: readonly LocatedMatch[];
}

export interface Analyses {
  /** Every guideline reference in the items' guideline paragraphs. */
  readonly guidelineReferences: readonly GuidelineAt[];
  /** Every standard quotation the rationales follow, with document ranges. */
  readonly quotationMatches: readonly LocatedMatch[];
  /** The analyses of one item of the model. */
  item(item: Item): ItemAnalyses;
}

/** What each analysis has cost: how many times it was computed (tests count these). */
export interface AnalysisCounts {
  guidelineReferences: number;
  quotationMatches: number;
}

/** How many item analyses were computed (not read from the cache), by name: for the incremental tests. */
export const itemAnalysisCounts = { treatmentDrugs: 0, sentenceDrugs: 0, quotationMatches: 0 };

const itemCache = new WeakMap<Catalog, WeakMap<Item, ItemAnalyses>>();

function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

function itemAnalyses(item: Item, lines: LineMap, catalog: Catalog, counts?: AnalysisCounts): ItemAnalyses {
  let byItem = itemCache.get(catalog);
  if (!byItem) itemCache.set(catalog, (byItem = new WeakMap()));
  const known = byItem.get(item);
  if (known) return known;
  const treatmentDrugs = lazy(() => {
    itemAnalysisCounts.treatmentDrugs++;
    return catalog.drugsIn(item.header?.treatment.text ?? '');
  });
  const sentenceDrugs = lazy(() => {
    itemAnalysisCounts.sentenceDrugs++;
    return (item.rationale?.sentences ?? []).map((s) => catalog.drugsIn(s.text));
  });
  const quotationMatches = lazy(() => {
    itemAnalysisCounts.quotationMatches++;
    if (counts) counts.quotationMatches++;
    return itemQuotationMatches(item, lines, catalog);
  });
  const analyses: ItemAnalyses = {
    get treatmentDrugs() {
      return treatmentDrugs();
    },
    get sentenceDrugs() {
      return sentenceDrugs();
    },
    get quotationMatches() {
      return quotationMatches();
    },
  };
  byItem.set(item, analyses);
  return analyses;
}

/**
 * `counts`: the letter-wide guideline references are counted when assembled; the quotation
 * matches when an item's are computed (once per item object, whichever model asks first).
 */
export function createAnalyses(model: LetterModel, catalog: Catalog, counts?: AnalysisCounts, itemCounts: AnalysisCounts | undefined = counts): Analyses {
  const item = (i: Item) => itemAnalyses(i, model.lines, catalog, itemCounts);
  const references = lazy(() => {
    if (counts) counts.guidelineReferences++;
    return guidelineReferences(model);
  });
  const matches = lazy(() => model.items.flatMap((i) => item(i).quotationMatches));
  return {
    get guidelineReferences() {
      return references();
    },
    get quotationMatches() {
      return matches();
    },
    item,
  };
}
