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

describe('configuration schema (schemas/imr-lint.schema.json)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv') as typeof import('ajv').default;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateConfig } = require('../../server/src/service') as typeof import('../../server/src/service');
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'imr-lint.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: false }).compile(schema);
  const samples: unknown[] = [
    { rules: { IMR001: 'warning', 'header-invalid-date': false } },
    { rules: { 'missing-section': true, IMR012: 'off' } },
    { rules: { IMR999: true } },
    { rules: { IMR001: 'loud' } },
    { rulez: {} },
  ];
  for (const sample of samples) {
    it(`agrees with the server's own check on ${JSON.stringify(sample)}`, () => {
      assert.strictEqual(validate(sample), validateConfig(sample, 'test').errors.length === 0);
    });
  }
  it('is contributed for .imr-lint.json files', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    assert.deepStrictEqual(manifest.contributes.jsonValidation, [{ fileMatch: '.imr-lint.json', url: './schemas/imr-lint.schema.json' }]);
  });
});
