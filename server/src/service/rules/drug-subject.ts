import type { Rule, Severity } from './rule';
import { itemName } from './describe';
import type { DrugEntry, DrugMention } from '../catalog';

/** The subject of a concluding sentence: "the request for X is ..." or "X is (not) medically ...". */
const REQUEST_FOR = /\b(?:request(?:ed)?|prescription|decision)\s+for\s+(?:the\s+)?(.+?)\s+(?:is|are|was|were)\b/i;
const SUBJECT_IS =
  /(?:^|,\s*)(?:the\s+)?([^,]+?)\s+(?:is|are|was|were)\s+(?:not\s+)?(?:considered\s+|deemed\s+|determined\s+to\s+be\s+|seen\s+as\s+)?(?:not\s+)?medically\b/i;
/** What a rationale calls the original request: "the original request was (for) X", "X was the original request". */
const ORIGINAL_AFTER = /\boriginal\s+request\s*(?:,|:|\s+(?:was|is)\s+(?:for\s+)?|\s+for\s+)(?:the\s+)?(.+?)(?:\s+(?:was|is|were|are)\b|[,;]|\.?\s*$)/i;
const ORIGINAL_BEFORE = /(?:^|[,;]\s*)(?:the\s+)?(?:request\s+for\s+)?(.+?)\s+(?:was|is)\s+the\s+original\s+request\b/i;
/** An opening sentence that defines a drug: "Alprazolam is a benzodiazepine ...". */
const OPENING = /^([A-Z][A-Za-z-]+)(?:\s+\([^)]*\))?\s+(?:is|are)\s+(?:an?|the)\s/;

export const drugSubject: Rule = {
  id: 'IMR023',
  alias: 'drug-subject',
  description: "The rationale's conclusion, opening or original request is about a different drug or product than the item",
  severity: 'warning',
  tags: ['items', 'drugs', 'consistency'],
  scope: 'item',
  docs: {
    why: "A rationale written for another drug or product (copied from another letter or item) decides nothing about this one. Seed letter 003's Valium (diazepam) item opens with 'Alprazolam is a benzodiazepine...'. The check is narrow on purpose: it looks only at the subject of the concluding sentence ('the request for X is not medically necessary', 'X is not medically necessary'), at a sentence that names the original request ('X was the original request', 'the original request was for X') and at an opening sentence that defines a drug ('X is a ...'). It knows every entry of the drug vocabulary (server/data/drugs.json: generics, US brands, combination products, compounded topicals, medical foods and convenience kits): a brand and its own generic, or a product and one of its ingredients (Norco and hydrocodone, Terocin and lidocaine, Synapryn and tramadol), are the same subject; any other pair is a mismatch. Other drugs named elsewhere in a rationale are normal (prior medications, alternatives) and are not reported. When either entry's facts are unconfirmed in the vocabulary, the finding is information. On the published letters it reports only the seed's real defect.",
    bad: 'Valium 10mg #30: Upheld\n...\nDecision rationale: Alprazolam is a benzodiazepine used for anxiety. ...',
    good: 'Valium 10mg #30: Upheld\n...\nDecision rationale: Diazepam (Valium) is a benzodiazepine. ...',
    fix: "Rewrite the sentence about the item's own drug or product, or correct the item's treatment if the rationale is right.",
  },
  check({ model, catalog, report, analyses }) {
    for (const item of model.items) {
      const ownMentions = analyses.item(item).treatmentDrugs;
      const rationale = item.rationale;
      if (ownMentions.length === 0 || !rationale) continue;
      const own = ownMentions.map((d) => d.drug);
      const ownName = ownMentions[0].name;
      const isOwn = (d: DrugEntry) => own.some((o) => catalog.sameDrug(o, d));
      /** The first drug of `subject` text when none of them is the item's own. */
      const other = (subject: string | undefined): DrugMention | undefined => {
        const named = subject ? catalog.drugsIn(subject) : [];
        return named.length > 0 && !named.some((n) => isOwn(n.drug)) ? named[0] : undefined;
      };
      // A rule is only as sure as its data: an unconfirmed vocabulary entry informs.
      const severity = (found: DrugMention): Severity | undefined =>
        [found.drug, ...own].some((d) => d.confidence !== 'confirmed') ? 'information' : undefined;

      const conclusion = rationale.conclusion?.sentence;
      const concluded = conclusion && other(REQUEST_FOR.exec(conclusion.text)?.[1] ?? SUBJECT_IS.exec(conclusion.text)?.[1]);
      if (conclusion && concluded) {
        report({
          message: `${itemName(item)}: the rationale concludes about ${concluded.name}, not about the item's ${ownName}.`,
          range: conclusion.range,
          severity: severity(concluded),
        });
        continue;
      }
      const original = rationale.sentences.find(
        (s) => s !== conclusion && /\boriginal\s+request\b/i.test(s.text) && other(ORIGINAL_AFTER.exec(s.text)?.[1] ?? ORIGINAL_BEFORE.exec(s.text)?.[1]),
      );
      if (original) {
        const found = other(ORIGINAL_AFTER.exec(original.text)?.[1] ?? ORIGINAL_BEFORE.exec(original.text)?.[1])!;
        report({
          message: `${itemName(item)}: the rationale gives ${found.name} as the original request, not the item's ${ownName}.`,
          range: original.range,
          severity: severity(found),
        });
        continue;
      }
      const first = rationale.sentences[0];
      const opening = first ? OPENING.exec(first.text) : null;
      const defined = opening ? other(opening[1]) : undefined;
      if (defined) {
        report({
          message: `${itemName(item)}: the rationale opens on ${defined.name}, not on the item's ${ownName}.`,
          range: first.range,
          severity: severity(defined),
        });
      }
    }
  },
};
