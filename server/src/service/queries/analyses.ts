/**
 * Analyses of a letter that several rules and features read: typed, computed lazily, once per
 * model version. The service creates one `Analyses` with each parsed model (its document cache
 * entry) and hands the same object to every rule and feature, so nothing is computed twice and
 * nothing is looked up by a string key.
 *
 * Per item (`analyses.item(item)`): cached by the item object, in a map the model's analyses own
 * (shared with its item views, `view`). The parser reuses an unchanged item's object from the
 * previous version of a document (parser/items.ts), and the next version's analyses take over
 * the previous version's for the items they share (`createAnalyses`, `previous`), so an item's
 * drugs and quotations are resolved once for as long as its text stands where it stands; the
 * letter-wide lists are assembled from the items'.
 *
 * Not a WeakMap by item: V8's scavenger (the young-generation GC) treats a WeakMap's values as
 * strong whatever their key, and an item's analyses hold the item, and through its spans its
 * version's line map and whole text. Every item of every letter then survived the scavenges
 * and was promoted to the old generation, to die only in a full GC: on the CLI's 2,000-letter
 * batch (in-process, one thread) 55 of 65 MB promoted (docs/engine.md, "What survives a
 * scavenge").
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
  /** The analyses of a view of this model (the model with some of its items): the same item analyses. */
  view(view: LetterModel): Analyses;
}

/** What each analysis has cost: how many times it was computed (tests count these). */
export interface AnalysisCounts {
  guidelineReferences: number;
  quotationMatches: number;
}

/** How many item analyses were computed (not read from the cache), by name: for the incremental tests. */
export const itemAnalysisCounts = { treatmentDrugs: 0, sentenceDrugs: 0, quotationMatches: 0 };

/** Per item object, its analyses (see the header: a map owned by the model's analyses, not a WeakMap). */
type ItemAnalysesMap = Map<Item, LazyItemAnalyses>;

// Classes, not object literals with getters: analyses are made for every item of every letter,
// and V8 creates a literal with accessors on its slow path.

/** One item's analyses, each computed on first read. */
class LazyItemAnalyses implements ItemAnalyses {
  private treatment?: readonly DrugMention[];
  private sentences?: ReadonlyArray<readonly DrugMention[]>;
  private matches?: readonly LocatedMatch[];

  constructor(
    private readonly subject: Item,
    /**
     * The line map of the model that asks first, until the matches are found: the item stands on
     * the same lines in every version that reuses it (moveTo), and the map keeps its version's
     * whole text alive (docs/engine.md, "What a keystroke leaves alive").
     */
    private lines: LineMap | undefined,
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
      this.matches = itemQuotationMatches(this.subject, this.lines!, this.catalog);
      this.lines = undefined;
    }
    return this.matches;
  }

  /** Taken over by a next version's model (its item reused): its line map from now on, if still needed. */
  moveTo(lines: LineMap): void {
    if (!this.matches) this.lines = lines;
  }
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
    /** Shared with the views of this model, and taken over (in part) by the next version's analyses. */
    readonly items: ItemAnalysesMap,
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
    const known = this.items.get(item);
    if (known) return known;
    const analyses = new LazyItemAnalyses(item, this.model.lines, this.catalog, this.itemCounts);
    this.items.set(item, analyses);
    return analyses;
  }

  view(view: LetterModel): Analyses {
    return new ModelAnalyses(view, this.catalog, undefined, this.itemCounts, this.items);
  }
}

/**
 * `counts`: the letter-wide guideline references are counted when assembled; the quotation
 * matches when an item's are computed (once per item object, whichever model asks first).
 * `previous`: the analyses of the document's previous version (made here, with the same
 * catalog): the items the parser reused from it keep their analyses.
 */
export function createAnalyses(
  model: LetterModel,
  catalog: Catalog,
  counts?: AnalysisCounts,
  itemCounts: AnalysisCounts | undefined = counts,
  previous?: Analyses,
): Analyses {
  const items: ItemAnalysesMap = new Map();
  const before = previous instanceof ModelAnalyses ? previous.items : undefined;
  if (before?.size) {
    for (const item of model.items) {
      const known = before.get(item);
      if (known) {
        known.moveTo(model.lines);
        items.set(item, known);
      }
    }
  }
  return new ModelAnalyses(model, catalog, counts, itemCounts, items);
}
