import type { Rule } from './rule';
import { citationSeverity, itemName, paragraphName } from './describe';
import { editionOf, impossiblePage } from '../queries/references';

export const pageOutOfRange: Rule = {
  id: 'IMR015',
  alias: 'page-out-of-range',
  description: 'A cited page is outside the guideline document',
  severity: 'warning',
  tags: ['citations', 'pages', 'catalog'],
  scope: 'item',
  docs: {
    why: "The 2009 Chronic Pain Medical Treatment Guidelines have 127 pages (effective July 18, 2009); the Low Back Complaints chapter of the ACOEM Practice Guidelines (2nd ed., 2004) runs from page 286 to page 326. A page outside the document, or a range that runs backwards, is a typing error the reader cannot follow. Pages are checked only for editions whose page span the catalog knows and confirms, and only as a warning (a rule is only as sure as its data). A number written in a Section(s) list ('Low Back Complaints 2004, Section(s): 309') is read as a page and checked here too.",
    bad: 'MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 240.',
    good: 'MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 24.',
    fix: 'Correct the page number.',
  },
  check({ catalog, report, analyses }) {
    for (const { item, paragraph, guideline: g } of analyses.guidelineReferences) {
      const { part, edition, year } = editionOf(catalog, g);
      if (!part || !edition?.pages || edition.confidence !== 'confirmed') continue;
      for (const page of g.pages) {
        if (!impossiblePage(page, edition)) continue;
        const what = page.from > page.to ? `The page range ${page.text} runs backwards` : `Page ${page.text} is outside the document`;
        const span = edition.firstPage
          ? `the ${part.labels[0]} ${year} chapter runs from page ${edition.firstPage} to page ${edition.pages}`
          : `the ${part.name} ${year} have ${edition.pages} pages`;
        report({
          message: `${itemName(item)}, ${paragraphName(paragraph.kind)}: ${what}: ${span}.`,
          range: page.range,
          severity: citationSeverity(paragraph.kind, 'warning'),
        });
      }
    }
  },
};
