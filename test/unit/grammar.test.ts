/**
 * Tests for the TextMate grammar (syntaxes/imr.tmLanguage.json), tokenized with the same
 * engine VS Code uses (vscode-textmate + vscode-oniguruma).
 *
 * Most expectations live inline in test/fixtures/grammar/sample.imr, next to the invented letter
 * lines they check. Format (also described at the top of the fixture):
 *   ## comment
 *   #> "text" scope        every character of the first occurrence of "text" carries scope
 *   #> "text"@2 scope      the same for the 2nd occurrence
 *   #> "text" !scope       no character of that occurrence carries scope
 * An assertion applies to the nearest letter line above it. Comment and assertion lines are
 * dropped; all other lines, blank ones included, are tokenized in order.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { corpusDir, corpusMissingReason, repoRoot } from '../util';

const grammarPath = path.join(repoRoot, 'syntaxes', 'imr.tmLanguage.json');
const fixturePath = path.join(repoRoot, 'test', 'fixtures', 'grammar', 'sample.imr');

/** Every scope the grammar promises (docs/grammar.md lists the same set). */
const PUBLIC_SCOPES = [
  'entity.name.tag.header-label.imr',
  'constant.numeric.date.imr',
  'constant.other.case-number.imr',
  'string.unquoted.header-value.imr',
  'markup.heading.section.imr',
  'entity.name.section.item.imr',
  'keyword.other.decision.upheld.imr',
  'keyword.other.decision.overturned.imr',
  'keyword.other.label.imr',
  'keyword.other.label.claims-administrator.imr',
  'keyword.other.label.maximus.imr',
  'keyword.other.label.decision-rationale.imr',
  'keyword.other.citation.imr',
  'support.constant.citation-kind.mtus.imr',
  'support.constant.citation-kind.non-mtus.imr',
  'entity.name.type.guideline.imr',
  'constant.numeric.year.imr',
  'keyword.other.citation-part.imr',
  'constant.numeric.page.imr',
  'markup.inserted.conclusion.necessary.imr',
  'markup.deleted.conclusion.not-necessary.imr',
  'comment.line.boilerplate.imr',
];

interface Expectation {
  /** 1-based line in the fixture file (for messages). */
  fixtureLine: number;
  /** Index into the tokenized letter lines. */
  textIndex: number;
  text: string;
  occurrence: number;
  scope: string;
  negated: boolean;
}

interface Fixture {
  lines: string[];
  expectations: Expectation[];
}

function parseFixture(source: string): Fixture {
  const lines: string[] = [];
  const expectations: Expectation[] = [];
  source.split(/\r\n|\n/).forEach((raw, i) => {
    if (raw.startsWith('##')) return;
    if (!raw.startsWith('#>')) {
      lines.push(raw);
      return;
    }
    const m = /^#>\s+"((?:[^"\\]|\\.)*)"(?:@(\d+))?\s+(!?)(\S+)\s*$/.exec(raw);
    if (!m) throw new Error(`sample.imr:${i + 1}: malformed assertion: ${raw}`);
    if (lines.length === 0) throw new Error(`sample.imr:${i + 1}: assertion before any letter line`);
    expectations.push({
      fixtureLine: i + 1,
      textIndex: lines.length - 1,
      text: m[1].replace(/\\(.)/g, '$1'),
      occurrence: m[2] ? Number(m[2]) : 1,
      negated: m[3] === '!',
      scope: m[4],
    });
  });
  return { lines, expectations };
}

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

function loadGrammar(): Promise<vsctm.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => (scopeName === 'text.imr' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null),
    });
    const grammar = await registry.loadGrammar('text.imr');
    if (!grammar) throw new Error('grammar text.imr not found');
    return grammar;
  })();
  return grammarPromise;
}

/** Tokenizes lines in order; also reports lines after which the rule stack is not back at the root. */
function tokenizeAll(grammar: vsctm.IGrammar, lines: string[]): { tokens: vsctm.IToken[][]; leaks: number[] } {
  const tokens: vsctm.IToken[][] = [];
  const leaks: number[] = [];
  let state = vsctm.INITIAL;
  lines.forEach((line, i) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    if (state.depth !== 1) leaks.push(i);
    tokens.push(result.tokens);
  });
  return { tokens, leaks };
}

/** Throws an AssertionError when the expectation does not hold. */
function check(line: string, tokens: vsctm.IToken[], e: Expectation): void {
  let start = -1;
  for (let n = 0; n < e.occurrence; n++) {
    start = line.indexOf(e.text, start + 1);
    if (start < 0) throw new Error(`sample.imr:${e.fixtureLine}: "${e.text}"@${e.occurrence} not found in: ${line}`);
  }
  const end = start + e.text.length;
  for (const t of tokens) {
    if (t.endIndex <= start || t.startIndex >= end) continue;
    const has = t.scopes.includes(e.scope);
    if (has === e.negated) {
      const piece = JSON.stringify(line.slice(t.startIndex, t.endIndex));
      assert.fail(`sample.imr:${e.fixtureLine}: ${piece} ${e.negated ? 'must not have' : 'lacks'} ${e.scope}; ` + `scopes: ${t.scopes.join(' ')}`);
    }
  }
}

function scopesOf(tokens: vsctm.IToken[]): Set<string> {
  const all = new Set<string>();
  for (const t of tokens) for (const s of t.scopes) all.add(s);
  return all;
}

const fixture = parseFixture(fs.readFileSync(fixturePath, 'utf8'));

