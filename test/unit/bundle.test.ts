/**
 * The shipped bundles (dist/) are ASCII. V8 keeps a script's source for the life of the process,
 * as one byte a character only when every character fits in one byte: one "™" in a raw template
 * (which the bundler cannot escape) made the server hold its 1.2 MB source as 2.4 MB.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const dist = path.resolve(__dirname, '..', '..', '..', 'dist');

describe('bundles', () => {
  for (const name of ['server.js', 'server-main.js', 'cli.js', 'cli-worker.js', 'cli-start.js', 'cli-worker-start.js']) {
    it(`dist/${name} holds ASCII only`, function () {
      const file = path.join(dist, name);
      if (!fs.existsSync(file)) this.skip();
      const bytes = fs.readFileSync(file);
      const at = bytes.findIndex((b) => b > 0x7f);
      assert.strictEqual(at, -1, `a byte above 0x7F at offset ${at}: write the character as an escape (\\uXXXX) in the source`);
    });
  }
});
