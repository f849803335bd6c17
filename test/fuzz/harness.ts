/**
 * Property-based fuzzing of the whole pipeline (issue 13, Build 6), with fast-check: letters
 * are taken from the repository's own fixtures and examples, or generated, then mutated (byte
 * flips, line insertions and deletions, shuffled and duplicated sections, truncation, surrogate
 * halves, zero-width and RTL marks, NUL, lone CR, U+2028, long words, line-ending changes,
 * repeated lines). For every case:
 *   - no feature throws (validation, hover, completion, definition, symbols, folding, actions);
 *   - every range (problems, related information, fix edits, symbols, folds) lies inside the document;
 *   - the CLI's JSON output parses and lists the file (every `cliEvery`-th case);
 *   - fixes converge: each preferred fix applies with applyFixes and, re-checked, its problem is
 *     gone; all preferred fixes at once (fix-all) apply unless their edits overlap, and every
 *     problem they fix is gone.
 * Used by test/unit/fuzz.test.ts (a few hundred cases) and scripts/fuzz.js (the long run).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { main } from '../../server/src/cli';
import { applyFixes, getLanguageService, type LanguageService, type Problem } from '../../server/src/service';
import { fixtureFiles } from '../fixtures';
import { repoRoot } from '../util';

/** The letters mutated: every fixture letter (text before `--- expect`) and the examples. */
export function baseLetters(): Array<{ name: string; text: string }> {
  const letters: Array<{ name: string; text: string }> = [];
  for (const file of fixtureFiles(path.join(repoRoot, 'test', 'fixtures', 'rules')).concat(fixtureFiles(path.join(repoRoot, 'test', 'fixtures', 'parser')))) {
    const raw = fs.readFileSync(file, 'utf8');
    const at = raw.search(/\r?\n--- expect\r?\n/);
    letters.push({ name: path.relative(repoRoot, file), text: at < 0 ? raw : raw.slice(0, at + 1) });
  }
  for (const name of fs.readdirSync(path.join(repoRoot, 'examples')).sort()) {
    if (/\.(imr|txt)$/.test(name)) letters.push({ name: `examples/${name}`, text: fs.readFileSync(path.join(repoRoot, 'examples', name), 'utf8') });
  }
  return letters;
}

const HEADINGS = ['HOW THE IMR FINAL DETERMINATION WAS MADE', 'CLINICAL CASE SUMMARY', 'IMR ISSUES, DECISIONS AND RATIONALES'];
const isHeading = (line: string) => HEADINGS.includes(line.trim().toUpperCase());

/** Lines a letter is made of, to insert anywhere. */
const LINE_POOL = [
  ...HEADINGS,
  'Tramadol 50mg #60: Upheld',
  'MRI of the lumbar spine: Overturned',
  'Physical therapy x 8: Overturn',
  'Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids.',
  'MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): Special Studies, page 303.',
  'MAXIMUS guideline: Decision based on Non-MTUS Official Disability Guidelines (ODG), Pain Chapter.',
  'Decision rationale: The guidelines do not support it. Therefore, the request is not medically necessary.',
  'Decision rationale:',
  'Case Number:          CM17-0000001',
  'Decision Date:        02/30/2017                      UR Denial Date:      13/45/2016',
  'Date of Injury:      04/22/2014',
  'Section(s): a, a, a, a, a, a, a, a, a, a, and and and',
  '"Not recommended for long-term use" (MTUS p.24).',
  'State(s) of Licensure: California',
  '',
  '   ',
  '\t\t',
];

const SPECIALS = [
  '\ud800',
  '\udc00',
  '\udbff\udfff',
  '\u200b',
  '\u200c',
  '\u200d',
  '\ufeff',
  '\u200f',
  '\u202e',
  '\u2066',
  '\u0000',
  '\r',
  '\u2028',
  '\u2029',
  '\u00a0',
  '\t',
  '\u0301',
  '\ufffd',
  '"',
  '\u201c',
  '(',
  ')',
  ':',
  '/',
  '.',
  ',',
  '#',
  '%',
];

