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

export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  let index = 0;
  const length = text.length;
  while (start <= length) {
    let stop = start;
    while (stop < length) {
      const c = text.charCodeAt(stop);
      if (c === 10 || c === 13) break;
      stop++;
    }
    const raw = text.slice(start, stop);
    let lead = 0;
    let ff = false;
    while (lead < raw.length && isSpace(raw.charCodeAt(lead))) {
      if (raw.charCodeAt(lead) === 12) ff = true;
      lead++;
    }
    let end = raw.length;
    while (end > lead && isSpace(raw.charCodeAt(end - 1))) end--;
    lines.push({ line: index++, start, text: raw, lead, end, ff, blank: lead >= end });
    if (stop >= length) break;
    start = text.charCodeAt(stop) === 13 && text.charCodeAt(stop + 1) === 10 ? stop + 2 : stop + 1;
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
