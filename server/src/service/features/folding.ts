import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import type { LetterModel } from '../parser/model';

/** Sections, items and multi-line paragraphs fold. */
export function getFoldingRanges(model: LetterModel): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: string) => {
    if (end > start) ranges.push(FoldingRange.create(start, end, undefined, undefined, kind));
  };
  if (model.header) add(model.header.range.start.line, model.header.range.end.line, FoldingRangeKind.Region);
  for (const s of model.sections) add(s.range.start.line, s.range.end.line, FoldingRangeKind.Region);
  for (const item of model.items) {
    add(item.range.start.line, item.range.end.line, FoldingRangeKind.Region);
    for (const p of item.paragraphs) add(p.range.start.line, p.range.end.line);
  }
  return ranges;
}
