/**
 * Step one of the parse: the physical lines of the text, their trimmed extent, the form-feed
 * flag, and the layout family (DOMAIN.md 2.1, 2.5).
 */
import { isAsciiLetter } from '../text';

/**
 * A physical line: offsets into the document, no text of its own (the text is sliced only where a
 * step reads it: most lines are read through `content` once, or not at all).
 */
export class SourceLine {
  constructor(
    /** The document the line is in. */
    readonly doc: string,
    /** 0-based physical line number. */
    readonly line: number,
    /** Offset of the line's first character in the document. */
    readonly start: number,
    /** Length of the raw line, without its line break. */
    readonly length: number,
    /** Index of the first character that is not white space or a form feed. */
    readonly lead: number,
    /** Index after the last character that is not white space or a form feed. */
    readonly end: number,
    /** The line starts a page (a form feed before its first character). */
    readonly ff: boolean,
    readonly blank: boolean,
  ) {}

  /** The raw line, without its line break. */
  get text(): string {
    return this.doc.slice(this.start, this.start + this.length);
  }
}

/** The line without its leading and trailing white space. */
export function content(line: SourceLine): string {
  return line.doc.slice(line.start + line.lead, line.start + line.end);
}

/** The characters a line is trimmed of. */
function isSpace(code: number): boolean {
  // space, tab, form feed, vertical tab, no-break space
  return code === 32 || code === 9 || code === 12 || code === 11 || code === 160 || code === 0xfeff;
}

/**
 * One buffer for a table's columns of `n` lines: `ints` columns of 32-bit numbers, then the flags
 * (a byte a line). Each typed array of its own would be memory taken outside the heap, about half
 * a microsecond each (four to six a letter: a few percent of a letter's check in the CLI's batch);
 * views of one buffer take it once, in the same bytes.
 */
function columnBuffer(n: number, ints: number): ArrayBuffer {
  return new ArrayBuffer((4 * ints + 1) * n);
}

/** LineTable flag bits. */
const FF = 1;
const BLANK = 2;

/**
 * The lines of a text as columns of numbers (typed arrays): a 73k-line document costs five
 * numbers a line instead of an object a line. SourceLine objects are made on demand, only for
 * the lines a step reads (the header zone, the first issues section, ...), so the garbage and the
 * live heap of a big document stay small (docs/engine.md, "Lines").
 */
export class LineTable {
  /** Objects made by `line` since the start (tests count them). */
  static made = 0;

  private constructor(
    readonly doc: string,
    readonly count: number,
    /** Physical line number of each line (absent: the index itself). */
    private readonly numbers: Int32Array | undefined,
    private readonly starts: Int32Array,
    private readonly lengths: Int32Array,
    private readonly leads: Int32Array,
    private readonly ends: Int32Array,
    private readonly flags: Uint8Array,
  ) {}

  /**
   * The lines of `text`, given the offsets where its lines start (LineMap.starts, shared as the
   * table's start column: neither writes it; other offsets are copied).
   */
  static split(text: string, lineStarts: Int32Array | readonly number[], previous?: LineTable, same = 0, tailFrom = lineStarts.length): LineTable {
    const n = lineStarts.length;
    const starts = lineStarts instanceof Int32Array ? lineStarts : Int32Array.from(lineStarts);
    // Views of one buffer (see `columnBuffer`).
    const buffer = columnBuffer(n, 3);
    const lengths = new Int32Array(buffer, 0, n);
    const leads = new Int32Array(buffer, 4 * n, n);
    const ends = new Int32Array(buffer, 8 * n, n);
    const flags = new Uint8Array(buffer, 12 * n, n);
    // The first `same` lines and the lines from `tailFrom` on are those of `previous` (see
    // splitLines): their columns are copied.
    const physical = previous && !previous.numbers ? previous : undefined;
    const copied = physical ? Math.min(same, n, physical.count) : 0;
    const shift = physical ? n - physical.count : 0;
    const last = physical && tailFrom - shift >= copied ? tailFrom : n;
    for (const [column, earlier] of physical
      ? ([
          [lengths, physical.lengths],
          [leads, physical.leads],
          [ends, physical.ends],
          [flags, physical.flags],
        ] as const)
      : []) {
      column.set(earlier.subarray(0, copied));
      if (last < n) column.set(earlier.subarray(last - shift), last);
    }
    for (let index = copied; index < last; index++) {
      const start = lineStarts[index];
      let stop = index + 1 < n ? lineStarts[index + 1] : text.length;
      while (stop > start && (text.charCodeAt(stop - 1) === 10 || text.charCodeAt(stop - 1) === 13)) stop--;
      let lead = start;
      let ff = false;
      while (lead < stop && isSpace(text.charCodeAt(lead))) {
        if (text.charCodeAt(lead) === 12) ff = true;
        lead++;
      }
      let end = stop;
      while (end > lead && isSpace(text.charCodeAt(end - 1))) end--;
      lengths[index] = stop - start;
      leads[index] = lead - start;
      ends[index] = end - start;
      flags[index] = (ff ? FF : 0) | (lead >= end ? BLANK : 0);
    }
    return new LineTable(text, n, undefined, starts, lengths, leads, ends, flags);
  }

