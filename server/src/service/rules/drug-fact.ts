import type { Rule, Severity } from './rule';
import type { Catalog, DrugEntry, DrugMention } from '../catalog';
import { itemName } from './describe';
import { mapPacked } from '../arrays';

const WITH_APAP =
  /\b(?:in\s+combination\s+with|combined\s+with|with)\s+(?:acetaminophen|APAP|Tylenol)\b|\bcombination\s+(?:of\s+\w+\s+and|with)\s+(?:acetaminophen|APAP)\b/i;

const COMBINATION_STRENGTH = /\b\d+(?:\.\d+)?\s*(?:mg)?\s*\/\s*\d+(?:\.\d+)?\s*mg\b|\b\d+(?:\.\d+)?\/\d{3}\b/i;

/**
 * Whether a sentence may hold the catalog's class claim (`classClaim`, tried right after a drug's
 * name on a slice of the sentence): the claim searched anywhere in the sentence. A sentence it
 * does not match holds no class claim after any name, so its drugs need not be looked up (on the
 * bench's 2,000 letters 204 of 34,189 sentences match). Left out of the search: the anchor, and
 * the final `s?\b`, which may hold at the end of the slice and not in the sentence; so it matches
 * wherever the claim does. The claim's link ("is a", ", the") is looked for first, on its own: a
 * pattern that starts with no literal tries every position of the sentence, the link's few
 * (6,806 sentences have one). A claim pattern of another form is not narrowed: every sentence is
 * then looked up, as before.
 *
 * The link and the rest of the claim are one expression (`LINK`, then the claim after its link):
 * the claim's optional parenthesis before the link does not change whether it is found somewhere
 * (a match with it holds one without it, further on), nor does a run of white space before "is"
 * (its last character is one), so this finds a claim exactly where the claim searched anywhere
 * does (test/unit/drug-fact.test.ts compares them on random texts); and it reads a sentence with
 * no link once, as the link alone did, instead of the link's test and then the whole claim's.
 */
export function mayClaimClass(claim: RegExp): (sentence: string) => boolean {
  let test = claimTests.get(claim);
  if (!test) {
    const source = claim.source;
    const flags = claim.flags.replace(/[gy]/g, '');
    if (!source.startsWith('^') || !source.endsWith(CLAIM_END)) test = () => true;
    else {
      const anywhere = new RegExp(
        source.startsWith(CLAIM_START) ? LINK + source.slice(CLAIM_START.length, -CLAIM_END.length) : source.slice(1, -CLAIM_END.length),
        flags,
      );
      test = (sentence) => anywhere.test(sentence);
    }
    claimTests.set(claim, test);
  }
  return test;
}
const CLAIM_END = 's?\\b';
/** How the claim opens: "^", a parenthesis after the name (optional), the link ("is a", ", the"). */
const CLAIM_START = '^(?:\\s*\\([^)]{0,60}\\))?(?:\\s+(?:is|are|was)|,)\\s+(?:a|an|the)\\s+';
/** The claim's link as searched anywhere: its last white space before "is" (or its comma), then the article and the white space after it. */
const LINK = '(?:\\s(?:is|are|was)|,)\\s+(?:a|an|the)\\s+';
const claimTests = new WeakMap<RegExp, (sentence: string) => boolean>();

function hasApap(catalog: Catalog, drug: DrugEntry): boolean {
  return catalog.ingredientsOf(drug).has('acetaminophen');
}

/** A rule is only as sure as its data: an unconfirmed vocabulary entry informs. */
function severity(drug: DrugEntry): Severity | undefined {
  return drug.confidence === 'confirmed' ? undefined : 'information';
}

