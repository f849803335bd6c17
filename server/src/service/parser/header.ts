/** The letter's header block: its labelled fields ("Case Number:", "Decision Date:" ...) and their parsed dates. */
import type { Header, HeaderField, Span } from './model';
import type { LineTable } from './lines';
import { isWhiteSpace, TextSpan, type LineMap } from '../text';
import { parseUsDate } from '../dates';
import { HEADER_FIELDS, headerLabels, RECEIVED_CONTINUATION } from './vocabulary';

/** The fields by their label in lower case, without the colon ("date of injury"). */
const FIELD_BY_LABEL = new Map(HEADER_FIELDS.map((f) => [f.label.slice(0, -1).toLowerCase(), f]));
/**
 * The fields by their label as the letters write it ("Date of Injury"): looked up first, so that
 * a label so written is not made lower case (a call into the runtime and a new string: a quarter
 * of the header's parse).
 */
const FIELD_BY_WRITTEN_LABEL = new Map(HEADER_FIELDS.map((f) => [f.label.slice(0, -1), f]));
const APPLICATION_RECEIVED = HEADER_FIELDS.find((f) => f.name === 'applicationReceived')!;

/** White-space runs as one space (the replace runs only when there is something to replace). */
function singleSpaced(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWhiteSpace(c) && (c !== 32 || isWhiteSpace(text.charCodeAt(i + 1)))) return text.replace(/\s+/g, ' ');
  }
  return text;
}

/** The header fields in the first `count` lines of `lines` (line indexes, no line objects). */
export function parseHeader(lines: LineTable, count: number, lineMap: LineMap): Header | undefined {
  const fields: HeaderField[] = [];
  let first = -1;
  let last = -1;
  // One global expression per call (no lastIndex shared with another caller), reset for each line.
  const labels = headerLabels();
  // The line's labels are its first `found` (an array emptied by a count: setting `length` is a
  // call into the runtime).
  const matches: Array<{ index: number; length: number; name: string; wrapped: boolean }> = [];
  for (let i = 0; i < count; i++) {
    if (lines.blank(i)) continue;
    let found = 0;
    const lineStart = lines.start(i);
    const lineText = lines.doc.slice(lineStart, lineStart + lines.length(i));
    labels.lastIndex = 0;
    for (let m = labels.exec(lineText); m; m = labels.exec(lineText)) {
      matches[found++] = { index: m.index, length: m[0].length, name: singleSpaced(m[1] ?? 'Application'), wrapped: !m[1] };
    }
    if (found === 0) continue;
    if (first < 0) first = i;
    last = i;
    for (let k = 0; k < found; k++) {
      const m = matches[k];
      const spec = FIELD_BY_WRITTEN_LABEL.get(m.name) ?? FIELD_BY_LABEL.get(m.name.toLowerCase()) ?? APPLICATION_RECEIVED;
      let label: Span = new TextSpan(lineText.slice(m.index, m.index + m.length), lineMap, lineStart + m.index, lineStart + m.index + m.length);
      if (m.wrapped) {
        let n = i + 1;
        while (n < count && lines.blank(n)) n++;
        const next = n < count ? lines.content(n) : undefined;
        if (next === undefined || !RECEIVED_CONTINUATION.test(next)) continue; // "Application" in other text
        label = new TextSpan(`${label.text} ${next}`, lineMap, lineStart + m.index, lines.start(n) + lines.end(n));
        last = n;
      }
      const valueStart = m.index + m.length;
      const valueEnd = k + 1 < found ? matches[k + 1].index : lines.end(i);
      let a = valueStart;
      let b = valueEnd;
      while (a < b && isWhiteSpace(lineText.charCodeAt(a))) a++;
      while (b > a && isWhiteSpace(lineText.charCodeAt(b - 1))) b--;
      const value = b > a ? new TextSpan(lineText.slice(a, b), lineMap, lineStart + a, lineStart + b) : undefined;
      const field: HeaderField = { name: spec.name, label, value };
      const date = spec.isDate && value ? parseUsDate(value.text) : undefined;
      if (date) field.date = date;
      fields.push(field);
    }
  }
  if (first < 0) return undefined;
  return { fields, range: lineMap.range(lines.start(first) + lines.lead(first), lines.start(last) + lines.end(last)) };
}
