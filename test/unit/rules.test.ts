import * as assert from 'assert';
import * as path from 'path';
import { applyFixes, getLanguageService, RULES } from '../../server/src/service';
import { fixtureFiles, loadFixture } from '../fixtures';
import { repoRoot } from '../util';

const rulesDir = path.join(repoRoot, 'test', 'fixtures', 'rules');
const service = getLanguageService();

let version = 0;
/** Each call is a new document version, so no cached result is reused across texts. */
function lint(text: string, uri: string) {
  return service.validate({ uri, version: ++version, getText: () => text });
}

describe('rule fixtures (expectations written in each fixture)', () => {
  for (const file of fixtureFiles(rulesDir)) {
    const fixture = loadFixture(file);
    it(fixture.name, () => {
      const actual = lint(fixture.text, `file://${file}`).map((p) => `${p.ruleId} ${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`);
      const expected = fixture.expected.map((e) => `${e.rule} ${e.line}:${e.column} ${e.message}`);
      assert.deepStrictEqual(actual, expected);
    });
  }
});

describe('every rule has fixtures that trigger it and fixtures that must not', () => {
  for (const rule of RULES) {
    it(`${rule.id} ${rule.alias}`, () => {
      const files = fixtureFiles(path.join(rulesDir, rule.alias));
      const fixtures = files.map(loadFixture);
      assert.ok(
        fixtures.some((f) => f.expected.some((e) => e.rule === rule.id)),
        `no fixture in test/fixtures/rules/${rule.alias}/ triggers ${rule.id}`,
      );
      assert.ok(
        fixtures.some((f) => !f.expected.some((e) => e.rule === rule.id)),
        `no fixture in test/fixtures/rules/${rule.alias}/ shows a near miss that must stay quiet`,
      );
    });
  }
});

describe('quick fixes converge', () => {
  for (const file of fixtureFiles(rulesDir)) {
    const fixture = loadFixture(file);
    // The fix a user is steered to: the preferred one, or the only one offered.
    const chosen = (fixes: NonNullable<ReturnType<typeof lint>[number]['fixes']>) =>
      fixes.find((f) => f.preferred) ?? (fixes.length === 1 ? fixes[0] : undefined);
    const problems = lint(fixture.text, `file://${file}#probe`).filter((p) => p.fixes && chosen(p.fixes));
    for (const problem of problems) {
      it(`${fixture.name}: ${problem.ruleId} at ${problem.range.start.line + 1}:${problem.range.start.character + 1}`, () => {
        const fix = chosen(problem.fixes!)!;
        const fixed = applyEdits(fixture.text, fix.edits);
        const after = lint(fixed, `file://${file}#fixed`);
        const before = lint(fixture.text, `file://${file}#before`);
        assert.ok(!after.some((p) => p.ruleId === problem.ruleId && p.message === problem.message), 'the problem is still reported after its fix');
        if (fix.needsInput) {
          // A placeholder the reviewer must fill may itself be reported (an unfinished paragraph); nothing else may appear.
          const known = new Set(before.map((p) => `${p.ruleId} ${p.message}`));
          const lines = fixed.split(/\r\n|\r|\n/);
          const inserted = new Set(
            fix.edits.flatMap((e) =>
              e.newText
                .split('\n')
                .map((l) => l.trim())
                .filter(Boolean),
            ),
          );
          const added = after.filter((p) => !known.has(`${p.ruleId} ${p.message}`) && !inserted.has((lines[p.range.start.line] ?? '').trim()));
          assert.deepStrictEqual(
            added.map((p) => `${p.ruleId} ${p.message}`),
            [],
            'the fix added problems outside its placeholder',
          );
        } else {
          assert.ok(after.length < before.length, `the fix should remove a problem without adding one (${before.length} -> ${after.length})`);
        }
      });
    }
  }
});

export function applyEdits(
  text: string,
  edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>,
): string {
  const result = applyFixes(text, edits);
  assert.ok(!result.refused, `the edits were refused (${result.refused})`);
  return result.text;
}
