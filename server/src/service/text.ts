/**
 * Offsets, positions and joined paragraph text.
 *
 * Every range in the document model is computed here, once, from document offsets:
 * rules and features never split the text into lines themselves.
 */
import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Binary search over indexes 0..length-1 ordered so that `before(i)` holds for a prefix: the
 * first index where it does not hold (`length` when it holds everywhere).
 */
export function firstIndexNotBefore(length: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Index of the last element of an ascending array that is <= value (0 when none is), searched
 * from `hint` outwards (galloping, then a binary search in the bracket found): the parser asks
 * for offsets in nearly document order, so the answer is the hint, the next index or a few
 * lines on (the end of a range), at a cost that grows with the distance from the hint, not with
 * the array (a position cursor). The answer does not depend on the hint. With a `stride`, the
 * elements are `sorted[0]`, `sorted[stride]`, ... (records of `stride` numbers, flat); `n` is
 * the number of elements (records) in use.
 */
function lastAtOrBeforeFrom(sorted: ArrayLike<number>, value: number, hint: number, stride = 1, n = Math.floor(sorted.length / stride)): number {
  // Also for NaN: no element is <= it.
  if (n === 0 || !(sorted[0] <= value)) return 0;
  // Invariant: element lo <= value, and hi === n or element hi > value.
  let lo: number;
  let hi: number;
  const from = Math.min(Math.max(hint, 0), n - 1);
  if (sorted[from * stride] <= value) {
    lo = from;
    hi = from + 1;
    for (let step = 1; hi < n && sorted[hi * stride] <= value; step *= 2) {
      lo = hi;
      hi = lo + step;
    }
    hi = Math.min(hi, n);
  } else {
    hi = from;
    lo = from - 1;
    for (let step = 1; lo > 0 && sorted[lo * stride] > value; step *= 2) {
      hi = lo;
      lo = hi - step;
    }
    lo = Math.max(lo, 0);
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid * stride] <= value) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * lastAtOrBeforeFrom's answer when it is `hint` or the element after it, else -1: positions and
 * spans are asked for in nearly document order, so most answers are found without the search
 * (same arguments; `hint` >= 0).
 */
function hintOrNext(sorted: ArrayLike<number>, value: number, hint: number, stride: number, n: number): number {
  if (hint < n && sorted[hint * stride] <= value) {
    if (hint + 1 === n || sorted[(hint + 1) * stride] > value) return hint;
    if (hint + 2 === n || sorted[(hint + 2) * stride] > value) return hint + 1;
  }
  return -1;
}

/** [A-Za-z] by char code (`| 0x20` maps exactly the two cases of an ASCII letter to the lower one; NaN is no letter). */
export function isAsciiLetter(code: number): boolean {
  return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
}

/**
 * `/\s/.test(String.fromCharCode(code))` without a string or a regular expression: the white
 * space of JavaScript regular expressions (ECMAScript WhiteSpace and LineTerminator).
 */
export function isWhiteSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The offset after the first line break (\r\n, \n or \r) at or after `from`, -1 when there is none. */
function nextBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    if (c === 10 /* \n */) return i + 1;
  }
  return -1;
}

/**
 * Where LineMap writes the line starts it finds before it knows their number: kept between
 * maps (a typed array made per map cost a third of the search), at most MAX_SCRATCH entries.
 */
let breakScratch: Int32Array = new Int32Array(1024);
const MAX_SCRATCH = 65536;

/** `scratch` at twice its length, contents kept; kept for the next map only up to MAX_SCRATCH entries (256 KB). */
function grownScratch(scratch: Int32Array): Int32Array {
  const grown = new Int32Array(2 * scratch.length);
  grown.set(scratch);
  if (grown.length <= MAX_SCRATCH) breakScratch = grown;
  return grown;
}

/**
 * Positions of offsets in one version of a text: its line starts and its length, not the text. A
 * span keeps these, not its version's LineMap: an item reused by later versions (items.ts,
 * ItemReuse) then does not keep alive the whole text of the version it was built in (docs/engine.md,
 * "What a keystroke leaves alive").
 */
export class LinePositions {
  /** The line of the last lookup (see lastAtOrBeforeFrom). */
  private cursor = 0;

  constructor(
    /** The offset where each line starts, ascending (LineMap.starts). */
    readonly starts: Int32Array,
    /** The text's length. */
    readonly length: number,
  ) {}

  lineOf(offset: number): number {
    const near = hintOrNext(this.starts, offset, this.cursor, 1, this.starts.length);
    return (this.cursor = near >= 0 ? near : lastAtOrBeforeFrom(this.starts, offset, this.cursor));
  }

