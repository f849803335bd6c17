/**
 * The citation parser does work proportional to the length of a guideline line, whatever its
 * shape (issue 13: `splitSections` sliced and lower-cased the rest of the line for every list
 * element; a run of ", " or of spaces made it quadratic). Work is measured, never timed: every
 * character the parser copies (slice, substring, toLowerCase), every character a regular
 * expression is run over (from where it starts to where it stops), and every section lookup.
 * Quadrupling the input may at most quadruple the work (plus a margin for constant overheads).
 */
import * as assert from 'assert';
import { buildCatalog } from '../../server/src/service/catalog';
import type { Catalog, SectionIndex } from '../../server/src/service/catalog';
import { parseCitations } from '../../server/src/service/parser/citations';

const baseCatalog = buildCatalog();

interface Work {
  chars: number;
  lookups: number;
}

/** A catalog whose section indexes count their lookups and the length of what they look up. */
function countingCatalog(work: Work): Catalog {
  const wrapped = new Map<string, SectionIndex>();
  return {
    ...baseCatalog,
    sectionIndex(partId: string) {
      const index = baseCatalog.sectionIndex(partId);
      if (!index) return undefined;
      let counted = wrapped.get(partId);
      if (!counted) {
        counted = {
          entries: index.entries,
          resolve: (name: string) => {
            work.lookups++;
            work.chars += name.length;
            return index.resolve(name);
          },
          startsCommaName: index.startsCommaName,
          keyOf: index.keyOf,
          wholeName: index.wholeName,
          suggest: index.suggest,
        };
        wrapped.set(partId, counted);
      }
      return counted;
    },
  };
}

/** Runs `f` with String and RegExp primitives instrumented to count the characters they process. */
function measure(f: (work: Work) => void): Work {
  const work: Work = { chars: 0, lookups: 0 };
  const proto = String.prototype as unknown as Record<string, (...args: unknown[]) => string>;
  const originals = { slice: proto.slice, substring: proto.substring, toLowerCase: proto.toLowerCase };
  const exec = RegExp.prototype.exec;
  proto.slice = function (this: string, ...args: unknown[]) {
    const out = originals.slice.apply(this, args);
    work.chars += out.length;
    return out;
  };
  proto.substring = function (this: string, ...args: unknown[]) {
    const out = originals.substring.apply(this, args);
    work.chars += out.length;
    return out;
  };
  proto.toLowerCase = function (this: string) {
    work.chars += this.length;
    return originals.toLowerCase.apply(this);
  };
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const m = exec.call(this, input);
    work.chars += m ? m.index + m[0].length - from : Math.max(0, input.length - from);
    return m;
  };
  try {
    f(work);
  } finally {
    proto.slice = originals.slice;
    proto.substring = originals.substring;
    proto.toLowerCase = originals.toLowerCase;
    RegExp.prototype.exec = exec;
  }
  return work;
}

const spanOf = (from: number, to: number) => ({ text: '', range: { start: { line: 0, character: from }, end: { line: 0, character: to } } });

/** A guideline line of about `size` characters: `head` + `unit` repeated + `tail`. */
function shape(head: string, unit: string, tail: string, size: number): string {
  return head + unit.repeat(Math.max(1, Math.floor((size - head.length - tail.length) / unit.length))) + tail;
}

