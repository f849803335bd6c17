/**
 * Linear time by construction (docs/architecture.md, "Linear time"): every pattern the parser runs
 * over letter text, the conclusion reader and the parser with every rule, on adversarial strings
 * (runs of spaces, dots, digits, commas, slashes, parentheses, cue words without a period) at
 * 64 KB and 256 KB. Linearity is asserted on counts where they can be counted (the conclusion
 * reader's steps, the characters the parser's regular expressions scan) and on the ratio of CPU
 * time otherwise (a backtracking regex cannot be counted from JavaScript), with a generous bound:
 * linear work grows 4x from 64 KB to 256 KB, quadratic 16x, cubic 64x.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vocabulary from '../../server/src/service/parser/vocabulary';
import { BODY_PATTERNS } from '../../server/src/service/parser/body';
import { PARSE_PATTERNS } from '../../server/src/service/parser/parse';
import { ConclusionMeter, MAX_CONCLUSION_LENGTH, readConclusion } from '../../server/src/service/parser/conclusion';
import { getLanguageService } from '../../server/src/service';
import { readFixture, repoRoot } from '../util';

const KB = 1024;
const SMALL = 64 * KB;
const LARGE = 256 * KB;
/** Time ratio 256 KB / 64 KB allowed (linear 4, quadratic 16). */
const TIME_RATIO = 10;
/** Below this many milliseconds at 64 KB, timings are noise: the bound applies to this floor. */
const FLOOR_MS = 2;

/** The adversarial units, each repeated to the size without a sentence end unless it has one. */
const SHAPES: Record<string, string> = {
  spaces: ' ',
  tabs: '\t',
  dots: '.',
  'dot-space': '. ',
  digits: '7',
  commas: ',',
  'comma-space': ', ',
  slashes: '/',
  'open parentheses': '(',
  'close parentheses': ')',
  'parenthesised words': '(a) ',
  colons: ': ',
  hyphens: 'a-',
  quotes: '" ',
  words: 'word ',
  'medical necessity not': 'medical necessity not ',
  'non-cert supported': 'non-cert ',
  'not medically': 'not medically ',
  'not established': 'not established that medical necessity ',
  'the original request': 'The original request, ',
  'was (partial)': ' was',
  'board certified': 'reviewer is Board Certified in ',
  'header labels': 'Case Number Application ',
  'decision words': 'Upheld ',
  dates: 'On 1/2/2016 ',
  'date-like': '1-2-',
  'run-on sentences': 'abc.Def',
  'camel case': 'aaaBbb',
  'section list': 'Physical medicine treatment, ',
};

function unit(shape: string, size: number): string {
  const u = SHAPES[shape];
  return u.repeat(Math.ceil(size / u.length)).slice(0, size);
}

function cpuMs(fn: () => void, runs = 2): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

/** Every match of a pattern, as the parser scans (a global copy: the pattern itself is never global). */
function scanAll(pattern: RegExp, text: string): number {
  const g = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '') + 'g');
  let n = 0;
  for (let m = g.exec(text); m; m = g.exec(text)) {
    if (m[0].length === 0) g.lastIndex++;
    n++;
  }
  return n;
}

function exportedPatterns(): Array<[string, RegExp]> {
  const out: Array<[string, RegExp]> = [];
  for (const [name, value] of Object.entries(vocabulary)) {
    if (value instanceof RegExp) out.push([`vocabulary.${name}`, value]);
    else if (Array.isArray(value)) {
      value.forEach((v: unknown, i) => {
        if (v instanceof RegExp) out.push([`vocabulary.${name}[${i}]`, v]);
        else if (v && typeof v === 'object' && (v as { pattern?: unknown }).pattern instanceof RegExp)
          out.push([`vocabulary.${name}[${i}].pattern`, (v as { pattern: RegExp }).pattern]);
      });
    }
  }
  for (const [name, p] of Object.entries(BODY_PATTERNS)) out.push([`body.${name}`, p]);
  for (const [name, p] of Object.entries(PARSE_PATTERNS)) out.push([`parse.${name}`, p]);
  return out;
}

