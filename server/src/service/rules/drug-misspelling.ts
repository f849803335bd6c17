import type { Rule } from './rule';

function sameCase(word: string, name: string): string {
  if (word === word.toUpperCase()) return name.toUpperCase();
  if (word[0] === word[0].toUpperCase()) return name[0].toUpperCase() + name.slice(1);
  return name.toLowerCase();
}

export const drugMisspelling: Rule = {
  id: 'IMR028',
  alias: 'drug-misspelling',
  description: 'A word looks like a misspelled drug name',
  severity: 'warning',
  tags: ['drugs', 'spelling'],
  scope: 'line',
  docs: {
    why: "A misspelled drug name ('Vallium', 'Ketaprofen') in a medical-legal decision looks careless and can be read as a different drug. A word is reported when it is one letter away from a drug name of the drug vocabulary (server/data/drugs.json: generics, US brands, combination products, compounded topicals, medical foods and kits; two letters for names of nine letters or more; the first letter is never changed), is not itself a word of a drug name (kit and compound brands such as Cyclophene, Ketophene, Synapryn, Terocin are listed), and is not one of the English words that sit that close to a drug name (server/data/english-near-drugs.json, generated from Debian's American English word list and the Hunspell English medical dictionary: 'ability' near Abilify, 'flexion' near Flexilon, 'twice' near TGIce ...). Words the reviewer accepts (configuration 'words') are never reported. When the vocabulary entry of the name is unconfirmed, the finding is information. On the published letters it finds two real misspellings, 'Ketaprofen' (CM16-0247802) and 'methylpredniosone' (CM16-0240518); in the seeds, 'Vallium' (001).",
    bad: 'Vallium 2 mg #30: Upheld',
    good: 'Valium 2 mg #30: Upheld',
    fix: 'Correct the spelling (the quick fix writes the drug name in the same capitalization).',
  },
  check({ model, catalog, report, words }) {
    const lines = model.lines;
    // Each line read where it stands in the text (the view's text in a check: catalog/drugs.ts, misspellingsIn).
    const text = lines.text;
    for (let line = 0; line < lines.lineCount; line++) {
      const length = lines.lineLength(line);
      if (length < 5) continue;
      const start = lines.starts[line];
      for (const hit of catalog.misspellingsIn(text, start, start + length)) {
        if (words.has(hit.word.toLowerCase())) continue;
        const range = { start: { line, character: hit.start }, end: { line, character: hit.start + hit.word.length } };
        const fixed = sameCase(hit.word, hit.name);
        // A rule is only as sure as its data: a name whose entry is unconfirmed informs.
        const severity = hit.drug.confidence === 'confirmed' ? undefined : 'information';
        report({
          message: `'${hit.word}' looks like a misspelling of the drug name '${fixed}'.`,
          range,
          severity,
          fixes: [{ title: `Change to '${fixed}'`, edits: [{ range, newText: fixed }], preferred: true }],
        });
      }
    }
  },
};
