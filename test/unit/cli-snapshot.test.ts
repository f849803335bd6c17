import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../server/src/cli';
import { repoRoot } from '../util';

/**
 * The CLI's JSON output on our own fictitious letters (examples/, the parser and rule fixtures) is a
 * contract: a refactoring of the engine must not change one byte of it. When a change of a rule
 * is meant to change it, regenerate with `IMR_UPDATE_SNAPSHOT=1 npm test` and read the diff.
 */
const snapshot = path.join(repoRoot, 'test', 'snapshots', 'cli-fixtures.json');
const inputs = ['examples', path.join('test', 'fixtures', 'parser'), path.join('test', 'fixtures', 'rules')];

describe('CLI output snapshot (our fixture letters)', () => {
  it('is unchanged (IMR_UPDATE_SNAPSHOT=1 rewrites it)', () => {
    const out: string[] = [];
    const previous = process.cwd();
    process.chdir(repoRoot);
    try {
      main(
        ['--format', 'json', ...inputs],
        (s) => out.push(s),
        () => undefined,
      );
    } finally {
      process.chdir(previous);
    }
    const text = out.join('\n') + '\n';
    if (process.env.IMR_UPDATE_SNAPSHOT) fs.writeFileSync(snapshot, text);
    assert.ok(fs.existsSync(snapshot), 'no snapshot yet: run IMR_UPDATE_SNAPSHOT=1 npm test');
    assert.strictEqual(text, fs.readFileSync(snapshot, 'utf8'));
  });
});
