/**
 * The catalog's indexes as the build made them (prebuilt.ts). This file is the stand-in the
 * compiled tree (out/, the tests) uses: nothing is prebuilt, every index is built at run time.
 * scripts/bundle.js replaces it in the bundles (dist/) with the tables made of the data
 * files of that build (scripts/prebuild-catalog.js).
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
