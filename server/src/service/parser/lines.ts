/**
 * Step one of the parse: the physical lines of the text, their trimmed extent, the form-feed
 * flag, and the layout family (DOMAIN.md 2.1, 2.5).
 */

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

const isAsciiLetter = (code: number) => (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;

/** A line ending in a letter and a hyphen, followed by one starting with a letter: the word was split ("medi-" "cation"). */
export function hyphenSplit(prev: SourceLine | undefined, next: SourceLine): boolean {
  if (!prev || prev.end - prev.lead < 2) return false;
  const at = prev.start + prev.end;
  return prev.doc.charCodeAt(at - 1) === 45 /* - */ && isAsciiLetter(prev.doc.charCodeAt(at - 2)) && isAsciiLetter(next.doc.charCodeAt(next.start + next.lead));
}

/** Groups lines into paragraphs (DOMAIN.md 2.5 step 3), joining wrapped lines. */
function isSpace(code: number): boolean {
  // space, tab, form feed, vertical tab, no-break space
  return code === 32 || code === 9 || code === 12 || code === 11 || code === 160 || code === 0xfeff;
}

/** The lines of `text`, given the offsets where its lines start (LineMap.starts). */
export function splitLines(text: string, starts: readonly number[]): SourceLine[] {
  const lines: SourceLine[] = new Array(starts.length);
  for (let index = 0; index < starts.length; index++) {
    const start = starts[index];
    let stop = index + 1 < starts.length ? starts[index + 1] : text.length;
    while (stop > start && (text.charCodeAt(stop - 1) === 10 || text.charCodeAt(stop - 1) === 13)) stop--;
    let lead = start;
    let ff = false;
    while (lead < stop && isSpace(text.charCodeAt(lead))) {
      if (text.charCodeAt(lead) === 12) ff = true;
      lead++;
    }
    let end = stop;
    while (end > lead && isSpace(text.charCodeAt(end - 1))) end--;
    lines[index] = new SourceLine(text, index, start, stop - start, lead - start, end - start, ff, lead >= end);
  }
  return lines;
}

/**
 * The 2014-15 double-spaced layout: nearly every text line is followed by an empty line, and a
 * paragraph break is a line holding only spaces.
 */
export function isDoubleSpaced(lines: SourceLine[]): boolean {
  let text = 0;
  let followed = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length === 0) continue;
    text++;
    if (i + 1 < lines.length && lines[i + 1].length === 0) followed++;
  }
  return text >= 4 && followed / text >= 0.9;
}

/** The lines that carry the letter: in the double-spaced layout the empty spacer lines go. */
export function logicalLines(lines: SourceLine[], doubleSpaced: boolean): SourceLine[] {
  return doubleSpaced ? lines.filter((l) => l.length > 0) : lines;
}