export type Mutation =
  | { op: 'flip'; at: number; char: string }
  | { op: 'insertLine'; at: number; line: string }
  | { op: 'deleteLine'; at: number }
  | { op: 'repeatLine'; at: number; times: number }
  | { op: 'shuffleSections'; seed: number }
  | { op: 'duplicateSection'; at: number }
  | { op: 'truncate'; at: number }
  | { op: 'special'; at: number; char: string }
  | { op: 'longWord'; at: number; length: number; char: string }
  | { op: 'eol'; eol: '\r\n' | '\r' | '\n' };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('flip' as const),
    at: position,
    char: fc.oneof(fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }), fc.constantFrom(...SPECIALS)),
  }),
  fc.record({
    op: fc.constant('insertLine' as const),
    at: position,
    line: fc.oneof(fc.constantFrom(...LINE_POOL), fc.string({ maxLength: 80, unit: 'grapheme' })),
  }),
  fc.record({ op: fc.constant('deleteLine' as const), at: position }),
  fc.record({ op: fc.constant('repeatLine' as const), at: position, times: fc.integer({ min: 2, max: 200 }) }),
  fc.record({ op: fc.constant('shuffleSections' as const), seed: fc.integer() }),
  fc.record({ op: fc.constant('duplicateSection' as const), at: position }),
  fc.record({ op: fc.constant('truncate' as const), at: position }),
  fc.record({ op: fc.constant('special' as const), at: position, char: fc.constantFrom(...SPECIALS) }),
  fc.record({
    op: fc.constant('longWord' as const),
    at: position,
    length: fc.integer({ min: 100, max: 20000 }),
    char: fc.constantFrom('a', '.', ' ', ',', '1', '/', '(', '-', 'x\u0301'),
  }),
  fc.record({ op: fc.constant('eol' as const), eol: fc.constantFrom('\r\n' as const, '\r' as const, '\n' as const) }),
);

const index = (at: number, length: number) => Math.min(length, Math.floor(at * (length + 1)));

export function mutate(text: string, m: Mutation): string {
  switch (m.op) {
    case 'flip': {
      const i = index(m.at, text.length - 1);
      return text.slice(0, i) + m.char + text.slice(i + 1);
    }
    case 'special':
    case 'longWord': {
      const i = index(m.at, text.length);
      const insert = m.op === 'special' ? m.char : m.char.repeat(Math.ceil(m.length / m.char.length));
      return text.slice(0, i) + insert + text.slice(i);
    }
    case 'truncate':
      return text.slice(0, index(m.at, text.length));
    case 'eol':
      return text.replace(/\r\n|\r|\n/g, m.eol);
    default:
      break;
  }
  const lines = text.split('\n');
  switch (m.op) {
    case 'insertLine':
      lines.splice(index(m.at, lines.length), 0, m.line);
      break;
    case 'deleteLine':
      lines.splice(index(m.at, lines.length - 1), 1);
      break;
    case 'repeatLine': {
      const i = index(m.at, lines.length - 1);
      lines.splice(i, 1, ...Array.from({ length: m.times }, () => lines[i]));
      break;
    }
    case 'shuffleSections':
    case 'duplicateSection': {
      const sections: string[][] = [[]];
      for (const line of lines) {
        if (isHeading(line)) sections.push([]);
        sections[sections.length - 1].push(line);
      }
      if (m.op === 'duplicateSection') {
        const i = index(m.at, sections.length - 1);
        sections.splice(i, 0, [...sections[i]]);
      } else {
        let seed = m.seed >>> 0;
        for (let i = sections.length - 1; i > 1; i--) {
          seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
          const j = 1 + (seed % i);
          [sections[i], sections[j]] = [sections[j], sections[i]];
        }
      }
      return sections.flat().join('\n');
    }
  }
  return lines.join('\n');
}

/** A generated letter: the example's header and prose with `items` items drawn from its own. */
export function generatedLetter(items: number, seed: number): string {
  const base = fs.readFileSync(path.join(repoRoot, 'examples', 'clean-letter.imr'), 'utf8');
  const at = base.indexOf('IMR ISSUES, DECISIONS AND RATIONALES');
  const headEnd = base.indexOf('\n', base.indexOf('\n', at) + 1) + 1;
  const body = base.slice(headEnd);
  const blocks = body.split(/\n(?=[^\n]+: (?:Upheld|Overturned)\n)/).filter((b) => /: (Upheld|Overturned)\n/.test(b));
  const out: string[] = [base.slice(0, headEnd)];
  let s = seed >>> 0;
  for (let i = 0; i < items; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out.push(blocks[s % blocks.length].trim(), '');
  }
  return out.join('\n');
}

/** Mutations that would make a case longer are skipped (the 5 MB documents are the benchmark's business). */
export const MAX_CASE_LENGTH = 1024 * 1024;

export interface Case {
  base: number;
  generated?: { items: number; seed: number };
  mutations: Mutation[];
  fileName: string;
}