export const drugFact: Rule = {
  id: 'IMR024',
  alias: 'drug-fact',
  description: 'The rationale states a fact about a drug that the drug table disproves (a combination, a class)',
  severity: 'warning',
  tags: ['drugs', 'consistency'],
  scope: 'item',
  docs: {
    why: "Norco, Vicodin and Percocet contain acetaminophen; plain oxycodone and tramadol (Ultram) do not (Ultracet does). The drug vocabulary (server/data/drugs.json) lists every combination product with its ingredients. A rationale that describes the item's single-agent drug as 'an opioid analgesic in combination with acetaminophen' (seed letter 003, Oxycodone 20mg) misstates what was prescribed. Likewise a drug given the wrong class ('Pepcid, a proton pump inhibitor': famotidine is an H2 blocker) applies the wrong guideline. Only what the drug table proves is reported: for a combination claim, the item's drug has no acetaminophen and the item line gives no two-part strength ('Oxycodone 10/325mg' is a combination as prescribed), the sentence names it, and no drug in the sentence contains acetaminophen; for a class claim, the sentence says '<drug> is a/an ... <class>' or '<drug>, a/an ... <class>', and the vocabulary puts the drug (or, for a combination, compound or kit, every one of its ingredients) in another class, allowing the other classes the MTUS itself gives a drug class (it calls benzodiazepines muscle relaxants and anticonvulsants). When the vocabulary entry is unconfirmed, the finding is information. On the published letters it reports nothing.",
    bad: 'Oxycodone 20mg #120: Upheld\n...\nDecision rationale: Oxycodone is an opioid analgesic in combination with acetaminophen. ...',
    good: 'Oxycodone 20mg #120: Upheld\n...\nDecision rationale: Oxycodone is a single-agent opioid analgesic. ...',
    fix: 'Describe the drug as prescribed and by its class; if the prescription really is a combination product (Percocet), correct the item line.',
  },
  check({ model, catalog, report, analyses }) {
    const classPattern = catalog.classClaim;
    const mayClaim = mayClaimClass(classPattern);
    for (const item of model.items) {
      const itemAnalyses = analyses.item(item);
      const treatmentDrugs = itemAnalyses.treatmentDrugs;
      // The drugs of each sentence, read only when a sentence may hold a claim (most hold none).
      let sentenceDrugs: ReadonlyArray<readonly DrugMention[]> | undefined;
      // The item's drug when it names one only.
      const own = treatmentDrugs.length === 1 ? treatmentDrugs[0].drug : undefined;
      const sentences = item.rationale?.sentences ?? [];
      // A two-part strength on the item line ('Oxycodone 10/325mg') is a combination as prescribed.
      const singleAgent = !!own && !hasApap(catalog, own) && !COMBINATION_STRENGTH.test(item.header?.treatment.text ?? '');
      for (let k = 0; k < sentences.length; k++) {
        const sentence = sentences[k];
        const combination = singleAgent && WITH_APAP.test(sentence.text);
        if (!combination && !mayClaim(sentence.text)) continue;
        const named = (sentenceDrugs ??= itemAnalyses.sentenceDrugs)[k];
        // Class claims: "<drug> is a <class>", "<drug>, a <class>". A product may be called by
        // the class of any of its ingredients (Theraprofen: ibuprofen with a medical food).
        for (const { drug, name, index } of named) {
          const m = classPattern.exec(sentence.text.slice(index + name.length, index + name.length + 120));
          const claimed = m ? catalog.classGroupOf(m[2]) : undefined;
          if (!m || !claimed) continue;
          const groups = mapPacked([...catalog.ingredientsOf(drug)], (id) => catalog.drugById(id)?.classGroup).filter((g): g is string => !!g);
          if (groups.some((g) => catalog.classMayBeCalled(g, claimed))) continue;
          report({
            message: `${itemName(item)}: the rationale calls ${name} ${/^[aeiou]/i.test(m[2]) ? 'an' : 'a'} ${m[2]}, but it is ${/^(?:[aeiou]|H\d|NSAID)/i.test(drug.class) ? 'an' : 'a'} ${drug.class}.`,
            range: sentence.range,
            severity: severity(drug),
          });
        }
        // Combination claims about the item's single-agent drug.
        if (!combination || !own) continue;
        const mention = named.find((d) => d.drug.id === own.id);
        // A combination product named in the same sentence (Percocet) explains the claim.
        if (!mention || named.some((d) => d.drug.id !== 'acetaminophen' && hasApap(catalog, d.drug))) continue;
        report({
          message: `${itemName(item)}: ${mention.name} is a single-agent ${own.class}; it is not a combination with acetaminophen.`,
          range: sentence.range,
          severity: severity(own),
        });
      }
    }
  },
};