describe('linear time: no shared regex state', () => {
  it('the exported patterns are not global or sticky (no lastIndex shared between calls)', () => {
    const patterns = exportedPatterns();
    assert.ok(patterns.length >= 30, `${patterns.length} patterns`);
    assert.deepStrictEqual(
      patterns.filter(([, p]) => p.global || p.sticky).map(([n]) => n),
      [],
    );
  });

  it('the parser modules (body, parse and its parts, vocabulary) declare no module-level /g or /y regex', () => {
    for (const file of ['body.ts', 'parse.ts', 'header.ts', 'paragraphs.ts', 'items.ts', 'item-header.ts', 'rationale.ts', 'vocabulary.ts']) {
      const source = fs.readFileSync(path.join(repoRoot, 'server', 'src', 'service', 'parser', file), 'utf8');
      // A module-level declaration starts at column 0; its regex literal ends with its flags.
      const offending = source.split('\n').filter((l) => /^(?:export\s+)?const\s+\w+\s*=\s*\/.*\/[a-z]*[gy][a-z]*;?\s*$/.test(l));
      assert.deepStrictEqual(offending, [], file);
    }
  });
});

/**
 * Attack strings made from a pattern's own words: each word repeated, all of them in order
 * repeated (the pattern's cue phrase without its end), and each word followed by a run of spaces.
 */
function ownShapes(pattern: RegExp): Record<string, string> {
  const source = pattern.source.replace(/\\[a-zA-Z]/g, ' ').replace(/\[[^\]]*\]/g, ' ');
  const words = [...new Set(source.match(/[A-Za-z]{2,}/g) ?? [])].slice(0, 12);
  const shapes: Record<string, string> = {};
  if (words.length) shapes[`own words: ${words.join(' ')}`] = `${words.join(' ')} `;
  for (const w of words.slice(0, 6)) {
    shapes[`own word: ${w}`] = `${w} `;
    shapes[`own word + spaces: ${w}`] = `${w}${' '.repeat(40)}`;
  }
  return shapes;
}

/** Patterns written the way docs/architecture.md forbids, recognisable from the source alone. */
const FORBIDDEN: Array<[string, RegExp]> = [
  ['a quantified group holding a quantifier (nested)', /\((?:\?:)?[^()]*(?<!\\)[+*][^()]*\)[+*]/],
  ['adjacent white-space runs', /\\s[+*]\??\\s[+*]/],
  ['any-character run next to another run', /(?<!\\)\.[+*]\??\)?(?:\\s|\.|\\S|\[[^\]]*\])[+*]/],
  ['a negated-class run, a word, and the same run again', /(\[\^[^\]]+\])[+*]\??\\b\w+\\b\1[+*]/],
];

describe('linear time: each exported pattern on adversarial strings, 64 KB vs 256 KB', function () {
  this.timeout(120000);
  it('no exported pattern has a forbidden shape in its source', () => {
    const found = exportedPatterns().flatMap(([name, p]) => FORBIDDEN.filter(([, f]) => f.test(p.source)).map(([why]) => `${name}: ${why}`));
    assert.deepStrictEqual(found, []);
    // The shapes are recognised (this check can fail): the patterns issue 13 found.
    const bad = [/^(.+?)\s+was/, /\bmedical\s+necessity\b[^.]*?\bnot\b[^.]*?\bestablished/, /(\s*\w+)+$/, /\s*\s+x/];
    assert.deepStrictEqual(
      bad.map((p) => FORBIDDEN.some(([, f]) => f.test(p.source))),
      [true, true, true, true],
    );
  });
  for (const [name, pattern] of exportedPatterns()) {
    it(name, () => {
      const slow: string[] = [];
      const shapes: Record<string, string> = { ...SHAPES, ...ownShapes(pattern) };
      for (const [shape, u] of Object.entries(shapes)) {
        const repeat = (size: number) => u.repeat(Math.ceil(size / u.length)).slice(0, size) + 'x';
        const small = repeat(SMALL);
        const large = repeat(LARGE);
        const tSmall = cpuMs(() => scanAll(pattern, small));
        // A superlinear pattern is already slow at 64 KB: fail before trying 256 KB.
        assert.ok(tSmall < 1000, `${name} on ${shape}: ${tSmall.toFixed(0)} ms at 64 KB`);
        const tLarge = cpuMs(() => scanAll(pattern, large));
        if (tLarge > TIME_RATIO * Math.max(tSmall, FLOOR_MS)) slow.push(`${shape}: ${tSmall.toFixed(1)} -> ${tLarge.toFixed(1)} ms`);
      }
      assert.deepStrictEqual(slow, []);
    });
  }
});

