import type { Rule } from './rule';
import type { Catalog, DrugMention } from '../catalog';
import type { LabelledParagraph } from '../parser/model';
import { citationSeverity, itemName, paragraphName } from './describe';
import { editionOf } from '../queries/references';
import { TOPICAL_FORM } from '../parser/vocabulary';

export const sectionTreatmentMismatch: Rule = {
  id: 'IMR019',
  alias: 'section-treatment-mismatch',
  description: "The cited sections are about something other than the item's drug",
  severity: 'warning',
  tags: ['citations', 'drugs', 'catalog'],
  scope: 'item',
  docs: {
    why: "A guideline section about another drug class does not support a decision about this drug. In CM16-0232543 the item is Pepcid (famotidine, an H2 blocker, not a proton pump inhibitor) and the MAXIMUS line cites only 'Proton Pump Inhibitors (PPIs)': this is the one finding in the published letters, and a true one. The check runs only when the item names a drug or product of the drug vocabulary (server/data/drugs.json) that the vocabulary places under at least one MTUS topic (its own or one of its ingredients': Terocin under 'Lidoderm (lidocaine patch)', 'Capsaicin, topical' ...), every cited section is known to the catalog, none of them governs that drug or a drug of its class, none names the drug, one of its ingredients or its class ('Tizanidine (Zanaflex)', 'Opioids, specific drug list' fit whatever the vocabulary lists), and no ACOEM body-part chapter is cited (those cover medications in their own sections). It never reports an error: the catalog's drug-to-topic table is a guide, not the law. In the Claims Administrator line, or when the vocabulary entry is unconfirmed, it is information.",
    bad: 'Pepcid 20mg #30: Upheld\n\nMAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s):\nProton Pump Inhibitors (PPIs).',
    good: 'Pepcid 20mg #30: Upheld\n\nMAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s):\nNSAIDs, GI symptoms & cardiovascular risk.',
    fix: "Cite the section that governs the item's drug (completion inside Section(s): lists it first), or correct the item's treatment if it names the wrong drug.",
  },
  check({ model, catalog, report, analyses }) {
    for (const item of model.items) {
      const drugs = analyses.item(item).treatmentDrugs;
      if (drugs.length === 0) continue;
      // The topics of the product and of its ingredients (Terocin: lidocaine, capsaicin ...).
      // With none, the MTUS has no topic for it and the catalog cannot say a line is wrong.
      const own = topicsOfAll(catalog, drugs);
      if (own.length === 0) continue;
      // What fits is worked out only for a line that cites known sections alone (most lines
      // cite an ACOEM chapter, a medications topic or nothing).
      let fits: ((section: { partId: string; section: string }) => boolean) | undefined;
      // A rule is only as sure as its data: an unconfirmed vocabulary entry informs.
      const sure = drugs.every((d) => d.drug.confidence === 'confirmed');
      for (const paragraph of [item.claimsAdministrator, item.maximus]) {
        const cited = paragraph && citedSections(catalog, paragraph);
        if (!paragraph || !cited || cited.length === 0) continue;
        fits ??= fittingFor(catalog, drugs, own, item.header?.treatment.text ?? '');
        if (cited.some(fits)) continue;
        const drug = drugs[0].drug;
        const governing = catalog.topicsOf(drug).map((t) => (t.section ? `'${t.section}'` : `the ${catalog.partById(t.partId)?.name}`));
        report({
          message: `${itemName(item)}, ${paragraphName(paragraph.kind)}: ${drugs[0].name} is ${/^(?:[aeiou]|H\d|NSAID)/i.test(drug.class) ? 'an' : 'a'} ${drug.class}, but the line cites only ${cited.map((c) => `'${c.section}'`).join(', ')}${governing.length ? `; the catalog places it under ${governing.slice(0, 3).join(', ')}` : ''}.`,
          range: paragraph.label.range,
          severity: citationSeverity(paragraph.kind, sure ? 'warning' : 'information'),
        });
      }
    }
  },
};

/**
 * The topics of every drug of the list, in order (`flatMap` of `topicsOf`, without its cost: most
 * items name one drug, whose topics the catalog keeps; read only, like them).
 */
