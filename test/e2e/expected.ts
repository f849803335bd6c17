// What the language server reports on examples/defective-letter.imr (checked against
// `node bin/imr-lint.js --format json examples/defective-letter.imr`). 0-based, like LSP.
// If the example letter changes, update this table (the Neovim part compares with the CLI live).
export interface Expected {
  code: string;
  range: [number, number, number, number];
  message: string;
}

export const DEFECTIVE: Expected[] = [
  { code: 'IMR011', range: [2, 22, 2, 32], message: "The header's 'Decision Date:' value '02/30/2017' is not a valid date (MM/DD/YYYY)." },
  { code: 'IMR001', range: [20, 32, 20, 52], message: "The heading 'CLINICAL CASE SUMARY' is misspelled: it should read 'CLINICAL CASE SUMMARY'." },
  { code: 'IMR005', range: [34, 26, 34, 34], message: "Item 1 'Cyclobenzaprine 10mg #90': 'Overturn' is not a decision; write 'Upheld' or 'Overturned'." },
  { code: 'IMR006', range: [47, 0, 47, 37], message: "Item 2 'Chiropractic care, 8 sessions' has no 'MAXIMUS guideline:' paragraph." },
  { code: 'IMR009', range: [64, 0, 64, 19], message: "Item 3 'Home interferential unit': the 'Decision rationale:' paragraph is empty." },
];

/** Rule ids and their aliases used by the settings test. */
export const DATE_RULE = { id: 'IMR011', alias: 'header-invalid-date' };