  positionAt(offset: number): Position {
    LineMap.positionsMade++;
    const clamped = Math.max(0, Math.min(offset, this.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.starts[line] };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** Line starts of a text; the line breaks are \r\n, \n and \r, as in LSP. */
export class LineMap {
  /**
   * The offset where each line starts, ascending (never written after the constructor). A typed
   * array of the exact length: the breaks are counted first, so nothing grows and is copied.
   */
  readonly starts: Int32Array;
  /** Positions of offsets (the same starts and the text's length, without the text). */
  readonly positions: LinePositions;

  /** The text may hold a \r (false: it holds none, and every break is a \n). */
  private readonly mayHaveCR: boolean;

  /**
   * With `previous`, the map of an earlier version of the document whose text has its first
   * `head` and its last `tail` characters in common with `text` (text-change.ts; they do not
   * overlap): the lines that start before `head` are taken from it, those that start in the
   * common end shifted by the change of length, and only the text between is searched for
   * breaks (an edit at the end of a 5 MB letter reads its last line, not 5 MB).
   */
  constructor(
    readonly text: string,
    previous?: LineMap,
    head = 0,
    tail = 0,
  ) {
    // A line start depends on the character before it (its break) and the one at it (which
    // tells \r from \r\n). Before `head` both are in the common start, so the line starts
    // there in both texts.
    const kept = previous && head > 0 ? lastAtOrBeforeFrom(previous.starts, head - 1, previous.starts.length - 1) + 1 : 1;
    const from = previous ? previous.starts[kept - 1] : 0;
    // A start whose break is in the common end (at or after `end`) is the earlier start shifted.
    const end = text.length - tail;
    const shift = previous ? text.length - previous.text.length : 0;
    const tailFrom = previous && tail > 0 ? lastAtOrBeforeFrom(previous.starts, end - shift, previous.starts.length - 1) + 1 : (previous?.starts.length ?? 0);
    const tailCount = previous ? previous.starts.length - tailFrom : 0;
    const firstCR = previous ? text.indexOf('\r', head) : text.indexOf('\r');
    this.mayHaveCR = previous ? previous.mayHaveCR || (firstCR >= 0 && firstCR < end) : firstCR >= 0;
    // The new starts, found in one pass (the native search jumps from break to break when every
    // break is a \n), are written to a scratch array, then copied to an array of their number.
    let found = 0;
    let scratch = breakScratch;
    if (!this.mayHaveCR) {
      // Only \n breaks (the usual case): indexOf in the loop itself, not in a function of its own
      // (a call per line is what costs most before the loop is compiled).
      for (let at = text.indexOf('\n', from); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) {
        if (found === scratch.length) scratch = grownScratch(scratch);
        scratch[found++] = at + 1;
      }
    } else {
      for (let i = nextBreak(text, from); i >= 0 && i <= end; i = nextBreak(text, i)) {
        if (found === scratch.length) scratch = grownScratch(scratch);
        scratch[found++] = i;
      }
    }
    const starts = new Int32Array(kept + found + tailCount);
    if (kept > 1 && previous) starts.set(previous.starts.subarray(0, kept));
    starts.set(scratch.subarray(0, found), kept);
    let line = kept + found;
    for (let j = tailFrom; previous && j < previous.starts.length; j++) starts[line++] = previous.starts[j] + shift;
    this.starts = starts;
    this.positions = new LinePositions(starts, text.length);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The line's text without its line break. */
  lineText(line: number): string {
    const start = this.starts[line];
    return this.text.slice(start, start + this.lineLength(line));
  }

  /** The length of the line's text without its line break (`lineText(line).length`, without the text). */
  lineLength(line: number): number {
    const start = this.starts[line];
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end - start;
  }

  lineOf(offset: number): number {
    return this.positions.lineOf(offset);
  }

  /** Positions made by `positionAt` since the start (tests count them). */
  static positionsMade = 0;

  positionAt(offset: number): Position {
    return this.positions.positionAt(offset);
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.starts[position.line];
    const lineLength = this.lineText(position.line).length;
    return start + Math.max(0, Math.min(position.character, lineLength));
  }

  range(start: number, end: number): Range {
    return this.positions.range(start, end);
  }
}

/**
 * A piece of the document's text and where it stands, kept as offsets: the LSP range is computed
 * the first time it is read, then kept. Most spans of a parse are never reported or shown, so
 * most never make their range (a range is three objects; docs/engine.md, "Spans keep offsets").
 * The offsets belong to the version of the document the span was parsed from, which is why the
 * span keeps that version's line starts (an item reused by a later version stands on the same
 * lines, so its ranges are still true; its offsets may not be, and are not exposed). It keeps
 * them without the version's text (LinePositions).
 */
export class TextSpan {
  // Private fields (#): not the span's own properties, so a span shows (and serializes as) its
  // text and range only.
  readonly #lines: LinePositions;
  readonly #start: number;
  readonly #end: number;
  #range: Range | undefined;

  constructor(
    readonly text: string,
    lines: LineMap,
    startOffset: number,
    endOffset: number,
  ) {
    this.#lines = lines.positions;
    this.#start = startOffset;
    this.#end = endOffset;
  }

  get range(): Range {
    return (this.#range ??= this.#lines.range(this.#start, this.#end));
  }

  /** Serialized as the plain span it stands for (text and range), as model dumps expect. */
  toJSON(): object {
    return { ...this, range: this.range };
  }
}

/**
 * A part of the model that stands where a span stands (a labelled paragraph, a guideline
 * reference, a page): its `range` is the span's, computed when first read (TextSpan). The span
 * is a private field: the part shows (and serializes as) its own fields and its range.
 */
export class Placed {
  readonly #at: { readonly range: Range };

  constructor(at: { readonly range: Range }) {
    this.#at = at;
  }

  get range(): Range {
    return this.#at.range;
  }

  toJSON(): object {
    return { ...this, range: this.range };
  }
}

/**
 * A span of joined text (a labelled paragraph's content) that keeps the join map: `offsetOf(i)`
 * is the document offset of index `i` of `text`, counted from the span's start (model.ts, Span).
 */
export class JoinedSpan extends TextSpan {
  /**
   * The joined text's pieces (JoinedText), not the joined text: it keeps its source, the whole
   * text of its version. A span is cut once the pieces are all appended.
   */
  readonly #pieces: readonly number[];
  readonly #used: number;
  #cursor = 0;
  /** Index of the span's first character in the joined text. */
  readonly #from: number;

  constructor(text: string, lines: LineMap, startOffset: number, endOffset: number, joined: JoinedText, from: number) {
    super(text, lines, startOffset, endOffset);
    this.#pieces = joined.pieces;
    this.#used = joined.used;
    this.#from = from;
  }

  offsetOf(index: number): number {
    const within = Math.max(0, Math.min(index, this.text.length));
    return this.#offsetAt(this.#from + within) - this.#offsetAt(this.#from);
  }

  #offsetAt(index: number): number {
    this.#cursor = pieceAt(this.#pieces, this.#used, index, this.#cursor);
    return sourceOffset(this.#pieces, this.#used, this.#cursor, index);
  }
}

/**
 * Text joined from several pieces of one source (the lines of a wrapped paragraph), with a map
 * from each joined index back to a source offset. The map holds the pieces only: an index in a
 * separator maps to the end of the piece before it (the lookup lands on that piece, past its end).
 * The pieces are numbers (three a piece, in one array); the text is sliced and joined when it is
 * first read, not kept in parts.
 */
export class JoinedText {
  /** The text the pieces are cut from. */
  private source = '';
  /**
   * Per piece, flat: its start in the joined text, its start in the source, its length. Made at
   * the size the caller expects (a paragraph knows its lines), so it is not grown and copied.
   * (Read by the spans cut from it, which keep these, not the source: JoinedSpan.)
   */
  readonly pieces: number[];
  /** How many numbers of `pieces` are used (three a piece). */
  used = 0;
  /** The piece of the last lookup (see lastAtOrBeforeFrom). */
  private cursor = 0;
  private length = 0;
  private cached: string | undefined;
  /** `cached` is a copy, not a slice of the source (see `cut`). */
  private owned = false;

  /** `expectedPieces`: how many pieces will probably be appended (more may be). */
  constructor(expectedPieces = 0) {
    this.pieces = expectedPieces > 0 ? new Array<number>(3 * expectedPieces) : [];
  }

  /**
   * Appends `source.slice(start, end)`; `separator` is put before it when the text is not empty.
   * Every piece comes from the same source.
   */
  append(source: string, start: number, end: number, separator: ' ' | ''): void {
    if (this.used === 0) this.source = source;
    else if (source !== this.source) throw new Error('JoinedText: every piece comes from the same source');
    if (this.length > 0 && separator) this.length += separator.length;
    const pieces = this.pieces;
    pieces[this.used++] = this.length;
    pieces[this.used++] = start;
    pieces[this.used++] = end - start;
    this.length += end - start;
    this.cached = undefined;
    this.owned = false;
  }

  get text(): string {
    return (this.cached ??= this.join());
  }

  private join(): string {
    const pieces = this.pieces;
    const used = this.used;
    // One piece (a paragraph of one line): its slice, no array (spans cut from it copy theirs: `cut`).
    if (used === 3) return this.source.slice(pieces[1], pieces[1] + pieces[2]);
    // The only separator is a space: a gap before a piece's joined start is one. The parts are
    // counted first, so that their array is made at its size (not grown and copied).
    let count = 0;
    for (let k = 0, joinedEnd = 0; k < used; joinedEnd = pieces[k] + pieces[k + 2], k += 3) count += pieces[k] > joinedEnd ? 2 : 1;
    const parts = new Array<string>(count);
    let n = 0;
    for (let k = 0, joinedEnd = 0; k < used; joinedEnd = pieces[k] + pieces[k + 2], k += 3) {
      if (pieces[k] > joinedEnd) parts[n++] = ' ';
      parts[n++] = this.source.slice(pieces[k + 1], pieces[k + 1] + pieces[k + 2]);
    }
    return parts.join('');
  }

  /** The document offset of joined index `index` (0 <= index <= length). */
  offsetAt(index: number): number {
    if (this.used === 0) return 0;
    this.cursor = pieceAt(this.pieces, this.used, index, this.cursor);
    return sourceOffset(this.pieces, this.used, this.cursor, index);
  }

  /** Document offsets [start, end) of the joined range [from, to). */
  span(from: number, to: number): { start: number; end: number } {
    const start = this.offsetAt(from);
    return { start, end: this.endOffset(from, to, start) };
  }

  /** The end of `span(from, to)`, given its start (no object made). */
  private endOffset(from: number, to: number, start: number): number {
    return to > from ? Math.max(start, this.offsetAt(to - 1) + 1) : start;
  }

  /** The joined range [from, to) as a span of the document that `lines` maps. */
  textSpan(lines: LineMap, from: number, to: number): TextSpan {
    const start = this.offsetAt(from);
    return new TextSpan(this.cut(from, to), lines, start, this.endOffset(from, to, start));
  }

  /** Like `textSpan`, keeping the join map (`JoinedSpan.offsetOf`). */
  joinedSpan(lines: LineMap, from: number, to: number): JoinedSpan {
    const start = this.offsetAt(from);
    return new JoinedSpan(this.cut(from, to), lines, start, this.endOffset(from, to, start), this, from);
  }

  /**
   * The text [from, to) for a span. The text of one piece is a slice of the whole document, and a
   * slice keeps its source alive: a span of an item that later versions reuse (items.ts) would
   * keep the text of the version it was built in, so the first span cut from it makes the text a
   * copy (`detached`), once, and spans are slices of that. Joined text is the paragraph's own.
   */
  private cut(from: number, to: number): string {
    if (this.used === 3 && !this.owned) {
      this.cached = detached(this.text);
      this.owned = true;
    }
    return this.text.slice(from, to);
  }
}

/** The piece of joined index `index` among `used / 3` pieces (searched from piece `hint`, see lastAtOrBeforeFrom). */
function pieceAt(pieces: readonly number[], used: number, index: number, hint: number): number {
  const n = used / 3;
  const near = hintOrNext(pieces, index, hint, 3, n);
  return near >= 0 ? near : lastAtOrBeforeFrom(pieces, index, hint, 3, n);
}

/** The source offset of joined index `index`, in piece `piece` (0 with no piece). */
function sourceOffset(pieces: readonly number[], used: number, piece: number, index: number): number {
  if (used === 0) return 0;
  const k = 3 * piece;
  return pieces[k + 1] + Math.min(index - pieces[k], pieces[k + 2]);
}

/**
 * Edit distance with adjacent transpositions counted as one edit (optimal string alignment:
 * "Nuerontin" is one edit from "Neurontin"), giving up (returning max + 1) once it must exceed
 * `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[b.length];
}

/**
 * A copy of `s` that does not keep alive the text it was sliced from. V8 represents a slice of a
 * long string as a view that holds the whole parent: a line of a 5 MB letter kept as a cache key
 * (a rule's per-line memo, a parser or quotation memory) would keep all 5 MB of that version.
 * Joining a character in front makes V8 build the joined text anew when it is sliced again, so
 * the result refers to a string of the line's own length only. Every cache keyed by letter text
 * stores its keys through this.
 */
export function detached(s: string): string {
  return (' ' + s).slice(1);
}

/** Shortens text for a message: collapses white space and cuts at `max` characters. */
export function quote(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1).trimEnd() + '…';
}
