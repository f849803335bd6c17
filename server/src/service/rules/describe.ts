/**
 * How rules name things in messages (in the reviewer's words, never internal ids) and the
 * severity policy they share. Model queries and sequence algorithms live in ../queries.
 */
import type { Item, LabelKind } from '../parser/model';
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

/** Where a citation stands: CA findings are reported one level lower (the CA line reproduces UR's citation). */
export function citationSeverity(kind: LabelKind, severity: Severity): Severity {
  if (kind !== 'claimsAdministrator') return severity;
  return severity === 'error' ? 'warning' : severity === 'warning' ? 'information' : 'hint';
}

export function paragraphName(kind: LabelKind): string {
  return kind === 'claimsAdministrator' ? 'Claims Administrator guideline' : kind === 'maximus' ? 'MAXIMUS guideline' : 'Decision rationale';
}
