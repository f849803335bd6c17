/** Step two of the parse: lines grouped into paragraphs (DOMAIN.md 2.5 step 3), wrapped lines joined once. */
import { JoinedText } from '../text';
import type { LineTable } from './lines';
import type { LabelKind } from './model';
import { ISSUES_INTRO, LABELS } from './vocabulary';

/**
 * Lines [first, end) of a line table, its blank lines left out (a paragraph has none, except a
 * header grown over the paragraphs after it, items.ts): indexes, no line objects.
 */
export interface Paragraph {
  lines: LineTable;
  first: number;
  end: number;
  /** The number of lines that are not blank. */
  count: number;
  /** The lines joined (made on first read: see LineParagraph). */
  readonly joined: JoinedText;
  label?: LabelKind;
  labelLength: number;
}

/**
 * A paragraph whose joined text is made when first read. An edit re-parses the paragraphs of the
 * whole issues section, and the items it does not touch are taken from the previous version
 * without reading their paragraphs' text (items.ts, ItemReuse): most paragraphs of a keystroke's
 * parse never need theirs. The lines joined are the ones the paragraph had when it was made,
 * as when it was joined at once (parseItems grows a header's `end` afterwards, then makes it again).
 */
class LineParagraph implements Paragraph {
  label: LabelKind | undefined = undefined;
  labelLength = 0;
  private made: JoinedText | undefined = undefined;
  private readonly joinEnd: number;

  constructor(
    readonly lines: LineTable,
    public first: number,
    public end: number,
    public count: number,
  ) {
    this.joinEnd = end;
  }

  get joined(): JoinedText {
    return (this.made ??= joinLines(this.lines, this.first, this.joinEnd));
  }
}

/** The labels with their first letter in lower case: a label's pattern is tried only on text starting with that letter. */
const LABELS_BY_INITIAL = LABELS.map((l) => ({
  ...l,
  initial: l.label.charCodeAt(0) | 0x20,
  /** The three letters the pattern starts with, lower case; undefined when it starts otherwise (then it is always tried). */
  lead: leadingLetters(l.pattern),
  sticky: new RegExp(l.pattern.source, `${l.pattern.flags}y`),
}));

/**
 * The char codes of the three ASCII letters every match of a pattern starts with (after its ^, the
 * third not made optional or repeated by a quantifier, no alternative anywhere), lower case.
 */