export function caseArb(baseCount: number): fc.Arbitrary<Case> {
  return fc.record({
    base: fc.integer({ min: 0, max: baseCount - 1 }),
    generated: fc.option(fc.record({ items: fc.integer({ min: 1, max: 40 }), seed: fc.integer() }), { freq: 5 }).map((g) => g ?? undefined),
    mutations: fc.array(mutationArb, { minLength: 0, maxLength: 5 }),
    fileName: fc.oneof(
      fc.constant('letter.imr'),
      fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }).map((s) => `${s.replace(/[/\u0000]/g, '_')}.imr`),
    ),
  });
}

export function caseText(letters: Array<{ text: string }>, c: Case): string {
  let text = c.generated ? generatedLetter(c.generated.items, c.generated.seed) : letters[c.base].text;
  for (const m of c.mutations) {
    const next = mutate(text, m);
    if (next.length <= MAX_CASE_LENGTH) text = next;
  }
  return text;
}

/** Line lengths by the LSP's line breaks (\r\n, \r, \n), computed independently of the service. */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

type R = { start: { line: number; character: number }; end: { line: number; character: number } };

function assertInside(lengths: number[], r: R, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: whole numbers`);
    assert.ok(p.line >= 0 && p.line < lengths.length, `${what}: line ${p.line} outside 0..${lengths.length - 1}`);
    assert.ok(p.character >= 0 && p.character <= lengths[p.line], `${what}: character ${p.character} outside line ${p.line} of length ${lengths[p.line]}`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: start after end`);
}

const signature = (p: Problem) => `${p.ruleId} ${p.message}`;

export interface CheckOptions {
  /** Check at most this many preferred fixes per case. */
  maxFixes: number;
  /** Run the CLI on every n-th case (0: never). */
  cliEvery: number;
}

export class Checker {
  readonly service: LanguageService = getLanguageService({ cacheSize: 4 });
  private readonly tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-lint-fuzz-'));
  private count = 0;
  /** Operation counts (reported by the long run). */
  readonly stats = { cases: 0, problems: 0, fixesChecked: 0, fixesRefused: 0, fixAllApplied: 0, fixAllRefused: 0, cliRuns: 0, maxLength: 0 };

  constructor(private readonly options: CheckOptions) {}

  dispose(): void {
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }

  check(text: string, fileName = 'letter.imr'): void {
    this.count++;
    this.stats.cases++;
    this.stats.maxLength = Math.max(this.stats.maxLength, text.length);
    const lengths = lineLengths(text);
    const uri = `mem://fuzz/${this.count}`;
    const document = { uri, version: 1, getText: () => text };
    const problems = this.service.validate(document);
    this.stats.problems += problems.length;
    for (const p of problems) {
      assertInside(lengths, p.range, `${p.ruleId} range`);
      for (const r of p.related ?? []) assertInside(lengths, r.range, `${p.ruleId} related`);
      for (const f of p.fixes ?? []) for (const e of f.edits) assertInside(lengths, e.range, `${p.ruleId} fix '${f.title}'`);
      assert.ok(typeof p.message === 'string' && p.message.trim() !== '', `${p.ruleId}: a message`);
      for (const junk of ['undefined', '[object Object]', 'NaN'])
        assert.ok(!p.message.includes(junk) || text.includes(junk), `${p.ruleId}: '${junk}' in the message '${p.message.slice(0, 200)}'`);
    }
    const lines = lengths.length;
    const probes = [
      { line: 0, character: 0 },
      { line: lines - 1, character: lengths[lines - 1] },
      { line: Math.floor(lines / 2), character: Math.floor(lengths[Math.floor(lines / 2)] / 2) },
    ];
    for (const p of problems.slice(0, 3)) probes.push(p.range.start);
    for (const position of probes) {
      this.service.doHover(document, position);
      this.service.doComplete(document, position);
      this.service.findDefinition(document, position);
    }
    const walk = (symbols: ReturnType<LanguageService['findDocumentSymbols']>) => {
      for (const s of symbols) {
        assertInside(lengths, s.range, `symbol ${s.name}`);
        assertInside(lengths, s.selectionRange, `symbol ${s.name} selection`);
        walk(s.children ?? []);
      }
    };
    walk(this.service.findDocumentSymbols(document));
    for (const f of this.service.getFoldingRanges(document))
      assert.ok(f.startLine >= 0 && f.endLine < lines && f.startLine <= f.endLine, 'folding range inside');
    this.service.getCodeActions(document, { start: { line: 0, character: 0 }, end: { line: lines - 1, character: lengths[lines - 1] } });

    this.checkFixes(text, problems);
    if (this.options.cliEvery && this.count % this.options.cliEvery === 0) this.checkCli(text, fileName);
    this.service.forget(uri);
  }

