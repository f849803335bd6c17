/** Queries over the guideline references of a letter, shared by rules and features. */
import type { Catalog, Edition, GuidelinePart } from '../catalog';
import type { GuidelineReference, Item, LabelledParagraph, LetterModel } from '../parser/model';

export interface GuidelineAt {
  item: Item;
  paragraph: LabelledParagraph;
  guideline: GuidelineReference;
}

/** Every guideline reference in the items' guideline paragraphs (read through `Analyses`; the parser lists each item's flat). */
export function guidelineReferences(model: LetterModel): GuidelineAt[] {
  const out: GuidelineAt[] = [];
  for (const item of model.items) for (const g of item.guidelines) out.push({ item, paragraph: g.paragraph, guideline: g.guideline });
  return out;
}

/** The edition a reference points at: legacy citations are the 2009 CPMTG. */
export function editionOf(catalog: Catalog, g: GuidelineReference): { part?: GuidelinePart; edition?: Edition; year?: number } {
  const part = g.partId ? catalog.partById(g.partId) : undefined;
  const year = g.legacy ? 2009 : g.year?.value;
  // `g.partId` is the part's id: parts of the data differ in shape, and reading `part.id` was compiled again for each.
  return { part, year, edition: part && year ? catalog.edition(g.partId!, year) : undefined };
}

/** A page the edition cannot have (reported by page-out-of-range; other page rules skip it). */
export function impossiblePage(page: { from: number; to: number }, edition: Edition | undefined): boolean {
  return page.from < (edition?.firstPage ?? 1) || page.from > page.to || (edition?.pages !== undefined && page.to > edition.pages);
}
