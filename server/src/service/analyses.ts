/**
 * Derived analyses of a letter model that not every check needs: typed, lazy, computed once and
 * shared by the rules and the features (no string keys, no casts).
 *
 * - Per item (`analyses.item(item)`): cached by the item object. The parser reuses an unchanged
 *   item's object from the previous version of a document (parser/items.ts), so an item's drugs
 *   and quotations are resolved once for as long as its text stands where it stands.
 * - Per model (`analysesOf(model, catalog)`): the letter-wide lists, assembled from the items'.
 */
import type { Catalog, DrugMention } from './catalog';
import type { GuidelineReference, Item, LabelledParagraph, LetterModel } from './parser/model';
import { itemQuotationMatches, LocatedMatch } from './rules/quotation-support';
import type { LineMap } from './text';

export type { DrugMention } from './catalog';

export interface GuidelineAt {
  item: Item;
  paragraph: LabelledParagraph;
  guideline: GuidelineReference;
}

export interface ItemAnalyses {
  /** The drugs and products of the item's treatment (its header), resolved once against the drug vocabulary. */
  readonly treatmentDrugs: readonly DrugMention[];
  /** The drugs named in each sentence of the rationale (parallel to `rationale.sentences`). */
  readonly sentenceDrugs: ReadonlyArray<readonly DrugMention[]>;
  /** The standard quotations the item's rationale follows, with document ranges. */
  readonly quotationMatches: readonly LocatedMatch[];
}

export interface Analyses {
  /** Every guideline reference in the items' guideline paragraphs, in document order. */
  readonly guidelineReferences: readonly GuidelineAt[];
  /** Every standard quotation the letter's rationales follow, in document order. */
  readonly quotationMatches: readonly LocatedMatch[];
  item(item: Item): ItemAnalyses;
}

/** How many analyses were computed (not read from a cache), by name: for the incremental tests. */
export const analysisCounts = { treatmentDrugs: 0, sentenceDrugs: 0, quotationMatches: 0 };

const itemCache = new WeakMap<Catalog, WeakMap<Item, ItemAnalyses>>();
const modelCache = new WeakMap<Catalog, WeakMap<LetterModel, Analyses>>();

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

function itemAnalyses(item: Item, lines: LineMap, catalog: Catalog): ItemAnalyses {
  let byItem = itemCache.get(catalog);
  if (!byItem) itemCache.set(catalog, (byItem = new WeakMap()));
  const known = byItem.get(item);
  if (known) return known;
  const treatmentDrugs = lazy(() => {
    analysisCounts.treatmentDrugs++;
    return catalog.drugsIn(item.header?.treatment.text ?? '');
  });
  const sentenceDrugs = lazy(() => {
    analysisCounts.sentenceDrugs++;
    return (item.rationale?.sentences ?? []).map((s) => catalog.drugsIn(s.text));
  });
  const quotationMatches = lazy(() => {
    analysisCounts.quotationMatches++;
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

/** The analyses of a model (created once per model, i.e. per document version). */
export function analysesOf(model: LetterModel, catalog: Catalog): Analyses {
  let byModel = modelCache.get(catalog);
  if (!byModel) modelCache.set(catalog, (byModel = new WeakMap()));
  const known = byModel.get(model);
  if (known) return known;
  const item = (i: Item) => itemAnalyses(i, model.lines, catalog);
  const guidelineReferences = lazy(() => model.items.flatMap((i) => i.guidelines.map((g) => ({ item: i, paragraph: g.paragraph, guideline: g.guideline }))));
  const quotationMatches = lazy(() => model.items.flatMap((i) => item(i).quotationMatches));
  const analyses: Analyses = {
    get guidelineReferences() {
      return guidelineReferences();
    },
    get quotationMatches() {
      return quotationMatches();
    },
    item,
  };
  byModel.set(model, analyses);
  return analyses;
}
