import type { Range } from 'vscode-languageserver-types';
import type { Rule } from './rule';
import { itemName, paragraphName } from './describe';
import { editionOf, impossiblePage } from '../queries/references';
import { normalizeName } from '../catalog';

export const inconsistentCitation: Rule = {
  id: 'IMR017',
  alias: 'inconsistent-citation',
  description: 'The same topic is cited with different pages within one letter',
  severity: 'warning',
  tags: ['citations', 'pages', 'consistency'],
  docs: {
    why: 'When one letter cites muscle relaxants as page 47 and later as page 97 (seed letter 004, which also cites Medications for Chronic Pain as page 94 in one item and pages 94, 110 in the next), at least one of them is wrong, and the reader cannot tell which. Page lists that overlap (page 94 in one item, pages 94 and 110 in the next) add a page rather than contradict each other: that is reported as information. Topic names are matched with their catalog aliases ("Muscle relaxants" and "Muscle relaxers" are one topic). Where the catalog confirms the pages of a topic (Benzodiazepines, page 24), page-mismatch reports each wrong page instead, so a single fix never leaves a new inconsistency behind.',
    bad: 'Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Muscle Relaxants Page(s): 47.\n\nMAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Muscle relaxers Page(s): 97.',
    good: 'Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Muscle Relaxants Page(s): 63-66.\n\nMAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Muscle relaxers Page(s): 63-66.',
    fix: 'Cite the same, correct pages each time the topic is cited (the related information points at the other citation).',
  },
  check({ catalog, report, analyses }) {
    const seen = new Map<string, { pages: string; range: Range; where: string }>();
    for (const { item, paragraph, guideline: g } of analyses.guidelineReferences) {
      if (g.pages.length === 0) continue;
      const { part, year, edition } = editionOf(catalog, g);
      const name = g.topic?.text ?? g.sections[0]?.text;
      if (!part || !year || !name || g.pages.some((p) => impossiblePage(p, edition))) continue;
      const topic = catalog.topic(part.id, year, name);
      // Where the catalog confirms the topic's pages, page-mismatch names the wrong one instead.
      if (topic?.confidence === 'confirmed') continue;
      const key = `${part.id}/${year}/${topic ? topic.name : normalizeName(name)}`;
      const pages = g.pages.map((p) => `${p.from}-${p.to}`).join(',');
      const range = { start: g.pages[0].range.start, end: g.pages[g.pages.length - 1].range.end };
      const where = () => `${itemName(item)}, ${paragraphName(paragraph.kind)}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { pages, range, where: where() });
        continue;
      }
      if (first.pages === pages) continue;
      // Pages that overlap (94 here, 94 and 110 there) add a page rather than contradict: information.
      const overlap = g.pages.some((p) => first.pages.split(',').some((r) => p.from <= Number(r.split('-')[1]) && p.to >= Number(r.split('-')[0])));
      const text = (r: string) =>
        r
          .split(',')
          .map((p) => (p.split('-')[0] === p.split('-')[1] ? p.split('-')[0] : p))
          .join(', ');
      report({
        message: `${where()}: ${topic?.name ?? name} is cited as page ${text(pages)} here but as page ${text(first.pages)} in ${first.where}.`,
        range,
        related: [{ range: first.range, message: `${topic?.name ?? name} cited as page ${text(first.pages)}.` }],
        severity: overlap ? 'information' : undefined,
      });
    }
  },
};
