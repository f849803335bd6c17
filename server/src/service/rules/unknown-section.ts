import type { Fix, Rule, Severity } from './rule';
import { citationSeverity, itemName, paragraphName } from './describe';

export const unknownSection: Rule = {
  id: 'IMR014',
  alias: 'unknown-section',
  description: 'A cited section is not a section of that guideline part',
  severity: 'warning',
  tags: ['citations', 'catalog'],
  scope: 'item',
  docs: {
    why: "A section the guideline does not have ('Inital Care' for 'Initial Care') sends the reader looking for text that is not there. The check is only as sure as the catalog's list of the part's sections (server/data/guidelines.json, see docs/catalog.md): where that list is the whole table of contents and confirmed, an unknown name is a warning; where it is partial, the finding is information and says that the catalog may lack the name. It is never an error. Names are matched as a reader matches them: case, spacing, punctuation, (R) and (TM) marks, singular and plural, hyphenation, 'Capsaicin, topical' for 'topical capsaicin', a brand or generic name in parentheses and the usual abbreviations (AEDs, NSAIDs, PPIs, TENS, FCE) do not matter. A number in a Section(s) list is read as a page of the part and checked by page-out-of-range. In the Claims Administrator line every finding is one level lower, since that line reproduces what utilization review cited. True findings in the published letters: CM17-0002198 'Inital Care' and CM17-0020243 'Diagnositc Criteria' (Claims Administrator lines, Low Back Complaints 2004, reported as hints).",
    bad: 'MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): Inital Care.',
    good: 'MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): Initial Care.',
    fix: 'Correct the section name (the quick fixes offer the closest sections of that part, best first), or cite the part the section belongs to. If the name is right and the catalog lacks it, report it so that the catalog can be completed from the guideline.',
  },
  check({ catalog, report, analyses }) {
    for (const { item, paragraph, guideline: g } of analyses.guidelineReferences) {
      const part = g.partId ? catalog.partById(g.partId) : undefined;
      if (!part || part.sections.length === 0 || g.legacy) continue;
      const list = catalog.sectionList(part.id, g.year?.value);
      const sure = list?.completeness === 'complete' && list.confidence === 'confirmed';
      const base: Severity = sure ? 'warning' : 'information';
      for (const section of g.sections) {
        if (catalog.section(part.id, section.text)) continue;
        const suggestions = catalog.suggestSections(part.id, section.text);
        const fixes: Fix[] = suggestions.map((s, i) => ({
          title: `Change to '${s.value.name}'`,
          edits: [{ range: section.range, newText: s.value.name }],
          preferred: i === 0 && (suggestions.length === 1 || suggestions[1].distance > s.distance),
        }));
        const partName = `${part.labels[0]}${g.year ? ` ${g.year.value}` : ''}`;
        const what = sure ? `is not a section of ${partName}` : `is not a section of ${partName} in the catalog`;
        const hint = suggestions.length ? `; did you mean '${suggestions[0].value.name}'?` : '.';
        const caveat = sure ? '' : " The catalog lists only part of this guideline's sections, so the name may be right.";
        report({
          message: `${itemName(item)}, ${paragraphName(paragraph.kind)}: '${section.text}' ${what}${hint}${caveat}`,
          range: section.range,
          fixes,
          severity: citationSeverity(paragraph.kind, base),
        });
      }
    }
  },
};
