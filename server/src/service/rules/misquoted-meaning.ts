import type { Rule } from './rule';
import type { QuoteEdit } from '../catalog/quotations';
import { describeEdit, followsClosely, quotationName, repairTitle } from './quotation-support';

/**
 * A standard quotation reproduced with its meaning changed: a negation added or lost
 * ("recommended" for "not recommended"), a number changed ("2 weeks" for "4 weeks"), or a word
 * replaced by its opposite ("passive" for "active", "exceeds" for "meets"; the pairs are data in
 * server/data/quotations.json). Only wording the catalog marks confirmed; other differences are IMR031's.
 */
const WHAT: Record<NonNullable<QuoteEdit['meaning']>, string> = {
  negation: 'a changed negation',
  number: 'a changed number',
  antonym: 'a word changed to its opposite',
};

export const misquotedMeaning: Rule = {
  id: 'IMR030',
  alias: 'misquoted-meaning',
  description: 'A standard quotation is reproduced with a negation, a number or a word changed to its opposite',
  severity: 'warning',
  tags: ['quotations', 'mtus'],
  scope: 'item',
  docs: {
    why:
      "Rationales quote the MTUS to state the law the decision applies. A lost 'not', a changed number ('2 weeks' for '4 weeks') or a word turned into its opposite ('passive' for 'active', 'exceeds' for 'meets', 'second-line' for 'first-line') makes the letter apply a rule the guideline does not contain, and the parties read the letter as the Administrative Director's determination. " +
      'The check compares the rationale with the standard quotations in server/data/quotations.json (see docs/quotations.md) word by word, tolerating line wraps, hyphenation at line ends, curly quotes, an omitted leading clause, an ellipsis and "[sic]". The opposite words are a table in that file (`antonyms`: active/passive, acute/chronic, short-term/long-term, first-line/second-line, increase/decrease, before/after, exceeds/meets and more); beside a word of degree ("less clear" for "unclear") a change is a paraphrase, not an opposite. ' +
      'Only catalog wording marked confirmed is used, in a passage in quotation marks or one that follows the source closely (12 matching words, or the whole of a short quotation; a word changed one for one counts as matching). A negation the quotation opens with ("Not recommended ...") must be there too. The finding is placed on the changed word, also when other words around it differ. ' +
      'Measured on the 97 published letters and the 5 seeds: no report (no letter changes a negation, a number or a listed opposite of a standard quotation). In copies of them: one word of the passage replaced by its opposite in each of the 39 letters that follow a confirmed quotation closely, found at the changed word in 38 (97.4%; the miss is a paraphrase that no longer follows the source once the word is changed); a number changed in the 12 letters whose passage has one, 12 found; a "not" dropped or a number changed (37 injections), every change found at the changed word.',
    bad: 'Decision rationale: The MTUS state "benzodiazepines are recommended for long-term use because\nlong-term efficacy is unproven and there is a risk of dependence. Most guidelines limit use to 2 weeks."',
    good: 'Decision rationale: The MTUS state "benzodiazepines are not recommended for long-term use because\nlong-term efficacy is unproven and there is a risk of dependence. Most guidelines limit use to 4 weeks."',
    fix: 'Restore the source wording: the quick fix puts back the exact words of the quotation. If you meant to disagree with the guideline, say so in your own words outside the quotation.',
  },
  check({ catalog, report, analyses }) {
    for (const m of analyses.quotationMatches) {
      if (m.match.quotation.confidence !== 'confirmed' || !followsClosely(m.match)) continue;
      const text = m.item.rationale!.content.text;
      for (const edit of m.edits) {
        if (!edit.meaning) continue;
        report({
          message: `${quotationName(m.match, catalog)} quoted with ${WHAT[edit.meaning]}: ${describeEdit(edit, text)}.`,
          range: edit.range,
          fixes: [{ title: repairTitle(edit), edits: [{ range: edit.repairRange, newText: edit.repair.insert }], preferred: true }],
        });
      }
    }
  },
};
