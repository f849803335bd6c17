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
import { mapPacked } from '../arrays';

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

// Classes, not object literals with getters: analyses are made for every item of every letter,
// and V8 creates a literal with accessors on its slow path.

/** One item's analyses, each computed on first read. */
class LazyItemAnalyses implements ItemAnalyses {
  private treatment?: readonly DrugMention[];
  private sentences?: ReadonlyArray<readonly DrugMention[]>;
  private matches?: readonly LocatedMatch[];

  constructor(
    private readonly subject: Item,
    private readonly lines: LineMap,
    private readonly catalog: Catalog,
    private readonly counts: AnalysisCounts | undefined,
  ) {}

  get treatmentDrugs(): readonly DrugMention[] {
    if (!this.treatment) {
      itemAnalysisCounts.treatmentDrugs++;
      this.treatment = this.catalog.drugsIn(this.subject.header?.treatment.text ?? '');
    }
    return this.treatment;
  }

  get sentenceDrugs(): ReadonlyArray<readonly DrugMention[]> {
    if (!this.sentences) {
      itemAnalysisCounts.sentenceDrugs++;
      this.sentences = mapPacked(this.subject.rationale?.sentences ?? [], (s) => this.catalog.drugsIn(s.text));
    }
    return this.sentences;
  }

  get quotationMatches(): readonly LocatedMatch[] {
    if (!this.matches) {
      itemAnalysisCounts.quotationMatches++;
      if (this.counts) this.counts.quotationMatches++;
      this.matches = itemQuotationMatches(this.subject, this.lines, this.catalog);
    }
    return this.matches;
  }
}

function itemAnalyses(item: Item, lines: LineMap, catalog: Catalog, counts?: AnalysisCounts): ItemAnalyses {
  let byItem = itemCache.get(catalog);
  if (!byItem) itemCache.set(catalog, (byItem = new WeakMap()));
  const known = byItem.get(item);
  if (known) return known;
  const analyses = new LazyItemAnalyses(item, lines, catalog, counts);
  byItem.set(item, analyses);
  return analyses;
}

/** A model's analyses: the letter-wide lists are assembled from the items' on first read. */
class ModelAnalyses implements Analyses {
  private references?: readonly GuidelineAt[];
  private matches?: readonly LocatedMatch[];

  constructor(
    private readonly model: LetterModel,
    private readonly catalog: Catalog,
    private readonly counts: AnalysisCounts | undefined,
    private readonly itemCounts: AnalysisCounts | undefined,
  ) {}

  get guidelineReferences(): readonly GuidelineAt[] {
    if (!this.references) {
      if (this.counts) this.counts.guidelineReferences++;
      this.references = guidelineReferences(this.model);
    }
    return this.references;
  }

  get quotationMatches(): readonly LocatedMatch[] {
    if (this.matches) return this.matches;
    const items = this.model.items;
    // An item rule's view holds one item: its own list, not a copy (read-only).
    if (items.length === 1) return (this.matches = this.item(items[0]).quotationMatches);
    const all: LocatedMatch[] = [];
    for (const item of items) for (const match of this.item(item).quotationMatches) all.push(match);
    return (this.matches = all);
  }

  item(item: Item): ItemAnalyses {
    return itemAnalyses(item, this.model.lines, this.catalog, this.itemCounts);
  }
}

/**
 * `counts`: the letter-wide guideline references are counted when assembled; the quotation
 * matches when an item's are computed (once per item object, whichever model asks first).
 */
export function createAnalyses(model: LetterModel, catalog: Catalog, counts?: AnalysisCounts, itemCounts: AnalysisCounts | undefined = counts): Analyses {
  return new ModelAnalyses(model, catalog, counts, itemCounts);
}
