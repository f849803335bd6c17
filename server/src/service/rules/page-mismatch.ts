import type { Rule } from './rule';
import { citationSeverity, itemName, paragraphName } from './describe';
import { editionOf, impossiblePage } from '../queries/references';

export const pageMismatch: Rule = {
  id: 'IMR016',
  alias: 'page-mismatch',
  description: 'A cited page is not where the catalog places the cited topic',
  severity: 'warning',
  tags: ['citations', 'pages', 'catalog'],
  scope: 'item',
  docs: {
    why: 'Seed letter 004 cites Benzodiazepines as page 23 in one line and page 54 in the next; the topic is on page 24 of the 2009 guidelines. A wrong page points the reader at other text. Only page facts the catalog marks confirmed are checked (today: Benzodiazepines, page 24), and only as a warning: the 2009 and 2016 editions are paginated differently, and page facts are keyed by edition.',
    bad: 'Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 23.',
    good: 'Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 24.',
    fix: 'Cite the page the topic is on (the quick fix writes it), or check that the topic named is the one meant.',
  },
  check({ catalog, report, analyses }) {
    for (const { item, paragraph, guideline: g } of analyses.guidelineReferences) {
      const { part, year, edition } = editionOf(catalog, g);
      if (!part || !year || g.pages.length === 0) continue;
      const names = [g.topic?.text, ...g.sections.map((s) => s.text)].filter((n): n is string => !!n);
      const topic = names.map((n) => catalog.topic(part.id, year, n)).find((t) => t);
      if (!topic || topic.confidence !== 'confirmed') continue;
      const where = topic.pages.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ');
      for (const page of g.pages) {
        if (impossiblePage(page, edition) || topic.pages.some(([a, b]) => page.from <= b && page.to >= a)) continue;
        report({
          message: `${itemName(item)}, ${paragraphName(paragraph.kind)}: ${topic.name} is on page ${where} of the ${part.name} ${year}, not page ${page.text}.`,
          range: page.range,
          fixes:
            topic.pages.length === 1 ? [{ title: `Change the page to ${where}`, edits: [{ range: page.range, newText: where }], preferred: true }] : undefined,
          severity: citationSeverity(paragraph.kind, 'warning'),
        });
      }
    }
  },
};