  /** Each preferred fix, applied alone with applyFixes: its problem is gone on re-checking. */
  private checkFixes(text: string, problems: Problem[]): void {
    let checked = 0;
    const before = new Map<string, number>();
    for (const p of problems) before.set(signature(p), (before.get(signature(p)) ?? 0) + 1);
    for (const p of problems) {
      const fix = p.fixes?.find((f) => f.preferred);
      if (!fix) continue;
      if (checked++ >= this.options.maxFixes) break;
      const applied = applyFixes(text, fix.edits);
      if (applied.refused) {
        this.stats.fixesRefused++;
        assert.fail(`${p.ruleId} fix '${fix.title}' was refused by applyFixes (${applied.refused})`);
      }
      this.stats.fixesChecked++;
      const uri = `mem://fuzz/fixed-${this.count}-${checked}`;
      const after = this.service.validate({ uri, version: 1, getText: () => applied.text });
      this.service.forget(uri);
      const same = after.filter((q) => signature(q) === signature(p)).length;
      assert.ok(same < before.get(signature(p))!, `${p.ruleId} fix '${fix.title}' did not remove its problem '${p.message}'`);
    }
    this.checkAllFixes(text, problems, before);
  }

  /** Every preferred fix at once (fix-all): applied by applyFixes unless edits overlap; each fixed problem is gone. */
  private checkAllFixes(text: string, problems: Problem[], before: Map<string, number>): void {
    const fixed = problems.filter((p) => p.fixes?.some((f) => f.preferred));
    if (fixed.length < 2) return;
    const applied = applyFixes(
      text,
      fixed.flatMap((p) => p.fixes!.find((f) => f.preferred)!.edits),
    );
    if (applied.refused) {
      assert.strictEqual(applied.refused, 'overlap', 'edits inside the document are never out of range');
      this.stats.fixAllRefused++;
      return;
    }
    this.stats.fixAllApplied++;
    const uri = `mem://fuzz/fixed-all-${this.count}`;
    const after = this.service.validate({ uri, version: 1, getText: () => applied.text });
    this.service.forget(uri);
    const lengths = lineLengths(applied.text);
    for (const q of after) assertInside(lengths, q.range, `${q.ruleId} range after fix-all`);
    for (const p of fixed) {
      const same = after.filter((q) => signature(q) === signature(p)).length;
      assert.ok(same < before.get(signature(p))!, `fix-all: ${p.ruleId} problem '${p.message}' is still there`);
    }
  }

  /** The CLI on the text as a file (a fuzzed file name too): JSON that parses and names the file. */
  private checkCli(text: string, fileName: string): void {
    this.stats.cliRuns++;
    const file = path.join(this.tmp, fileName);
    fs.writeFileSync(file, text);
    const out: string[] = [];
    const err: string[] = [];
    // The real CLI, with the checker's catalog (building it is the costly part of a start).
    const createService: typeof getLanguageService = (o) => getLanguageService({ ...o, catalog: this.service.catalog });
    const code = main(
      ['--format', 'json', '--', file],
      (s) => out.push(s),
      (s) => err.push(s),
      { createService },
    );
    fs.rmSync(file, { force: true });
    assert.ok(code === 0 || code === 1, `CLI exit ${code}: ${err.join(' ').slice(0, 200)}`);
    const parsed = JSON.parse(out.join('\n'));
    assert.strictEqual(parsed.length, 1);
    assert.strictEqual(parsed[0].file, file);
    for (const d of parsed[0].diagnostics) assertInside(lineLengths(text), d.range, `CLI ${d.rule}`);
  }
}

export interface FuzzResult {
  runs: number;
  seed: number;
  failed: boolean;
  report: string;
  stats: Checker['stats'];
}

/** Runs `runs` random cases; on a failure fast-check shrinks it and the report shows the smallest case. */
export function runFuzz(runs: number, seed: number, options: CheckOptions = { maxFixes: 5, cliEvery: 1 }): FuzzResult {
  const letters = baseLetters();
  const checker = new Checker(options);
  try {
    const details = fc.check(
      fc.property(caseArb(letters.length), (c) => {
        checker.check(caseText(letters, c), c.fileName);
      }),
      { numRuns: runs, seed, endOnFailure: false },
    );
    const report = details.failed ? (fc.defaultReportMessage(details) ?? 'failed') : `${runs} cases passed`;
    return { runs, seed, failed: details.failed, report: report.slice(0, 20000), stats: checker.stats };
  } finally {
    checker.dispose();
  }
}
