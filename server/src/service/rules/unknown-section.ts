import type { Fix, Rule } from './rule';
import { citationSeverity, guidelineReferences, itemName, paragraphName } from './describe';

export const unknownSection: Rule = {
  id: 'IMR014',
  alias: 'unknown-section',
  description: 'A cited section is not a section of that guideline part',
  severity: 'warning',
  tags: ['citations', 'catalog'],
  docs: {
    why: "A section the guideline does not have ('Inital Care', or a page number such as '326' written where a section belongs) sends the reader looking for text that is not there. In 170 MAXIMUS lines of the published letters no section was unknown; the four unknown ones were all in Claims Administrator lines (CM17-0002198 'Inital Care', CM17-0020243 'Diagnositc Criteria', CM17-0002106 and CM17-0014800 '326'). Those are reported as information, since that line reproduces what utilization review cited. The catalog lists the section names seen in the letters; a correct section missing from it is a catalog gap to report.",
    bad: 'MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): Inital Care.',
    good: 'MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): Initial Care.',
    fix: 'Correct the section name (the quick fixes offer the closest sections of that part, best first), or cite the part the section belongs to.',
  },
  check({ model, catalog, report, memo }) {
    for (const { item, paragraph, guideline: g } of memo('guideline-references', () => guidelineReferences(model))) {
      const part = g.partId ? catalog.partById(g.partId) : undefined;
      if (!part || part.sections.length === 0 || g.legacy) continue;
      for (const section of g.sections) {
        if (catalog.section(part.id, section.text)) continue;
        const suggestions = catalog.suggestSections(part.id, section.text);
        const fixes: Fix[] = suggestions.map((s, i) => ({ title: `Change to '${s.value.name}'`, edits: [{ range: section.range, newText: s.value.name }], preferred: i === 0 && (suggestions.length === 1 || suggestions[1].distance > s.distance) }));
        const hint = /^\d+$/.test(section.text.trim()) ? ' (a page number where a section name belongs?)' : suggestions.length ? `; did you mean '${suggestions[0].value.name}'?` : '.';
        report({
          message: `${itemName(item)}, ${paragraphName(paragraph.kind)}: '${section.text}' is not a section of ${part.labels[0]}${g.year ? ` ${g.year.value}` : ''}${hint}`,
          range: section.range,
          fixes,
          severity: citationSeverity(paragraph.kind, 'warning'),
        });
      }
    }
  },
};
