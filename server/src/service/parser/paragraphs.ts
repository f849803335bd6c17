/** Step two of the parse: lines grouped into paragraphs (DOMAIN.md 2.5 step 3), wrapped lines joined once. */
import { JoinedText } from '../text';
import { content, SourceLine } from './lines';
import type { LabelKind } from './model';
import { ISSUES_INTRO, LABELS } from './vocabulary';

export interface Paragraph {
  lines: SourceLine[];
  joined: JoinedText;
  label?: LabelKind;
  labelLength: number;
}

export function labelOf(text: string): { kind: LabelKind; length: number } | undefined {
  for (const l of LABELS) {
    const m = l.pattern.exec(text);
    if (m) return { kind: l.kind, length: m[0].length };
  }
  return undefined;
}

const DECISION_LINE_END = /:\s*(?:Upheld|Overturned)\.?$/i;
const DECISION_ALONE = /^(?:Upheld|Overturned)\.?$/i;

/** The patterns of this module that run over letter text, for the adversarial tests. */
export const PARAGRAPH_PATTERNS: Readonly<Record<string, RegExp>> = { DECISION_LINE_END, DECISION_ALONE };

/** Groups lines into paragraphs (DOMAIN.md 2.5 step 3), joining wrapped lines. */
export function toParagraphs(lines: SourceLine[], text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: SourceLine[] = [];
  // Facts about the paragraph being built, computed once when it starts.
  let startsWithIntro = false;
  let startsWithLabel = false;
  let prevText = '';
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
    if (current.length) {
      const pageBreak = l.ff && /[.?!)"\u201d]$/.test(prevText) && !DECISION_ALONE.test(c);
      const afterIntro = startsWithIntro && prevText.endsWith(':');
      const afterDecision = DECISION_LINE_END.test(prevText) || DECISION_ALONE.test(prevText);
      const headerInsideLabel = startsWithLabel && DECISION_LINE_END.test(c) && /[.)"]$/.test(prevText);
      if (isLabel || pageBreak || afterIntro || afterDecision || headerInsideLabel) flush();
    }
    if (current.length === 0) {
      startsWithIntro = ISSUES_INTRO.test(c);
      startsWithLabel = isLabel;
    }
    current.push(l);
    prevText = c;
  }
  flush();
  return paragraphs;
}

export function makeParagraph(lines: SourceLine[], text: string): Paragraph {
  const joined = new JoinedText();
  let prevContent = '';
  for (const l of lines) {
    const c = content(l);
    const hyphenJoin = /[A-Za-z]-$/.test(prevContent) && /^[A-Za-z]/.test(c);
    joined.append(text, l.start + l.lead, l.start + l.end, hyphenJoin ? '' : ' ');
    prevContent = c;
  }
  const label = labelOf(joined.text);
  return { lines, joined, label: label?.kind, labelLength: label?.length ?? 0 };
}
