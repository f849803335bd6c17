/** The letter's header block: its labelled fields ("Case Number:", "Decision Date:" ...) and their parsed dates. */
import type { Header, HeaderField, Span } from './model';
import { content, SourceLine } from './lines';
import type { LineMap } from '../text';
import { parseUsDate } from '../dates';
import { HEADER_FIELDS, HEADER_LABEL_PATTERN, RECEIVED_CONTINUATION } from './vocabulary';

export function parseHeader(lines: SourceLine[], lineMap: LineMap): Header | undefined {
  const fields: HeaderField[] = [];
  let first: SourceLine | undefined;
  let last: SourceLine | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.blank) continue;
    const matches: Array<{ index: number; length: number; name: string; wrapped: boolean }> = [];
    const labels = new RegExp(HEADER_LABEL_PATTERN.source, 'gi');
    for (let m = labels.exec(l.text); m; m = labels.exec(l.text)) {
      matches.push({ index: m.index, length: m[0].length, name: (m[1] ?? 'Application').replace(/\s+/g, ' '), wrapped: !m[1] });
    }
    if (matches.length === 0) continue;
    first ??= l;
    last = l;
    matches.forEach((m, k) => {
      const spec =
        HEADER_FIELDS.find((f) => f.label.slice(0, -1).toLowerCase() === m.name.toLowerCase()) ?? HEADER_FIELDS.find((f) => f.name === 'applicationReceived')!;
      let label: Span = { text: l.text.slice(m.index, m.index + m.length), range: lineMap.range(l.start + m.index, l.start + m.index + m.length) };
      if (m.wrapped) {
        const next = lines.slice(i + 1).find((n) => !n.blank);
        if (!next || !RECEIVED_CONTINUATION.test(content(next))) return; // "Application" in other text
        label = { text: `${label.text} ${content(next)}`, range: { start: label.range.start, end: lineMap.positionAt(next.start + next.end) } };
        last = next;
      }
      const valueStart = m.index + m.length;
      const valueEnd = k + 1 < matches.length ? matches[k + 1].index : l.end;
      let a = valueStart;
      let b = valueEnd;
      while (a < b && /\s/.test(l.text[a])) a++;
      while (b > a && /\s/.test(l.text[b - 1])) b--;
      const value = b > a ? { text: l.text.slice(a, b), range: lineMap.range(l.start + a, l.start + b) } : undefined;
      const field: HeaderField = { name: spec.name, label, value };
      const date = spec.isDate && value ? parseUsDate(value.text) : undefined;
      if (date) field.date = date;
      fields.push(field);
    });
  }
  if (!first || !last) return undefined;
  return { fields, range: lineMap.range(first.start + first.lead, last.start + last.end) };
}
