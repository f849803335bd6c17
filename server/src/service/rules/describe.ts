/** How rules name things in messages: in the reviewer's words, never internal ids. */
import type { Item, LabelKind } from '../parser/model';
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
