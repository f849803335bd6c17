import type { Fix, Rule } from './rule';
import { citationSeverity, itemName, paragraphName } from './describe';
import { editionOf } from '../queries/references';

export const unknownGuideline: Rule = {
  id: 'IMR013',
  alias: 'unknown-guideline',
  description: 'An MTUS citation names a guideline part or an edition year the MTUS does not have',
  severity: 'error',
  tags: ['citations', 'catalog'],
  scope: 'item',
  docs: {
    why: "A citation to a guideline that does not exist ('Chronic Pain Medical Treatments 2016') or to an edition that part never had ('Chronic Pain Medical Treatment 2011') cannot support the decision, and is the first thing a challenge points at. The parts and editions are those of 8 CCR 9792.22-9792.24.4 (see server/data/guidelines.json). In the Claims Administrator line the finding is a warning: that line reproduces what utilization review cited. For a part whose editions the catalog has not confirmed (Stress Related Conditions, Eye) a wrong or missing year is only information.",
    bad: 'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2011, Section(s):\nMuscle relaxants (for pain).',
    good: 'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s):\nMuscle relaxants (for pain).',
    fix: 'Use the guideline name and year exactly as the MTUS lists them (completion after "Decision based on MTUS " offers them). The quick fix offers the closest name or the editions the part has.',
  },
  check({ catalog, report, analyses }) {
    for (const { item, paragraph, guideline: g } of analyses.guidelineReferences) {
      if (g.legacy) continue;
      const { part } = editionOf(catalog, g);
      // Most citations name a part and one of its editions: nothing is made for them.
      if (part && g.year && part.editions.some((e) => e.year === g.year!.value)) continue;
      const where = () => `${itemName(item)}, ${paragraphName(paragraph.kind)}`;
      const severity = citationSeverity(paragraph.kind, 'error');
      if (!part) {
        const suggestions = catalog.suggestLabels(g.name.text);
        const best = suggestions.filter((s) => s.distance === suggestions[0]?.distance);
        const fixes: Fix[] = suggestions.slice(0, 3).map((s) => ({
          title: `Change to '${s.value.label}'`,
          edits: [{ range: g.name.range, newText: s.value.label }],
          preferred: best.length === 1 && s === best[0],
        }));
        const hint = suggestions.length
          ? ` Did you mean '${suggestions[0].value.label}'?`
          : ' The MTUS parts are the ACOEM chapters (e.g. Low Back Complaints 2004), the Chronic Pain Medical Treatment, Opioid Treatment, Acupuncture Treatment and Postsurgical Treatment guidelines.';
        report({ message: `${where()}: '${g.name.text || '(no name)'}' is not an MTUS guideline part.${hint}`, range: g.name.range, fixes, severity });
        continue;
      }
      const years = part.editions.map((e) => e.year);
      // A rule is only as sure as its data: editions nobody confirmed never raise more than information.
      const yearSeverity = part.editions.every((e) => e.confidence === 'confirmed') ? severity : citationSeverity(paragraph.kind, 'information');
      if (!g.year) {
        const fixes: Fix[] = years.map((y) => ({
          title: `Add the year ${y}`,
          edits: [{ range: { start: g.name.range.end, end: g.name.range.end }, newText: ` ${y}` }],
          preferred: years.length === 1,
        }));
        report({
          message: `${where()}: '${g.name.text}' has no edition year; write '${part.labels[0]} ${years.join("' or '" + part.labels[0] + ' ')}'.`,
          range: g.name.range,
          fixes,
          severity: yearSeverity,
        });
        continue;
      }
      if (!years.includes(g.year.value)) {
        const year = g.year;
        const fixes: Fix[] = years.map((y) => ({
          title: `Change the year to ${y}`,
          edits: [{ range: year.range, newText: String(y) }],
          preferred: years.length === 1,
        }));
        report({
          message: `${where()}: ${part.labels[0]} has no ${year.value} edition (the MTUS has ${years.join(' and ')}).`,
          range: year.range,
          fixes,
          severity: yearSeverity,
        });
      }
    }
  },
};
