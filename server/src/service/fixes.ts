/**
 * Applying fixes: the one routine every caller uses (tests, the CLI's --fix, fix-all in the
 * editor). Fixes are data (rules/rule.ts); this turns a set of edits into new text, or refuses.
 */
import type { TextEdit } from './problem';
import { LineMap } from './text';

export interface ApplyResult {
  /** The text with every edit applied (the input text when `refused`). */
  text: string;
  /** How many edits were applied. */
  applied: number;
  /** Why nothing was applied: edits overlap, or a position lies outside the text. */
  refused?: 'overlap' | 'out-of-range';
}

/** The document's own line break: the first one found (\r\n, \r or \n); \n when there is none. */
export function lineEndingOf(text: string): string {
  const i = text.search(/[\r\n]/);
  if (i < 0) return '\n';
  if (text[i] === '\r') return text[i + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

/** Rewrites the \n line breaks of inserted text to the document's own line ending. */
export function withLineEnding(newText: string, eol: string): string {
  return eol === '\n' ? newText : newText.replace(/\r\n|\r|\n/g, eol);
}

/**
 * Applies edits given in positions of `text`. All edits or none: overlapping edits (two edits
 * touching the same characters, or two insertions at the same place) and positions outside the
 * text are refused. Inserted line breaks take the document's own line ending.
 */
export function applyFixes(text: string, edits: readonly TextEdit[]): ApplyResult {
  if (edits.length === 0) return { text, applied: 0 };
  const map = new LineMap(text);
  const eol = lineEndingOf(text);
  const spans: Array<{ start: number; end: number; newText: string }> = [];
  for (const edit of edits) {
    const { start, end } = edit.range;
    if (start.line < 0 || end.line >= map.lineCount || start.character < 0 || end.character < 0) {
      return { text, applied: 0, refused: 'out-of-range' };
    }
    if (start.character > map.lineText(start.line).length || end.character > map.lineText(end.line).length) {
      return { text, applied: 0, refused: 'out-of-range' };
    }
    const s = map.offsetAt(start);
    const e = map.offsetAt(end);
    if (e < s) return { text, applied: 0, refused: 'out-of-range' };
    spans.push({ start: s, end: e, newText: withLineEnding(edit.newText, eol) });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1];
    const cur = spans[i];
    // Overlap, or an insertion at the same place another edit starts (the order would be a guess).
    if (cur.start < prev.end || (cur.start === prev.start && (prev.start === prev.end || cur.start === cur.end))) {
      return { text, applied: 0, refused: 'overlap' };
    }
  }
  const parts: string[] = [];
  let at = 0;
  for (const span of spans) {
    parts.push(text.slice(at, span.start), span.newText);
    at = span.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), applied: spans.length };
}
