// The catalog's indexes made at build time (server/src/service/catalog/prebuilt.ts): the source
// of the module that replaces catalog/prebuilt-data.ts in the bundles (scripts/bundle.js). Made
// with the compiled tree (out/, from `tsc -b`, which `npm run build` runs first) from the data
// files of this build.
'use strict';
const path = require('path');

const root = path.resolve(__dirname, '..');

/** The module text: `PREBUILT`, the stored indexes of the shipped data. */
function prebuiltModule() {
  const { storedIndexes } = require(path.join(root, 'out/server/src/service/catalog/prebuilt.js'));
  return `export const PREBUILT = ${JSON.stringify(storedIndexes())};\n`;
}

module.exports = { prebuiltModule };
