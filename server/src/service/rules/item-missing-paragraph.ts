import type { Rule } from './rule';
import { itemName, LABEL_ORDER, labelQuoted } from './describe';
import { labelName } from '../parser/vocabulary';
import type { Item, LabelKind } from '../parser/model';
import type { Fix } from './rule';

/** What the reviewer must write in an inserted paragraph (the brackets make it plain it is unfinished). */
const PLACEHOLDER: Record<LabelKind, string> = {
  claimsAdministrator: '[write the guideline the claims administrator cited]',
  maximus: '[write the guideline this decision is based on]',
  rationale: '[write the rationale and its conclusion]',
};

/** Inserts the missing labelled paragraphs where they belong, each with a placeholder to fill. */
function insertFix(item: Item, kinds: LabelKind[]): Fix | undefined {
  const paragraph = (kind: LabelKind) => `${labelName(kind)} ${PLACEHOLDER[kind]}`;
  const rank = (kind: LabelKind) => LABEL_ORDER.indexOf(kind);
  const title = kinds.length === 1 ? `Insert a '${labelName(kinds[0])}' paragraph to fill in` : 'Insert the three labelled paragraphs to fill in';
  const first = kinds[0];
  const next = item.paragraphs.find((p) => rank(p.kind) > rank(first));
  if (next) {
    const at = { line: next.label.range.start.line, character: 0 };
    return { title, needsInput: true, edits: [{ range: { start: at, end: at }, newText: kinds.map((k) => `${paragraph(k)}\n\n`).join('') }] };
  }
  const previous = [...item.paragraphs].reverse().find((p) => rank(p.kind) < rank(first));
  const end = previous?.range.end ?? item.header?.text.range.end;
  if (!end) return undefined;
  return { title, needsInput: true, edits: [{ range: { start: end, end }, newText: kinds.map((k) => `\n\n${paragraph(k)}`).join('') }] };
}

export const itemMissingParagraph: Rule = {
  id: 'IMR006',
  alias: 'item-missing-paragraph',
  description: "An item lacks its 'Claims Administrator guideline:', 'MAXIMUS guideline:' or 'Decision rationale:' paragraph",
  severity: 'error',
  tags: ['items', 'structure'],
  scope: 'item',
  docs: {
    why: 'Each item states what the claims administrator relied on, what guideline the reviewer applied, and why. All 217 items of the published letters have the three paragraphs; an item without its rationale or its MAXIMUS guideline does not show how the decision was reached.',
    bad: 'Norco 10/325mg #60: Upheld\n\nClaims Administrator guideline: Decision based on MTUS Opioid Treatment 2016.\n\nDecision rationale: ...',
    good: 'Norco 10/325mg #60: Upheld\n\nClaims Administrator guideline: Decision based on MTUS Opioid Treatment 2016.\n\nMAXIMUS guideline: Decision based on MTUS Opioid Treatment 2016, Section(s): 3.3.9 ...\n\nDecision rationale: ...',
    fix: 'Add the missing paragraph, starting with its label at the beginning of a line, in the order Claims Administrator guideline, MAXIMUS guideline, Decision rationale. The quick fix inserts the paragraph where it belongs with a bracketed placeholder that you replace with the text (fix-all never applies it).',
  },
  check({ model, report }) {
    for (const item of model.items) {
      const present = new Set(item.paragraphs.map((p) => p.kind));
      const missing = LABEL_ORDER.filter((k) => !present.has(k));
      if (missing.length === 0) continue;
      const range = item.header?.text.range ?? item.paragraphs[0].label.range;
      if (missing.length === LABEL_ORDER.length) {
        const fix = insertFix(item, missing);
        report({
          message: `${itemName(item)} has no 'Claims Administrator guideline:', 'MAXIMUS guideline:' or 'Decision rationale:' paragraph.`,
          range,
          fixes: fix && [fix],
        });
        continue;
      }
      for (const kind of missing) {
        const fix = insertFix(item, [kind]);
        report({ message: `${itemName(item)} has no ${labelQuoted(kind)} paragraph.`, range, fixes: fix && [fix] });
      }
    }
  },
};