describe('TextMate grammar (text.imr)', function () {
  this.timeout(20000);
  let grammar: vsctm.IGrammar;
  let fixtureTokens: vsctm.IToken[][];
  let fixtureLeaks: number[];

  before(async () => {
    grammar = await loadGrammar();
    ({ tokens: fixtureTokens, leaks: fixtureLeaks } = tokenizeAll(grammar, fixture.lines));
  });

  it('is the grammar package.json contributes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const contributed = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'imr');
    assert.strictEqual(contributed.scopeName, 'text.imr');
    assert.strictEqual(path.resolve(repoRoot, contributed.path), grammarPath);
    assert.strictEqual(JSON.parse(fs.readFileSync(grammarPath, 'utf8')).scopeName, 'text.imr');
  });

  it('documents every scope it can emit in docs/grammar.md', () => {
    const emitted = new Set<string>();
    JSON.stringify(JSON.parse(fs.readFileSync(grammarPath, 'utf8')), (key, value) => {
      if (key === 'name' && typeof value === 'string') value.split(' ').forEach((s) => emitted.add(s));
      return value;
    });
    const docs = fs.readFileSync(path.join(repoRoot, 'docs', 'grammar.md'), 'utf8');
    const missing = [...emitted, ...PUBLIC_SCOPES].filter((s) => s.endsWith('.imr') && !docs.includes('`' + s + '`'));
    assert.deepStrictEqual(missing, []);
  });

  describe('fixture sample.imr', () => {
    it('has positive assertions for every public scope', () => {
      const covered = new Set(fixture.expectations.filter((e) => !e.negated).map((e) => e.scope));
      assert.deepStrictEqual(
        PUBLIC_SCOPES.filter((s) => !covered.has(s)),
        [],
      );
    });

    it('leaves no rule open at the end of any line', () => {
      assert.deepStrictEqual(fixtureLeaks, []);
    });

    for (const e of fixture.expectations) {
      it(`line ${e.fixtureLine}: "${e.text}"${e.occurrence > 1 ? '@' + e.occurrence : ''} ${e.negated ? 'is not' : 'is'} ${e.scope}`, () => {
        check(fixture.lines[e.textIndex], fixtureTokens[e.textIndex], e);
      });
    }
  });

  describe('assertion checker', () => {
    it('fails when an item decision has the wrong scope', () => {
      const line = 'Invented device rental: Upheld';
      const tokens = grammar.tokenizeLine(line, vsctm.INITIAL).tokens;
      const base = { fixtureLine: 0, textIndex: 0, text: 'Upheld', occurrence: 1 };
      check(line, tokens, { ...base, scope: 'keyword.other.decision.upheld.imr', negated: false });
      assert.throws(() => check(line, tokens, { ...base, scope: 'keyword.other.decision.overturned.imr', negated: false }), assert.AssertionError);
      assert.throws(() => check(line, tokens, { ...base, scope: 'keyword.other.decision.upheld.imr', negated: true }), assert.AssertionError);
    });
  });

  describe('robustness', () => {
    it('scopes a header line only up to its end', () => {
      const { tokens, leaks } = tokenizeAll(grammar, ['Case Number:  CM99-0000003', 'Invented prose 01/02/2099 Standard.']);
      assert.deepStrictEqual(leaks, []);
      assert.deepStrictEqual([...scopesOf(tokens[1])], ['text.imr']);
    });

    const long = 1 << 20;
    const cases: Record<string, string> = {
      'one word': 'x'.repeat(long),
      'spaces then a colon': 'x' + ' '.repeat(long) + ':',
      'many colons': 'a: '.repeat(long / 3),
      'a header label and many words': 'Priority: ' + 'Standard '.repeat(long / 9),
      'many page numbers': 'Page(s): ' + '1, '.repeat(long / 3),
      'many negations': 'is not medically '.repeat(long / 17),
      'many guideline names': 'Forearm, Wrist, and Hand Complaints '.repeat(long / 36),
      'an item header': 'x'.repeat(long) + ': Upheld',
    };
    for (const [name, line] of Object.entries(cases)) {
      // No timing here (machines are noisy): a backtracking blow-up shows as the suite's timeout.
      it(`tokenizes a 1 MB line (${name}) to its end`, () => {
        const result = grammar.tokenizeLine(line, vsctm.INITIAL);
        assert.ok(!result.stoppedEarly);
      });
    }
  });

  describe('corpus letters', () => {
    const dir = corpusDir();
    const files = dir
      ? ['letters', 'seeds'].flatMap((sub) =>
          fs
            .readdirSync(path.join(dir, sub))
            .filter((f) => f.endsWith('.txt'))
            .map((f) => path.join(dir, sub, f)),
        )
      : [];

    it('scope three headings, three labels per decision and no open rule in every letter', function () {
      if (!dir) this.skip();
      assert.ok(files.length > 0, corpusMissingReason);
      for (const file of files) {
        const lines = fs.readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
        const { tokens, leaks } = tokenizeAll(grammar, lines);
        const count = (scope: string) => tokens.flat().filter((t) => t.scopes.includes(scope)).length;
        const name = path.basename(file);
        assert.deepStrictEqual(leaks, [], name);
        assert.strictEqual(count('markup.heading.section.imr'), 3, `${name}: headings`);
        const decisions = count('keyword.other.decision.upheld.imr') + count('keyword.other.decision.overturned.imr');
        assert.ok(decisions > 0, `${name}: no decision`);
        for (const label of ['claims-administrator', 'maximus', 'decision-rationale']) {
          assert.strictEqual(count(`keyword.other.label.${label}.imr`), decisions, `${name}: ${label} labels`);
        }
      }
    });
  });
});
