import * as assert from 'assert';
import * as path from 'path';
import { repoRoot } from '../util';

// scripts/start.js (npm start) decides how to open the editor; `plan` is its pure decision.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { plan, EDITOR_PACKAGES } = require(path.join(repoRoot, 'scripts', 'start.js')) as {
  plan(f: object): { action: string; packages?: string[]; command?: string };
  EDITOR_PACKAGES: Record<string, string>;
};

const bare = { hasCode: false, forceCodeServer: false, codeServerInstalled: false, missingPackages: ['libkrb5-dev', 'ripgrep'], isRoot: true, hasAptGet: true };

describe('npm start on a bare machine (scripts/start.js)', () => {
  it('uses the desktop `code` when it is there', () => {
    assert.deepStrictEqual(plan({ ...bare, hasCode: true }), { action: 'code' });
    assert.strictEqual(plan({ ...bare, hasCode: true, forceCodeServer: true }).action, 'install');
  });
  it('installs the missing Debian packages itself as root with apt-get, then serves', () => {
    assert.deepStrictEqual(plan(bare), { action: 'install', packages: ['libkrb5-dev', 'ripgrep'] });
  });
  it('otherwise prints the one command to run', () => {
    assert.deepStrictEqual(plan({ ...bare, isRoot: false }), {
      action: 'print',
      packages: ['libkrb5-dev', 'ripgrep'],
      command: 'sudo bash scripts/e2e/prereqs.sh --editor',
    });
    assert.strictEqual(plan({ ...bare, hasAptGet: false }).command, 'bash scripts/e2e/prereqs.sh --editor');
  });
  it('serves directly when code-server or its packages are already there', () => {
    assert.strictEqual(plan({ ...bare, codeServerInstalled: true }).action, 'serve');
    assert.strictEqual(plan({ ...bare, missingPackages: [] }).action, 'serve');
  });
  it('says why each package is needed', () => {
    for (const p of ['libkrb5-dev', 'ripgrep']) assert.ok(EDITOR_PACKAGES[p].length > 10, p);
  });
});
