/** Step two of the parse: lines grouped into paragraphs (DOMAIN.md 2.5 step 3), wrapped lines joined once. */
import { JoinedText } from '../text';
import { content, hyphenSplit, SourceLine } from './lines';
import type { LabelKind } from './model';
import { ISSUES_INTRO, LABELS } from './vocabulary';

export interface Paragraph {
  lines: SourceLine[];
  joined: JoinedText;
  label?: LabelKind;
  labelLength: number;
}

/** The labels with their first letter in lower case: a label's pattern is tried only on text starting with that letter. */
const LABELS_BY_INITIAL = LABELS.map((l) => ({ ...l, initial: l.label.charCodeAt(0) | 0x20 }));

export function labelOf(text: string): { kind: LabelKind; length: number } | undefined {
  // `| 0x20` maps exactly the two cases of a letter to its lower case; the patterns are /i.
  const initial = text.charCodeAt(0) | 0x20;
  for (const l of LABELS_BY_INITIAL) {
    if (l.initial !== initial) continue;
    const m = l.pattern.exec(text);
    if (m) return { kind: l.kind, length: m[0].length };
  }
  return undefined;
}

const DECISION_LINE_END = /:\s*(?:Upheld|Overturned)\.?$/i;
const DECISION_ALONE = /^(?:Upheld|Overturned)\.?$/i;

/** The patterns of this module that run over letter text, for the adversarial tests. */
export const PARAGRAPH_PATTERNS: Readonly<Record<string, RegExp>> = { DECISION_LINE_END, DECISION_ALONE };

/** Both decision patterns end in "d" or "d." (either case): tested on the characters first. */
function mayEndWithDecision(text: string): boolean {
  let last = text.length - 1;
  if (text.charCodeAt(last) === 46 /* . */) last--;
  return (text.charCodeAt(last) | 0x20) === 0x64; /* d */
}

const endsWithDecisionLine = (text: string) => mayEndWithDecision(text) && DECISION_LINE_END.test(text);
const isDecisionAlone = (text: string) => mayEndWithDecision(text) && DECISION_ALONE.test(text);

export function toParagraphs(lines: SourceLine[], text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: SourceLine[] = [];
  // Facts about the paragraph being built, computed once when it starts.
  let startsWithIntro = false;
  let startsWithLabel = false;
  let prevText = '';
  let prevEndsWithDecision = false;
  const flush = () => {
    if (current.length) paragraphs.push(makeParagraph(current, text));
    current = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.blank) {
      flush();
      continue;
    }
    const c = content(l);
    const isLabel = labelOf(c) !== undefined;
    // Each line is tested once: the result serves again when the line is the previous one.
    const endsWithDecision = endsWithDecisionLine(c);
    if (current.length) {
      const pageBreak = l.ff && /[.?!)"\u201d]$/.test(prevText) && !isDecisionAlone(c);
      const afterIntro = startsWithIntro && prevText.endsWith(':');
      const afterDecision = prevEndsWithDecision || isDecisionAlone(prevText);
      const headerInsideLabel = startsWithLabel && endsWithDecision && /[.)"]$/.test(prevText);
      if (isLabel || pageBreak || afterIntro || afterDecision || headerInsideLabel) flush();
    }
    if (current.length === 0) {
      startsWithIntro = ISSUES_INTRO.test(c);
      startsWithLabel = isLabel;
    }
    current.push(l);
    prevText = c;
    prevEndsWithDecision = endsWithDecision;
  }
  flush();
  return paragraphs;
}

export function makeParagraph(lines: SourceLine[], text: string): Paragraph {
  const joined = new JoinedText();
  let prev: SourceLine | undefined;
  for (const l of lines) {
    joined.append(text, l.start + l.lead, l.start + l.end, hyphenSplit(prev, l) ? '' : ' ');
    prev = l;
  }
  const label = labelOf(joined.text);
  return { lines, joined, label: label?.kind, labelLength: label?.length ?? 0 };
}
