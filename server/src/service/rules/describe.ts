/** How rules name things in messages: in the reviewer's words, never internal ids. */
import type { Catalog, Edition, GuidelinePart } from '../catalog';
import type { GuidelineReference, Item, LabelKind, LabelledParagraph, LetterModel } from '../parser/model';
import type { Severity } from './rule';
import { labelName } from '../parser/vocabulary';
import { quote } from '../text';

export function itemName(item: Item): string {
  const treatment = item.header?.treatment.text.trim();
  return treatment ? `Item ${item.number} '${quote(treatment)}'` : `Item ${item.number}`;
}

export function labelQuoted(kind: LabelKind): string {
  return `'${labelName(kind)}'`;
}

export const LABEL_ORDER: LabelKind[] = ['claimsAdministrator', 'maximus', 'rationale'];

/** Each element whose key was seen before, with the first element of that key. */
export function repeats<T>(list: readonly T[], key: (t: T) => string): Array<{ first: T; repeat: T }> {
  const first = new Map<string, T>();
  const out: Array<{ first: T; repeat: T }> = [];
  for (const element of list) {
    const earlier = first.get(key(element));
    if (earlier) out.push({ first: earlier, repeat: element });
    else first.set(key(element), element);
  }
  return out;
}

/**
 * Elements out of the standard order: for each first occurrence of a key, an earlier first
 * occurrence that ranks after it.
 */
export function outOfOrder<T>(list: readonly T[], key: (t: T) => string, rank: (t: T) => number): Array<{ element: T; after: T }> {
  const seen = new Set<string>();
  const firsts = list.filter((t) => !seen.has(key(t)) && seen.add(key(t)));
  const out: Array<{ element: T; after: T }> = [];
  firsts.forEach((element, i) => {
    const after = firsts.slice(0, i).find((earlier) => rank(earlier) > rank(element));
    if (after) out.push({ element, after });
  });
  return out;
}

/** Where a citation stands: CA findings are reported one level lower (the CA line reproduces UR's citation). */
export function citationSeverity(kind: LabelKind, severity: Severity): Severity {
  if (kind !== 'claimsAdministrator') return severity;
  return severity === 'error' ? 'warning' : severity === 'warning' ? 'information' : 'hint';
}

export function paragraphName(kind: LabelKind): string {
  return kind === 'claimsAdministrator' ? 'Claims Administrator guideline' : kind === 'maximus' ? 'MAXIMUS guideline' : 'Decision rationale';
}

export interface GuidelineAt {
  item: Item;
  paragraph: LabelledParagraph;
  guideline: GuidelineReference;
}

/** Every guideline reference in the items' guideline paragraphs. */
export function guidelineReferences(model: LetterModel): GuidelineAt[] {
  const out: GuidelineAt[] = [];
  for (const item of model.items) {
    for (const paragraph of item.paragraphs) {
      for (const citation of paragraph.citations?.mtus ?? []) {
        for (const guideline of citation.guidelines) out.push({ item, paragraph, guideline });
      }
    }
  }
  return out;
}

/** The edition a reference points at: legacy citations are the 2009 CPMTG. */
export function editionOf(catalog: Catalog, g: GuidelineReference): { part?: GuidelinePart; edition?: Edition; year?: number } {
  const part = g.partId ? catalog.partById(g.partId) : undefined;
  const year = g.legacy ? 2009 : g.year?.value;
  return { part, year, edition: part && year ? catalog.edition(part.id, year) : undefined };
}

/** A page the edition cannot have (reported by page-out-of-range; other page rules skip it). */
export function impossiblePage(page: { from: number; to: number }, edition: Edition | undefined): boolean {
  return page.from < (edition?.firstPage ?? 1) || page.from > page.to || (edition?.pages !== undefined && page.to > edition.pages);
}