describe('linear time: the pattern check can fail', () => {
  it('it catches the cubic conclusion pattern this project used to have (issue 13)', () => {
    const cubic = /\bmedical\s+necessity\b[^.]*?\bnot\b[^.]*?\b(?:established|demonstrated|supported)\b/i;
    const t = (size: number) => cpuMs(() => scanAll(cubic, unit('medical necessity not', size) + 'x'), 1);
    const small = t(3 * KB);
    const large = t(12 * KB);
    assert.ok(large > TIME_RATIO * Math.max(small, 0.5), `${small.toFixed(1)} -> ${large.toFixed(1)} ms`);
  });
});

describe('linear time: the conclusion reader', () => {
  const sentences: Record<string, (n: number) => string> = {
    'repeated negation': (n) => 'medical necessity not '.repeat(n),
    'repeated non-cert': (n) => 'non-cert '.repeat(n),
    'repeated conclusion': (n) => 'the request is not medically necessary and '.repeat(n),
    'nested clauses': (n) => 'although it is not, which was not, '.repeat(n) + 'medically necessary',
    'commas and quotes': (n) => '", not, " '.repeat(n) + 'medically necessary',
  };
  for (const [name, make] of Object.entries(sentences)) {
    it(`${name}: steps grow with the length (counted), and a sentence over the limit is not read`, () => {
      const steps = (text: string) => {
        const meter: ConclusionMeter = { steps: 0 };
        readConclusion(text, meter);
        return { steps: meter.steps, length: text.length };
      };
      const unitLength = make(1).length;
      const a = steps(make(Math.floor(MAX_CONCLUSION_LENGTH / 4 / unitLength)));
      const b = steps(make(Math.floor(MAX_CONCLUSION_LENGTH / unitLength)));
      assert.ok(a.steps > 0, 'the meter counts');
      const perChar = (x: { steps: number; length: number }) => x.steps / x.length;
      assert.ok(perChar(b) <= 1.3 * perChar(a), `${a.steps} steps for ${a.length} chars, ${b.steps} for ${b.length}`);
      const over: ConclusionMeter = { steps: 0 };
      assert.strictEqual(readConclusion(unit('medical necessity not', LARGE), over)?.ambiguity, 'too-long');
      assert.strictEqual(over.steps, 0, 'bounded before any matching');
    });
  }
});

/**
 * Counts the characters regular expressions scan: from where a scan starts to where it stops (the
 * end of the match, or of the input when it fails). A sticky or ^-anchored pattern is tried at one
 * position only: its match, or 1 when it fails.
 */
function countingRegexScans(fn: () => void): number {
  const original = RegExp.prototype.exec;
  let scanned = 0;
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    const start = this.global || this.sticky ? this.lastIndex : 0;
    const m = original.call(this, input);
    const onePosition = this.sticky || (this.source.startsWith('^') && !this.multiline);
    const end = m ? m.index + m[0].length : onePosition ? start + 1 : String(input).length;
    scanned += Math.max(1, end - start);
    return m;
  };
  try {
    fn();
  } finally {
    RegExp.prototype.exec = original;
  }
  return scanned;
}

let documents = 0;
function measureWhole(text: string): { scanned: number; ms: number } {
  const service = getLanguageService();
  let scanned = 0;
  const ms = cpuMs(() => {
    scanned = countingRegexScans(() => service.validate({ uri: `adversarial://${++documents}`, version: 1, getText: () => text }));
  }, 1);
  return { scanned, ms };
}

const LETTER = readFixture('rules', 'decision-conclusion', 'contradictions.imr').split(/\r?\n--- expect/)[0];

