// The catalog's indexes made at build time (server/src/service/catalog/prebuilt.ts): the source
// of the module that replaces catalog/prebuilt-data.ts in the bundles (scripts/bundle.js) and its
// compiled stand-in in out/ (so that the tests and the in-process tools run the indexes that
// ship). Made with the compiled tree (out/, from `tsc -b`, which `npm run build` runs first) from
// the data files of this build.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const compiled = path.join(root, 'out/server/src/service/catalog');

let stored;
/** The stored indexes of the shipped data, as JSON (made once per build). */
function storedJson() {
  stored ??= JSON.stringify(require(path.join(compiled, 'prebuilt.js')).storedIndexes());
  return stored;
}

/** The module text for the bundles: `PREBUILT`, the stored indexes of the shipped data. */
function prebuiltModule() {
  return `export const PREBUILT = ${storedJson()};\n`;
}

/**
 * Writes the compiled tree's prebuilt-data.js (CommonJS, as tsc emits it) with the stored indexes,
 * read from a JSON file beside it (JSON.parse reads them in half the time of the same literal in
 * a script); files that hold them already are left as they are.
 */
function writeCompiledModule() {
  const write = (name, text) => {
    const file = path.join(compiled, name);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  };
  write('prebuilt-data.json', `${storedJson()}\n`);
  write(
    'prebuilt-data.js',
    '"use strict";\n// Written by scripts/prebuild-catalog.js (npm run build): the catalog\'s indexes of this build\'s data files.\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.PREBUILT = require("./prebuilt-data.json");\n',
  );
}

module.exports = { prebuiltModule, writeCompiledModule };
