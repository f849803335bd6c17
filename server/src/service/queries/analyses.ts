/**
 * Analyses of a letter that several rules and features read: typed, computed lazily, once per
 * model version. The service creates one `Analyses` with each parsed model (its document cache
 * entry) and hands the same object to every rule and feature, so nothing is computed twice and
 * nothing is looked up by a string key.
 */
import type { Catalog } from '../catalog';
import type { LetterModel } from '../parser/model';
import { quotationMatches, LocatedMatch } from './quotations';
import { guidelineReferences, GuidelineAt } from './references';

export interface Analyses {
  /** Every guideline reference in the items' guideline paragraphs. */
  readonly guidelineReferences: readonly GuidelineAt[];
  /** Every standard quotation the rationales follow, with document ranges. */
  readonly quotationMatches: readonly LocatedMatch[];
}

/** What each analysis has cost: how many times it was computed (tests count these). */
export interface AnalysisCounts {
  guidelineReferences: number;
  quotationMatches: number;
}

export function createAnalyses(model: LetterModel, catalog: Catalog, counts?: AnalysisCounts): Analyses {
  let references: GuidelineAt[] | undefined;
  let matches: LocatedMatch[] | undefined;
  return {
    get guidelineReferences() {
      if (!references) {
        if (counts) counts.guidelineReferences++;
        references = guidelineReferences(model);
      }
      return references;
    },
    get quotationMatches() {
      if (!matches) {
        if (counts) counts.quotationMatches++;
        matches = quotationMatches(model, catalog);
      }
      return matches;
    },
  };
}