const KB = 1024;
const shapes: Array<{ name: string; head: string; unit: string; tail: string }> = [
  { name: "a Section(s) list 'a, a, a, ...'", head: 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): ', unit: 'a, ', tail: 'a.' },
  {
    name: "a list of capitalised unknown names 'Xa, Xa, ...'",
    head: 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): ',
    unit: 'Xa, ',
    tail: 'Xa.',
  },
  {
    name: 'a list of known names',
    head: 'Decision based on MTUS Low Back Complaints 2004, Section(s): ',
    unit: 'Special Studies, Initial Care, ',
    tail: 'Summary.',
  },
  {
    name: 'known names with commas',
    head: 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): ',
    unit: 'NSAIDs, GI symptoms & cardiovascular risk, CRPS, sympathetic and epidural blocks, ',
    tail: 'Topical analgesics.',
  },
  { name: "a line ending in a run of ', '", head: 'Decision based on MTUS Low Back Complaints 2004, Section(s): Special Studies', unit: ', ', tail: '.' },
  { name: 'a run of spaces after the year', head: 'Decision based on MTUS Chronic Pain Medical Treatment 2016', unit: ' ', tail: 'x' },
  {
    name: 'a run of spaces inside the list',
    head: 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids,',
    unit: ' ',
    tail: 'and x',
  },
  {
    name: "runs of spaces around 'and'",
    head: 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Biofeedback',
    unit: ' and   ',
    tail: 'x.',
  },
  {
    name: 'many guideline groups',
    head: 'Decision based on MTUS ',
    unit: 'Low Back Complaints 2004, Section(s): Special Studies, and ',
    tail: 'Knee Complaints 2004.',
  },
  {
    name: 'an unclosed parenthesis',
    head: 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Naproxen (',
    unit: 'Anaprox, ',
    tail: 'x.',
  },
  {
    name: 'lower-case continuations',
    head: 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids',
    unit: ', tools for risk',
    tail: '.',
  },
  { name: 'numbers in a Section(s) list', head: 'Decision based on MTUS Low Back Complaints 2004, Section(s): ', unit: '300, ', tail: '301.' },
  {
    name: 'numbered sections of the Opioids Treatment Guidelines',
    head: 'Decision based on MTUS Opioid Treatment 2016, Section(s): ',
    unit: '3.3.9 Maintenance of Chronic Opioid Treatment, ',
    tail: '4.1 x.',
  },
  {
    name: 'legacy topics with pages',
    head: 'Decision based on MTUS Chronic Pain Treatment Guidelines ',
    unit: 'Benzodiazepines Page(s): 24, ',
    tail: 'Opioids.',
  },
  {
    name: 'repeated page labels without pages',
    head: 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids ',
    unit: 'Page(s): ',
    tail: '.',
  },
];

describe('citation parsing does linear work (64 KB vs 256 KB, counted, not timed)', () => {
  for (const s of shapes) {
    it(s.name, () => {
      const run = (size: number) => {
        const text = shape(s.head, s.unit, s.tail, size);
        let out = 0;
        const work = measure((w) => {
          const block = parseCitations(text, spanOf, countingCatalog(w));
          for (const c of block.mtus) for (const g of c.guidelines) out += g.sections.length + g.pages.length + 1;
        });
        return { work, out, size: text.length };
      };
      const small = run(64 * KB);
      const large = run(256 * KB);
      const sizeRatio = large.size / small.size;
      const charRatio = large.work.chars / small.work.chars;
      const lookupRatio = (large.work.lookups + 1) / (small.work.lookups + 1);
      assert.ok(small.out > 0, 'the line was parsed into citations');
      assert.ok(
        charRatio <= sizeRatio * 1.25,
        `characters processed grew ${charRatio.toFixed(2)}x for ${sizeRatio.toFixed(2)}x input (${small.work.chars} -> ${large.work.chars})`,
      );
      assert.ok(lookupRatio <= sizeRatio * 1.25, `section lookups grew ${lookupRatio.toFixed(2)}x for ${sizeRatio.toFixed(2)}x input`);
      // Per input character, a bounded amount of work (the constant of the linear bound).
      assert.ok(large.work.chars <= 100 * large.size, `${(large.work.chars / large.size).toFixed(1)} characters processed per input character`);
    });
  }

  it('the measure can fail: a quadratic split is caught', () => {
    // The shape of the old splitSections: the rest of the line copied and lower-cased per element.
    const quadratic = (text: string) => {
      let start = 0;
      while (start < text.length) {
        const rest = text.slice(start).toLowerCase();
        const comma = rest.indexOf(',');
        start += comma < 0 ? rest.length : comma + 1;
      }
    };
    const small = measure(() => quadratic('a, '.repeat(2000)));
    const large = measure(() => quadratic('a, '.repeat(8000)));
    assert.ok(large.chars / small.chars > 10, `${(large.chars / small.chars).toFixed(1)}x`);
  });
});