  /** Raw length of line `i`, without its line break. */
  length(i: number): number {
    return this.lengths[i];
  }

  start(i: number): number {
    return this.starts[i];
  }

  lead(i: number): number {
    return this.leads[i];
  }

  end(i: number): number {
    return this.ends[i];
  }

  blank(i: number): boolean {
    return (this.flags[i] & BLANK) !== 0;
  }

  /** Line `i` starts a page (a form feed before its first character). */
  ff(i: number): boolean {
    return (this.flags[i] & FF) !== 0;
  }

  /** 0-based physical line number of line `i`. */
  number(i: number): number {
    return this.numbers ? this.numbers[i] : i;
  }

  /** Line `i` without its leading and trailing white space (`content` without a line object). */
  content(i: number): string {
    const start = this.starts[i];
    return this.doc.slice(start + this.leads[i], start + this.ends[i]);
  }

  /**
   * Line `prev` ends in a letter and a hyphen and line `next` starts with a letter: the word was
   * split ("medi-" "cation"). `prev` is -1 when there is no line before.
   */
  hyphenSplit(prev: number, next: number): boolean {
    if (prev < 0 || this.ends[prev] - this.leads[prev] < 2) return false;
    const at = this.starts[prev] + this.ends[prev];
    const doc = this.doc;
    return (
      doc.charCodeAt(at - 1) === 45 /* - */ && isAsciiLetter(doc.charCodeAt(at - 2)) && isAsciiLetter(doc.charCodeAt(this.starts[next] + this.leads[next]))
    );
  }

  /** Line `i` as an object (a new one each time: callers ask for the few lines they read). */
  line(i: number): SourceLine {
    LineTable.made++;
    const f = this.flags[i];
    const number = this.numbers ? this.numbers[i] : i;
    return new SourceLine(this.doc, number, this.starts[i], this.lengths[i], this.leads[i], this.ends[i], (f & FF) !== 0, (f & BLANK) !== 0);
  }

  /** Lines [from, to) as objects (like Array.prototype.slice). */
  slice(from: number, to = this.count): SourceLine[] {
    const lo = Math.max(0, Math.min(from, this.count));
    const hi = Math.max(lo, Math.min(to, this.count));
    const out: SourceLine[] = new Array(hi - lo);
    for (let i = lo; i < hi; i++) out[i - lo] = this.line(i);
    return out;
  }

  /** The lines whose raw length is not 0 (the double-spaced layout's spacer lines dropped). */
  withoutEmpty(): LineTable {
    let kept = 0;
    for (let i = 0; i < this.count; i++) if (this.lengths[i] > 0) kept++;
    const buffer = columnBuffer(kept, 5);
    const numbers = new Int32Array(buffer, 0, kept);
    const starts = new Int32Array(buffer, 4 * kept, kept);
    const lengths = new Int32Array(buffer, 8 * kept, kept);
    const leads = new Int32Array(buffer, 12 * kept, kept);
    const ends = new Int32Array(buffer, 16 * kept, kept);
    const flags = new Uint8Array(buffer, 20 * kept, kept);
    let k = 0;
    for (let i = 0; i < this.count; i++) {
      if (this.lengths[i] === 0) continue;
      numbers[k] = this.numbers ? this.numbers[i] : i;
      starts[k] = this.starts[i];
      lengths[k] = this.lengths[i];
      leads[k] = this.leads[i];
      ends[k] = this.ends[i];
      flags[k] = this.flags[i];
      k++;
    }
    return new LineTable(this.doc, kept, numbers, starts, lengths, leads, ends, flags);
  }
}

/**
 * The lines of `text`, given the offsets where its lines start (LineMap.starts). With `previous`,
 * the physical lines of an earlier version whose first `same` lines and whose lines from
 * `tailFrom` on (counted in `text`; break included) are character for character those of `text`:
 * their columns are copied, not read again (an edit).
 */
export function splitLines(text: string, starts: Int32Array | readonly number[], previous?: LineTable, same = 0, tailFrom = starts.length): LineTable {
  return LineTable.split(text, starts, previous, same, tailFrom);
}

/**
 * The 2014-15 double-spaced layout: nearly every text line is followed by an empty line, and a
 * paragraph break is a line holding only spaces.
 */
export function isDoubleSpaced(lines: LineTable): boolean {
  let text = 0;
  let followed = 0;
  for (let i = 0; i < lines.count; i++) {
    if (lines.length(i) === 0) continue;
    text++;
    if (i + 1 < lines.count && lines.length(i + 1) === 0) followed++;
  }
  return text >= 4 && followed / text >= 0.9;
}

/** The lines that carry the letter: in the double-spaced layout the empty spacer lines go. */
export function logicalLines(lines: LineTable, doubleSpaced: boolean): LineTable {
  return doubleSpaced ? lines.withoutEmpty() : lines;
}
