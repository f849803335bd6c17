/**
 * Step one of the parse: the physical lines of the text, their trimmed extent, the form-feed
 * flag, and the layout family (DOMAIN.md 2.1, 2.5).
 */

export interface SourceLine {
  /** 0-based physical line number. */
  line: number;
  /** Offset of the line's first character in the document. */
  start: number;
  /** The raw line, without its line break. */
  text: string;
  /** Index of the first character that is not white space or a form feed. */
  lead: number;
  /** Index after the last character that is not white space or a form feed. */
  end: number;
  /** The line starts a page (a form feed before its first character). */
  ff: boolean;
  blank: boolean;
}

export function content(line: SourceLine): string {
  return line.text.slice(line.lead, line.end);
}

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
    lines[index] = { line: index, start, text: text.slice(start, stop), lead: lead - start, end: end - start, ff, blank: lead >= end };
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
    if (lines[i].text.length === 0) continue;
    text++;
    if (i + 1 < lines.length && lines[i + 1].text.length === 0) followed++;
  }
  return text >= 4 && followed / text >= 0.9;
}

/** The lines that carry the letter: in the double-spaced layout the empty spacer lines go. */
export function logicalLines(lines: SourceLine[], doubleSpaced: boolean): SourceLine[] {
  return doubleSpaced ? lines.filter((l) => l.text.length > 0) : lines;
}
