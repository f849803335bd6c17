import { Hover, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog';
import type { LetterModel } from '../parser/model';
import { citationHover } from './citations';
import { rangeContains } from '../positions';
import { HEADER_FIELDS, labelName, SECTION_HEADINGS } from '../parser/vocabulary';

const LABEL_HELP: Record<string, string> = {
  claimsAdministrator:
    'What the claims administrator (utilization review) cited for its decision, as it cited it: an MTUS guideline part with year and sections, a Non-MTUS source, or the statement that no medical evidence was cited.',
  maximus:
    "The guideline the expert reviewer applied: 'Decision based on MTUS <part> <year>, Section(s): <sections>.', or a Non-MTUS citation after the statement that the MTUS does not address the treatment.",
  rationale:
    "The reviewer's reasoning: what the guideline requires, what the records show, and a concluding sentence stating whether the request is medically necessary, consistent with the decision.",
};

const DECISION_HELP: Record<string, string> = {
  Upheld: '**Upheld**: the utilization review non-certification stands. The treatment is **not medically necessary**; the rationale must conclude so.',
  Overturned:
    '**Overturned**: the treatment **is medically necessary**. The claims administrator must authorize it within 5 working days (8 CCR 9792.10.6); the rationale must conclude so.',
};

function markdown(value: string, range: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

/** Hover on headings, decisions, labels and header fields: what each part of the letter is for. */
export function doHover(model: LetterModel, catalog: Catalog, position: Position): Hover | null {
  const citation = citationHover(model, catalog, position);
  if (citation) return citation;
  for (const s of model.sections) {
    if (!rangeContains(s.heading.range, position)) continue;
    const h = SECTION_HEADINGS.find((x) => x.kind === s.kind)!;
    const extra = s.kind === 'issues' ? `\n\n${model.items.length} item(s) in this letter.` : '';
    return markdown(`**${h.title}** (section ${SECTION_HEADINGS.indexOf(h) + 1} of 3)\n\n${h.purpose}${extra}`, s.heading.range);
  }
  for (const item of model.items) {
    if (!rangeContains(item.range, position)) continue;
    const decision = item.header?.decision;
    if (decision && rangeContains(decision.word.range, position)) {
      const help = decision.value ? DECISION_HELP[decision.value] : `**${decision.word.text}** is not a decision: write 'Upheld' or 'Overturned'.`;
      return markdown(help, decision.word.range);
    }
    for (const p of item.paragraphs) {
      if (rangeContains(p.label.range, position)) return markdown(`**${labelName(p.kind)}** ${LABEL_HELP[p.kind]}`, p.label.range);
    }
  }
  for (const f of model.header?.fields ?? []) {
    if (!rangeContains(f.label.range, position)) continue;
    const spec = HEADER_FIELDS.find((x) => x.name === f.name)!;
    return markdown(`**${spec.label}** ${spec.isDate ? 'a date, written MM/DD/YYYY.' : 'header field.'}`, f.label.range);
  }
  return null;
}
