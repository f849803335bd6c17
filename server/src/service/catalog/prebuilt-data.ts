/**
 * The catalog's indexes as the build made them (prebuilt.ts). This file is a stand-in: nothing is
 * prebuilt, every index is built at run time. `npm run build` replaces it, in the bundles (dist/)
 * and in its compiled output (out/, which the tests run), with the tables made of the data files
 * of that build (scripts/bundle.js, scripts/prebuild-catalog.js); `tsc -b` alone leaves the
 * stand-in (or the tables of an earlier build, used only where they match: prebuilt.ts).
 */
/** The indexes as the bundle stores them: plain data (a JSON literal; prebuilt.ts reads it). */
export interface StoredIndexes {
  format: number;
  spelling: { targets: string; slots: number; arrays: string };
  quotations: { key: string; vocabulary: string; slots: number; arrays: string };
  /**
   * The section keys (section-keys.ts) of each part that has sections, joined by line breaks,
   * their entries and kinds packed; the names and the abbreviations they were made of.
   */
  sections: { abbreviations: string; parts: Array<{ part: string; names: string; keys: string; arrays: string }> };
}

export const PREBUILT: StoredIndexes | undefined = undefined;
