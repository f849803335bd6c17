import type { GuidelineReference, Item, LabelledParagraph, Span } from '../parser/model';
import type { Rule } from './rule';

/** Words a quotation must match before its source is held against the MAXIMUS line. */
const MIN_MATCHED = 8;

/**
 * The rationale quotes a standard MTUS passage, but the item's MAXIMUS guideline line cites
 * another part, or the right part with other sections.
 */
export const quotationWrongCitation: Rule = {
  id: 'IMR032',
  alias: 'quotation-wrong-citation',
  description: "A rationale quotes a guideline part or section that the item's MAXIMUS line does not cite",
  severity: 'information',
  tags: ['quotations', 'citations', 'mtus'],
  scope: 'item',
  docs: {
    why:
      "The MAXIMUS guideline line names the MTUS part and section the decision rests on; the rationale quotes it. When the quotation comes from another part (the low back imaging criteria under 'Shoulder Complaints') or another section, either the citation or the quotation is wrong, and the letter cites law it does not apply. " +
      'Only quotations whose source is confirmed in server/data/quotations.json and that match at least 8 words are checked, and only against MAXIMUS lines that cite the MTUS. ' +
      "Sentences the ACOEM repeats in every body-part chapter (special studies after a few weeks of conservative care, the criteria for ordering imaging) are accepted under any of those chapters; a section of the same part is compared only when the catalog knows it (an unknown section is IMR014's report). " +
      "Measured on the 97 published letters (every hit read): 3 reports, all real: CM16-0213037 quotes the low back wording of the imaging criteria ('who would consider surgery an option') under MAXIMUS 'Shoulder Complaints' and 'Neck and Upper Back Complaints' (DOMAIN.md D16), and CM17-0004039 paraphrases the same low back wording under 'Neck and Upper Back Complaints'. " +
      'The finding is information by default: the ACOEM chapters state the same imaging criterion in nearly the same words (DOMAIN.md rates D16 information), and the noise budget allows one warning per 20 published letters.',
    bad: 'MAXIMUS guideline: Decision based on MTUS Shoulder Complaints 2004, Section(s): Special Studies.\n\nDecision rationale: ... unequivocal objective findings that identify specific nerve compromise on the\nneurologic examination are sufficient evidence to warrant imaging in patients who do not respond to\ntreatment and who would consider surgery an option. ...',
    good: 'MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): Special Studies.\n\nDecision rationale: ... unequivocal objective findings that identify specific nerve compromise on the\nneurologic examination are sufficient evidence to warrant imaging in patients who do not respond to\ntreatment and who would consider surgery an option. ...',
    fix: 'Cite the part and section the quotation comes from in the MAXIMUS line, or quote the cited part (for a shoulder MRI, the Shoulder Complaints criteria).',
  },
  check({ catalog, report, analyses }) {
    // An item's matches come together: its MAXIMUS references are listed once for them (none
    // for no paragraph, the start).
    let referencesOf: LabelledParagraph | undefined;
    let references: GuidelineReference[] = [];
    for (const m of analyses.quotationMatches) {
      const q = m.match.quotation;
      if (q.kind !== 'mtus' || q.confidence !== 'confirmed' || !q.partId) continue;
      if (m.match.matched < MIN_MATCHED && !m.match.complete) continue;
      const mx = m.item.maximus;
      if (mx !== referencesOf) references = guidelinesOf(m.item, (referencesOf = mx));
      if (!mx || !references.length || references.some((r) => !r.partId)) continue;
      if (q.alsoIn && references.some((r) => q.alsoIn!.includes(r.partId!))) continue;
      const samePart = references.filter((r) => r.partId === q.partId);
      const part = catalog.partById(q.partId);
      const partName = part?.labels[0] ?? q.partId;
      // Made only for a report (most quotations stand under the part and section the line cites).
      const related = () => [{ range: m.range, message: `The quotation from ${partName}${q.section ? `, ${q.section}` : ''}` }];
      if (!samePart.length) {
        const cited = [...new Set(references.map((r) => catalog.partById(r.partId!)?.labels[0] ?? r.name.text))].join("', '");
        report({
          message: `The rationale quotes '${q.title}' (${partName} ${q.year}${q.section ? `, ${q.section}` : ''}), but the MAXIMUS line cites '${cited}'.`,
          range: references[0].name.range,
          related: related(),
        });
        continue;
      }
      if (!q.section) continue;
      const accepted = [q.section, ...(q.alsoSections ?? [])].map((s) => catalog.section(q.partId!, s)?.name ?? s);
      // Only sections the catalog knows: an unknown or misspelled one is IMR014's report.
      const cited = sectionsOf(samePart).filter((s) => catalog.section(q.partId!, s.text));
      if (!cited.length || samePart.some((r) => r.legacy)) continue;
      const ok = cited.some((s) => accepted.includes(catalog.section(q.partId!, s.text)!.name));
      if (ok) continue;
      report({
        message: `The rationale quotes '${q.title}' (${partName} ${q.year}, ${q.section}), but the MAXIMUS line cites the section(s) '${cited.map((s) => s.text).join("', '")}'.`,
        range: { start: cited[0].range.start, end: cited[cited.length - 1].range.end },
        related: related(),
      });
    }
  },
};

/** The guideline references of a paragraph's MTUS citations, in order: from the item's flat list the parser made (a loop: `flatMap` costs more than the rule's own work). */
function guidelinesOf(item: Item, paragraph: LabelledParagraph | undefined): GuidelineReference[] {
  const references: GuidelineReference[] = [];
  if (!paragraph) return references;
  for (let i = 0; i < item.guidelines.length; i++) if (item.guidelines[i].paragraph === paragraph) references.push(item.guidelines[i].guideline);
  return references;
}

/** The sections of the references, in order. */
function sectionsOf(references: readonly GuidelineReference[]): Span[] {
  const sections: Span[] = [];
  for (let i = 0; i < references.length; i++) {
    const list = references[i].sections;
    for (let k = 0; k < list.length; k++) sections.push(list[k]);
  }
  return sections;
}