function topicsOfAll(catalog: Catalog, drugs: readonly DrugMention[]): ReadonlyArray<{ partId: string; section?: string }> {
  if (drugs.length === 1) return catalog.topicsOf(drugs[0].drug);
  const own: Array<{ partId: string; section?: string }> = [];
  for (let k = 0; k < drugs.length; k++) {
    const topics = catalog.topicsOf(drugs[k].drug);
    for (let j = 0; j < topics.length; j++) own.push(topics[j]);
  }
  return own;
}

/**
 * The catalog sections a guideline paragraph cites, or undefined when the line is open: it cites
 * an ACOEM body-part chapter, a part or section the catalog does not know, or a medications topic.
 */
function citedSections(catalog: Catalog, paragraph: LabelledParagraph): Array<{ partId: string; section: string }> | undefined {
  const cited: Array<{ partId: string; section: string }> = [];
  for (const citation of paragraph.citations?.mtus ?? []) {
    for (const g of citation.guidelines) {
      const { part, year } = editionOf(catalog, g);
      if (!part || part.kind === 'body-part') return undefined;
      const names = g.legacy ? (g.topic ? [g.topic.text] : []) : g.sections.map((s) => s.text);
      if (part.kind === 'procedure') cited.push({ partId: part.id, section: part.labels[0] });
      for (const name of names) {
        const entry = catalog.section(part.id, name) ?? (year ? catalog.topic(part.id, year, name) : undefined);
        if (!entry || ('kind' in entry && entry.kind === 'medications')) return undefined;
        cited.push({ partId: part.id, section: entry.name });
      }
    }
  }
  return cited;
}

type Fits = (cited: { partId: string; section: string }) => boolean;

/**
 * `fitting`, remembered by the item's drug list: the drug index gives the same list object for
 * the same treatment text (catalog/drugs.ts, `drugsIn`), and treatments repeat across items and
 * letters. What it depends on besides the list: the catalog (`own` follows from both) and whether
 * the treatment names a topical form. Weak keys: a list no longer held is dropped with its entry.
 */
const fitsByDrugs = new WeakMap<readonly DrugMention[], { catalog: Catalog; plain?: Fits; topical?: Fits }>();

function fittingFor(catalog: Catalog, drugs: readonly DrugMention[], own: ReadonlyArray<{ partId: string; section?: string }>, treatment: string): Fits {
  let known = fitsByDrugs.get(drugs);
  if (!known || known.catalog !== catalog) fitsByDrugs.set(drugs, (known = { catalog }));
  const topical = TOPICAL_FORM.test(treatment);
  if (topical) return (known.topical ??= fitting(catalog, drugs, own, topical));
  return (known.plain ??= fitting(catalog, drugs, own, topical));
}

/** Whether a cited section fits the item's drugs. */
function fitting(catalog: Catalog, drugs: readonly DrugMention[], own: ReadonlyArray<{ partId: string; section?: string }>, topical: boolean): Fits {
  // Any topic of a drug of the same class fits (tramadol under 'Opioids, criteria for use').
  const groups = new Set(drugs.map((d) => d.drug.classGroup));
  const allowed = [...own, ...[...groups].flatMap((g) => catalog.groupTopics(g))];
  if (topical && catalog.topicalTopic) allowed.push(catalog.topicalTopic);
  // A section whose name names the drug, one of its ingredients or its class ('Tizanidine
  // (Zanaflex)', 'Opioids, specific drug list') fits, even when the vocabulary does not list it.
  const words = new Set<string>();
  for (const { drug } of drugs) {
    for (const id of catalog.ingredientsOf(drug)) for (const n of catalog.drugById(id)?.names ?? []) words.add(n.toLowerCase());
    for (const w of catalog.classWordsOf(drug.classGroup)) words.add(w.toLowerCase());
  }
  const namesTheDrug = (section: string) => {
    const text = section.toLowerCase();
    for (const w of words) if (startsWordAt(text, w)) return true;
    return false;
  };
  return (c) => allowed.some((a) => a.partId === c.partId && (a.section === undefined || a.section === c.section)) || namesTheDrug(c.section);
}

/** Whether `word` occurs in `text` where no letter a-z comes right before it (what /(?<![a-z])word/ finds). */
function startsWordAt(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = at > 0 ? text.charCodeAt(at - 1) : 0;
    if (before < 97 || before > 122) return true;
  }
  return false;
}
