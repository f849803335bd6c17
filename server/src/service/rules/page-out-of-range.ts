import type { Rule } from './rule';
import { citationSeverity, editionOf, guidelineReferences, impossiblePage, itemName, paragraphName } from './describe';

export const pageOutOfRange: Rule = {
  id: 'IMR015',
  alias: 'page-out-of-range',
  description: 'A cited page is outside the guideline document',
  severity: 'error',
  tags: ['citations', 'pages', 'catalog'],
  docs: {
    why: 'The 2009 Chronic Pain Medical Treatment Guidelines have 127 pages (effective July 18, 2009). A page outside the document, or a range that runs backwards, is a typing error the reader cannot follow. Pages are checked only for editions whose page count the catalog knows.',
    bad: 'MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 240.',
    good: 'MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 24.',
    fix: 'Correct the page number.',
  },
  check({ model, catalog, report, memo }) {
    for (const { item, paragraph, guideline: g } of memo('guideline-references', () => guidelineReferences(model))) {
      const { part, edition, year } = editionOf(catalog, g);
      if (!part || !edition?.pages) continue;
      for (const page of g.pages) {
        if (!impossiblePage(page, edition)) continue;
        const what = page.from > page.to ? `The page range ${page.text} runs backwards` : `Page ${page.text} is outside the document`;
        report({
          message: `${itemName(item)}, ${paragraphName(paragraph.kind)}: ${what}: the ${part.name} ${year} have ${edition.pages} pages.`,
          range: page.range,
          severity: citationSeverity(paragraph.kind, 'error'),
        });
      }
    }
  },
};