function leadingLetters(pattern: RegExp): readonly [number, number, number] | undefined {
  if (pattern.source.includes('|')) return undefined;
  const letters = /^\^([A-Za-z]{3})(?![*?{])/.exec(pattern.source)?.[1].toLowerCase();
  return letters ? [letters.charCodeAt(0), letters.charCodeAt(1), letters.charCodeAt(2)] : undefined;
}

/** `labelOf(text) !== undefined`, without the match. */
function hasLabel(text: string): boolean {
  const initial = text.charCodeAt(0) | 0x20;
  // Index loops here and in labelOf: they run on every line of every keystroke's parse, often
  // before V8 optimises them, and an unoptimised for-of allocates an iterator result per step.
  for (let k = 0; k < LABELS_BY_INITIAL.length; k++) {
    const l = LABELS_BY_INITIAL[k];
    if (l.initial === initial && l.pattern.test(text)) return true;
  }
  return false;
}

export function labelOf(text: string): { kind: LabelKind; length: number } | undefined {
  // `| 0x20` maps exactly the two cases of a letter to its lower case; the patterns are /i.
  const initial = text.charCodeAt(0) | 0x20;
  for (let k = 0; k < LABELS_BY_INITIAL.length; k++) {
    const l = LABELS_BY_INITIAL[k];
    if (l.initial !== initial) continue;
    // The pattern is anchored at the start: where its sticky copy stops is the match's length
    // (no match array made: this runs on every labelled paragraph of every keystroke's parse).
    l.sticky.lastIndex = 0;
    if (l.sticky.test(text)) return { kind: l.kind, length: l.sticky.lastIndex };
  }
  return undefined;
}

/** The decision words of the two patterns below (lineMayEndWithDecision tests them before either runs). */
const DECISION_WORDS = ['Upheld', 'Overturned'];
const DECISION_LINE_END = new RegExp(`:\\s*(?:${DECISION_WORDS.join('|')})\\.?$`, 'i');
const DECISION_ALONE = new RegExp(`^(?:${DECISION_WORDS.join('|')})\\.?$`, 'i');
/** DECISION_WORDS in lower case. */
const DECISION_WORDS_LOWER = DECISION_WORDS.map((w) => w.toLowerCase());

/** The patterns of this module that run over letter text, for the adversarial tests. */
export const PARAGRAPH_PATTERNS: Readonly<Record<string, RegExp>> = { DECISION_LINE_END, DECISION_ALONE };

/** Line `i`'s first character, `| 0x20` (lower case for a letter). Line `i` is not blank. */
function initialOf(lines: LineTable, i: number): number {
  return lines.doc.charCodeAt(lines.start(i) + lines.lead(i)) | 0x20;
}

/** Line `i`'s last character. Line `i` is not blank. */
function lastOf(lines: LineTable, i: number): number {
  return lines.doc.charCodeAt(lines.start(i) + lines.end(i) - 1);
}

/**
 * Line `i` ends in a decision word, and a period or not (either case), as both decision patterns
 * require: tested on the characters in the document before a pattern runs (prose lines that end
 * in "requested" or "noted" stop here; before, a final "d" let them through). Line `i` is not
 * blank (exported for the tests).
 */
export function lineMayEndWithDecision(lines: LineTable, i: number): boolean {
  const doc = lines.doc;
  const from = lines.start(i) + lines.lead(i);
  let end = lines.start(i) + lines.end(i);
  if (doc.charCodeAt(end - 1) === 46 /* . */) end--;
  for (let k = 0; k < DECISION_WORDS_LOWER.length; k++) if (endsWithWord(doc, from, end, DECISION_WORDS_LOWER[k])) return true;
  return false;
}

/** `doc.slice(from, end)` ends with `word` (lower-case ASCII letters) in either case. */
function endsWithWord(doc: string, from: number, end: number, word: string): boolean {
  const at = end - word.length;
  if (at < from) return false;
  // `| 0x20` maps exactly the two cases of an ASCII letter to the lower one (no other character).
  for (let k = 0; k < word.length; k++) if ((doc.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * Line `i` (not blank) starts with the three letters a label's pattern starts with, in either case:
 * tested on the document's characters before the line is sliced for the patterns (they are
 * case-insensitive, and no character but the two cases of an ASCII letter matches one).
 * Most lines with a label's initial ("Continued", "Medical", "Documentation") stop here (exported for the tests).
 */
export function mayStartLabelAt(lines: LineTable, i: number): boolean {
  if (lines.end(i) - lines.lead(i) < 3) return false;
  const at = lines.start(i) + lines.lead(i);
  const doc = lines.doc;
  const first = doc.charCodeAt(at) | 0x20;
  const second = doc.charCodeAt(at + 1) | 0x20;
  const third = doc.charCodeAt(at + 2) | 0x20;
  for (let k = 0; k < LABELS_BY_INITIAL.length; k++) {
    const lead = LABELS_BY_INITIAL[k].lead;
    if (!lead || (lead[0] === first && lead[1] === second && lead[2] === third)) return true;
  }
  return false;
}

const PAGE_BREAK_AFTER = /[.?!)"\u201d]$/;

/**
 * The paragraphs of lines [from, to) of `lines`. Each line's facts are read on its first and last
 * characters in the document, and its text is sliced only for the patterns they leave possible:
 * an edit's parse runs this over the whole issues section, and most lines need no slice.
 */
export function toParagraphs(lines: LineTable, from: number, to: number): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  /** The current paragraph's first line and its number of lines (no blank line inside it). */
  let first = from;
  let count = 0;
  // Facts about the paragraph being built, computed once when it starts.
  let startsWithIntro = false;
  let startsWithLabel = false;
  /** The previous line of the paragraph (when `count` > 0). */
  let prev = -1;
  let prevEndsWithDecision = false;
  // No closure for the flush: `first` and `count` would live in a context object, and every read
  // and write of them in this loop over the lines would go through it.
  for (let i = from; i < to; i++) {
    if (lines.blank(i)) {
      if (count) paragraphs.push(makeParagraph(lines, first, first + count, count));
      count = 0;
      continue;
    }
    const initial = initialOf(lines, i);
    const isLabel = mayStartLabelAt(lines, i) && hasLabel(lines.content(i));
    // Each line is tested once: the result serves again when the line is the previous one.
    const endsWithDecision = lineMayEndWithDecision(lines, i) && DECISION_LINE_END.test(lines.content(i));
    if (count) {
      const pageBreak =
        lines.ff(i) && PAGE_BREAK_AFTER.test(lines.content(prev)) && !(lineMayEndWithDecision(lines, i) && DECISION_ALONE.test(lines.content(i)));
      const afterIntro = startsWithIntro && lastOf(lines, prev) === 58; /* : */
      const afterDecision = prevEndsWithDecision || (lineMayEndWithDecision(lines, prev) && DECISION_ALONE.test(lines.content(prev)));
      const headerInsideLabel = startsWithLabel && endsWithDecision && /[.)"]$/.test(lines.content(prev));
      if (isLabel || pageBreak || afterIntro || afterDecision || headerInsideLabel) {
        paragraphs.push(makeParagraph(lines, first, first + count, count));
        count = 0;
      }
    }
    if (count === 0) {
      first = i;
      // ISSUES_INTRO starts with "The".
      startsWithIntro = initial === 0x74 && ISSUES_INTRO.test(lines.content(i));
      startsWithLabel = isLabel;
    }
    count++;
    prev = i;
    prevEndsWithDecision = endsWithDecision;
  }
  if (count) paragraphs.push(makeParagraph(lines, first, first + count, count));
  return paragraphs;
}

/** The paragraph of lines [first, end) (`count` of them not blank), wrapped lines joined when read. */
export function makeParagraph(lines: LineTable, first: number, end: number, count: number): Paragraph {
  const paragraph = new LineParagraph(lines, first, end, count);
  const label = paragraphLabel(lines.content(first), count, paragraph);
  if (label) {
    paragraph.label = label.kind;
    paragraph.labelLength = label.length;
  }
  return paragraph;
}

/**
 * `labelOf(joined.text)`, read on the paragraph's first line (`firstLine`) when it tells: a label
 * found there is the joined text's too (the joined text starts with the line, and a label ends at
 * its colon), and a line whose initial is no label's cannot start one. Only a label wrapped over
 * the line's end needs the joined text, which is otherwise made only when read (an item reused
 * by the next version never reads it).
 */
function paragraphLabel(firstLine: string, count: number, paragraph: Paragraph): { kind: LabelKind; length: number } | undefined {
  const label = labelOf(firstLine);
  if (label || count === 1) return label;
  const initial = firstLine.charCodeAt(0) | 0x20;
  return LABELS_BY_INITIAL.some((l) => l.initial === initial) ? labelOf(paragraph.joined.text) : undefined;
}

/** Lines [from, to) joined into one text, blank lines left out: a space between lines, none after a split word. */
export function joinLines(lines: LineTable, from: number, to: number): JoinedText {
  const joined = new JoinedText(to - from);
  let prev = -1;
  for (let i = from; i < to; i++) {
    if (lines.blank(i)) continue;
    const start = lines.start(i);
    joined.append(lines.doc, start + lines.lead(i), start + lines.end(i), lines.hyphenSplit(prev, i) ? '' : ' ');
    prev = i;
  }
  return joined;
}
