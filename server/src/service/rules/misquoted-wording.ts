import type { Rule } from './rule';
import { describeEdit, followsClosely, quotationName, repairTitle } from './quotation-support';

/** Words an unquoted passage must share with the source before its differences count. */
const MIN_UNQUOTED = 16;
/** An unquoted passage with more than one difference per this many matching words is a paraphrase. */
const WORDS_PER_DIFFERENCE = 8;

/**
 * A standard quotation reproduced with words changed, dropped or added (other than a negation
 * or a number in confirmed wording, which IMR030 reports as a warning).
 */
export const misquotedWording: Rule = {
  id: 'IMR031',
  alias: 'misquoted-wording',
  description: 'A standard quotation is reproduced with words changed, dropped or added',
  severity: 'information',
  tags: ['quotations', 'mtus'],
  scope: 'item',
  docs: {
    why:
      "A quotation presents the guideline's words as the guideline's: an added drug name, a dropped clause or a changed word turns the reviewer's reading into a misquotation of the law. " +
      "The check compares each rationale with the standard quotations in server/data/quotations.json (docs/quotations.md), word by word, and reports only short differences (up to 4 words) surrounded by matching text; longer differences are the reviewer's own words. " +
      'It tolerates line wraps, hyphenation at line ends, curly quotes, case, punctuation, reference lists such as "(Homik, 2004)", an omitted leading clause, an ellipsis ("..."), "[sic]", number words ("three" for "3"), ranges ("2-3", "2 to 3"), and the accepted variants listed with each quotation (for example "Indiscriminant"/"Indiscriminate"). ' +
      'A passage in quotation marks is always compared; one without them only when it follows the source closely (16 matching words or more, and at most one difference per 8 matching words), so that paraphrases stay quiet. ' +
      'When the catalog wording itself is unconfirmed (docs/quotations.md), a difference is reported as a hint only, and the message says so. ' +
      'Measured on the 97 published letters and the 5 seeds, every hit read: 10 information reports, all true differences from the source: seed 004 inserts "(Alprazolam)" into the benzodiazepine quotation (DOMAIN.md D5); ' +
      'the low back imaging criteria quoted with "who" left out (CM16-0213037 twice, CM16-0234464, CM17-0008241) and "in the neurological" for "on the neurologic" (CM17-0003284); ' +
      'the imaging criteria list with "in" left out and "a surgical" for "an invasive" procedure (CM16-0242302); "until after" for "unless" (CM17-0002106); "to alleviate" for "and can alleviate" (CM16-0232543). ' +
      'Besides these, 24 hints on unconfirmed wording (topical analgesics, electrodiagnostic testing, the visit table, NSAIDs): paraphrases of text whose exact source wording is not confirmed here. No published letter changes a negation or a number.',
    bad: 'Decision rationale: The MTUS state "benzodiazepines (Alprazolam) are not recommended for long-term use\nbecause long-term efficacy is unproven and there is a risk of dependence."',
    good: 'Decision rationale: The MTUS state "benzodiazepines are not recommended for long-term use\nbecause long-term efficacy is unproven and there is a risk of dependence."',
    fix: 'Restore the source wording with the quick fix, or take the text out of quotation and say it in your own words.',
  },
  check({ catalog, report, analyses }) {
    for (const m of analyses.quotationMatches) {
      const confirmed = m.match.quotation.confidence === 'confirmed';
      const text = m.item.rationale!.content.text;
      const edits = m.edits.filter((e) => !(e.meaning && confirmed && followsClosely(m.match)));
      // A passage in quotation marks is a quotation; otherwise it must follow the source closely
      // (a long run with few differences), or it is the reviewer's paraphrase.
      if (!m.match.quoted && (m.match.matched < MIN_UNQUOTED || m.match.matched < WORDS_PER_DIFFERENCE * edits.length)) continue;
      for (const edit of edits) {
        report({
          severity: confirmed ? undefined : 'hint',
          message: `${quotationName(m.match, catalog)} quoted with different wording: ${describeEdit(edit, text)}${confirmed ? '' : ' (the catalog wording is unconfirmed)'}.`,
          range: edit.range,
          fixes: [{ title: repairTitle(edit), edits: [{ range: edit.repairRange, newText: edit.repair.insert }], preferred: true }],
        });
      }
    }
  },
};
