import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/service';
import { repoRoot } from '../util';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { render } = require(path.join(repoRoot, 'scripts', 'gen-docs.js')) as { render(): Map<string, string> };

describe('rule docs', () => {
  it('are generated from the rule metadata and up to date (npm run docs)', () => {
    for (const [file, text] of render()) {
      assert.ok(fs.existsSync(file), `${path.relative(repoRoot, file)} is missing: run npm run docs`);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), text, `${path.relative(repoRoot, file)} is out of date: run npm run docs`);
    }
  });
  it('have stable, unique ids and aliases', () => {
    const ids = RULES.map((r) => r.id);
    const aliases = RULES.map((r) => r.alias);
    assert.strictEqual(new Set(ids).size, ids.length);
    assert.strictEqual(new Set(aliases).size, aliases.length);
    assert.ok(ids.every((id) => /^IMR\d{3}$/.test(id)));
    assert.ok(aliases.every((a) => /^[a-z]+(-[a-z]+)*$/.test(a)));
  });
  it('are linked from the README rule list', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    for (const rule of RULES) assert.ok(readme.includes(`docs/rules/${rule.alias}.md`), `README links ${rule.alias}`);
  });
});