/** Where the adversarial text goes in an otherwise valid letter (a fictitious fixture). */
const PLACES: Record<string, (filler: string) => string> = {
  rationale: (f) => LETTER.replace('Decision rationale: No functional benefit is documented.', `Decision rationale: No functional benefit is documented. ${f}`),
  // The last sentence of a rationale is read as its conclusion (the issue 13 freeze: 13 s at 37 KB).
  'last sentence of a rationale': (f) => LETTER.replace('50mg #60 is not medically necessary.', `50mg #60 is not medically necessary. The ${f}`),
  summary: (f) => LETTER.replace('has low back pain.', `has low back pain. ${f}`),
  'item header': (f) => LETTER.replace('Tramadol 50mg #60: Overturned', `${f} Tramadol 50mg #60: Overturned`),
  'lines of the summary': (f) => LETTER.replace('has low back pain.', `has low back pain.\n${f.replace(/(.{80})/g, '$1\n')}`),
  'paragraphs after an item header': (f) =>
    LETTER.replace('Tramadol 50mg #60: Overturned\n', `Tramadol 50mg #60: Overturned\n\n${f.replace(/(.{60})/g, '$1\n\n')}\n`),
};

function checkWhole(place: string, make: (filler: string) => string, shape: string): void {
  const small = make(unit(shape, SMALL));
  const large = make(unit(shape, LARGE));
  const a = measureWhole(small);
  assert.ok(a.ms < 5000, `${place} / ${shape}: ${a.ms.toFixed(0)} ms at 64 KB`);
  const b = measureWhole(large);
  const sizeRatio = large.length / small.length;
  // Counted: the characters scanned by regular expressions grow no faster than the text.
  assert.ok(b.scanned <= 1.15 * sizeRatio * a.scanned, `${place} / ${shape}: regex scans ${a.scanned} -> ${b.scanned} characters`);
  // Timed, as a backstop for backtracking (not countable from JavaScript): a generous bound.
  assert.ok(b.ms <= 16 * Math.max(a.ms, 20), `${place} / ${shape}: ${a.ms.toFixed(0)} -> ${b.ms.toFixed(0)} ms`);
}

describe('linear time: the parser and every rule (parseLetter + validate), 64 KB vs 256 KB', function () {
  this.timeout(300000);
  // Every shape where the prose is read (rationale, summary); the structural places with the
  // shapes that stress line and paragraph handling.
  const prose = Object.keys(SHAPES).filter(
    (s) => !['section list', 'tabs', 'words', 'parenthesised words', 'header labels', 'date-like', 'not medically', 'colons'].includes(s),
  );
  const structural = ['spaces', 'dots', 'commas', 'hyphens', 'decision words', 'the original request', 'was (partial)', 'colons'];
  for (const [place, make] of Object.entries(PLACES)) {
    const shapes = place === 'rationale' || place === 'summary' || place === 'last sentence of a rationale' ? prose : structural;
    it(`${place} (${shapes.length} shapes)`, () => {
      for (const shape of shapes) checkWhole(place, make, shape);
    });
  }
  it('the counter sees the work (a quadratic scan would be caught)', () => {
    // A deliberately quadratic scan: one search per position over the rest of the text.
    const scans = (n: number) =>
      countingRegexScans(() => {
        const text = 'a'.repeat(n);
        for (let i = 0; i < n; i += 64) /b/.exec(text.slice(i));
      });
    assert.ok(scans(4 * 4096) > 12 * scans(4096));
  });
});

// Section(s) lists are split by parser/citations.ts in one pass (before, a 32 KB list of ', '
// took about a second there and grew quadratically).
describe('linear time: citation lists (parser/citations.ts)', function () {
  this.timeout(300000);
  const lists: Record<string, (f: string) => string> = {
    'a Section(s) list': (f) =>
      LETTER.replace(
        'Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.',
        `Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): ${f}.`,
      ),
    'a guideline line ending in the shape': (f) => LETTER.replace('Maintenance of Chronic Opioid Treatment.', `Maintenance of Chronic Opioid Treatment, ${f}.`),
  };
  for (const [place, make] of Object.entries(lists)) {
    for (const shape of ['section list', 'commas', 'comma-space', 'spaces', 'words']) {
      it(`${place}: ${shape}`, () => checkWhole(place, make, shape));
    }
  }
});
