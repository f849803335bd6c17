/** Step three of the parse: the paragraphs of the issues section grouped into items, each item built once. */
import type { Catalog } from '../catalog';
import type { Range } from 'vscode-languageserver-types';
import { isWhiteSpace, JoinedText, LineMap, Placed } from '../text';
import { parseCitations } from './citations';
import { findDates } from './body';
import type { BodyDate, CitationBlock, Header, Item, ItemGuideline, ItemHeader, LabelKind, LabelledParagraph, LetterModel, Rationale, Span } from './model';
import { makeParagraph, Paragraph } from './paragraphs';
import { buildHeader, findDecision } from './item-header';
import { buildRationale } from './rationale';
import { ISSUES_INTRO } from './vocabulary';

/** An item header is at most a few lines (partial certifications run to 5). */
const MAX_ITEM_HEADER_LENGTH = 1200;

interface DraftItem {
  header?: Paragraph;
  /** Lines were added to the header after it was made. */
  headerGrown?: boolean;
  labels: Array<{ kind: LabelKind; paragraph: Paragraph; extra: Paragraph[] }>;
}

/**
 * A label's extra paragraphs until it has one (never pushed to): most labels have none, and an
 * empty array per label was made on every keystroke's parse.
 */
const NO_EXTRA: Paragraph[] = [];

/** An item as built, with the rationale dates found while building it. */
interface BuiltItem {
  item: Item;
  dates: BodyDate[];
}

/**
 * The items of the previous version of one document, by what each was built from: its number,
 * its first line, its shape (which paragraphs, how many lines each) and its text. An item whose
 * key is unchanged is the same object in the new model (every range in it is still true, since
 * its text starts on the same line), so it is neither rebuilt nor re-checked (service/index.ts
 * caches rule results by item).
 */
export class ItemReuse {
  /** By item number. */
  private previous = new Map<number, ReuseEntry>();
  private current = new Map<number, ReuseEntry>();
  /** The header, and the dates of the case summary (parse.ts). */
  readonly header = new PartReuse<Header | undefined>(this);
  readonly summaryDates = new PartReuse<BodyDate[]>(this);
  /** Items built by the last parse. */
  built = 0;
  /** Items taken unchanged from the previous version by the last parse. */
  reused = 0;
  /** Parts outside the items (`part`) taken unchanged from the previous version by the last parse. */
  partsReused = 0;

  /** Starts a parse: the items of the last one become the candidates for reuse. */
  begin(): void {
    this.previous = this.current;
    this.current = new Map();
    this.header.begin();
    this.summaryDates.begin();
    this.built = 0;
    this.reused = 0;
    this.partsReused = 0;
  }

  /**
   * The item numbered `number` of `draft`: the previous version's when it had the same first
   * line, layout and shape (`sameShape`) and the same text (`source`, compared only when the rest
   * matches, never hashed: an item's text is kilobytes; the CLI's parses have no previous version
   * at all). Compared field by field, not through a key string: a key per item was built (and
   * flattened by the map) on every keystroke's parse.
   */
  take(draft: DraftItem, number: number, doubleSpaced: boolean, build: (draft: DraftItem, number: number) => BuiltItem): BuiltItem {
    const { firstLine, source } = extentOf(draft);
    const found = this.previous.get(number);
    if (found && found.firstLine === firstLine && found.doubleSpaced === doubleSpaced && sameShape(found.shape, draft) && found.source === source) {
      this.previous.delete(number);
      this.reused++;
      // The entry serves again, with this version's text (not the one it was built from).
      found.source = source;
      this.current.set(number, found);
      return found.item;
    }
    const item = build(draft, number);
    this.built++;
    this.current.set(number, { firstLine, doubleSpaced, shape: shapeOf(draft), source, item });
    return item;
  }
}

interface ReuseEntry {
  /** The number of the item's first line (-1: an item of no paragraph). */
  readonly firstLine: number;
  readonly doubleSpaced: boolean;
  readonly shape: readonly number[];
  source: string;
  readonly item: BuiltItem;
}

/**
 * A part of the letter outside the items, kept like an item: the previous version's when it was
 * built from the same `key` (where it stands: its first line, the layout) and the same `source`
 * (its text, compared only when the key matches). The header and the summary's dates stand
 * before the issues, so an edit in an item leaves them as they were (their positions included).
 */
export class PartReuse<T> {
  private previous: { key: string; source: string; value: T } | undefined;
  private current: { key: string; source: string; value: T } | undefined;

  constructor(private readonly owner: { partsReused: number }) {}

  begin(): void {
    this.previous = this.current;
    this.current = undefined;
  }

  take(key: string, source: string, build: () => T): T {
    const found = this.previous;
    let value: T;
    if (found && found.key === key && found.source === source) {
      this.owner.partsReused++;
      value = found.value;
    } else {
      value = build();
    }
    this.current = { key, source, value };
    return value;
  }
}

/** Label kinds as numbers, for `shapeOf`. */
const KIND_CODES: Readonly<Record<LabelKind, number>> = { claimsAdministrator: 1, maximus: 2, rationale: 3 };

/**
 * An item's shape: which paragraphs it has, how many lines each (the header's count or -1, then
 * per label its kind, its count and its extra paragraphs' counts, their number first). Equal
 * shapes, first lines, layouts and sources build equal items (positions included).
 */
function shapeOf(draft: DraftItem): number[] {
  const shape: number[] = [draft.header ? draft.header.count : -1];
  for (let k = 0; k < draft.labels.length; k++) {
    const l = draft.labels[k];
    shape.push(KIND_CODES[l.kind], l.paragraph.count, l.extra.length);
    for (let x = 0; x < l.extra.length; x++) shape.push(l.extra[x].count);
  }
  return shape;
}

/** `shape` is `shapeOf(draft)`, read without making it. */
function sameShape(shape: readonly number[], draft: DraftItem): boolean {
  if (shape[0] !== (draft.header ? draft.header.count : -1)) return false;
  let at = 1;
  for (let k = 0; k < draft.labels.length; k++) {
    const l = draft.labels[k];
    if (at + 3 > shape.length || shape[at] !== KIND_CODES[l.kind] || shape[at + 1] !== l.paragraph.count || shape[at + 2] !== l.extra.length) return false;
    at += 3;
    for (let x = 0; x < l.extra.length; x++) if (shape[at++] !== l.extra[x].count) return false;
  }
  return at === shape.length;
}

/** The number of the item's first line (-1 when it has no paragraph) and its text, first paragraph to last. */
function extentOf(draft: DraftItem): { firstLine: number; source: string } {
  // The first paragraph and the last; a paragraph's first and last lines are not blank.
  let first = draft.header;
  let last = draft.header;
  // Index loops: this runs for every item of every keystroke's parse (see paragraphs.ts, hasLabel).
  for (let k = 0; k < draft.labels.length; k++) {
    const l = draft.labels[k];
    first ??= l.paragraph;
    last = l.extra.length ? l.extra[l.extra.length - 1] : l.paragraph;
  }
  if (!first || !last) return { firstLine: -1, source: '' };
  const lines = first.lines;
  const end = last.end - 1;
  return { firstLine: lines.number(first.first), source: lines.doc.slice(lines.start(first.first), lines.start(end) + lines.length(end)) };
}

export function parseItems(paragraphs: Paragraph[], model: LetterModel, lineMap: LineMap, catalog: Catalog, reuse?: ItemReuse): void {
  const drafts: DraftItem[] = [];
  let current: DraftItem | undefined;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    if (!current && !model.issuesIntro && ISSUES_INTRO.test(p.joined.text)) {
      const t = p.joined.text;
      model.issuesIntro = p.joined.textSpan(lineMap, 0, t.length);
      continue;
    }
    if (p.label) {
      if (!current) {
        current = { labels: [] };
        drafts.push(current);
      }
      current.labels.push({ kind: p.label, paragraph: p, extra: NO_EXTRA });
      continue;
    }
    const next = paragraphs[i + 1];
    if (isItemHeader(p, next, current)) {
      current = { header: p, labels: [] };
      drafts.push(current);
    } else if (current && current.labels.length) {
      const label = current.labels[current.labels.length - 1];
      if (label.extra === NO_EXTRA) label.extra = [p];
      else label.extra.push(p);
    } else if (current && current.header) {
      // Text between a header and its first label: part of the header, joined once at the end
      // (re-joining it for every paragraph would be quadratic). The paragraphs are consecutive:
      // the header runs to this one's end (blank lines between them are left out).
      current.header.end = p.end;
      current.header.count += p.count;
      current.headerGrown = true;
    }
    // Text before the first item that is not a header is ignored.
  }
  const build = (d: DraftItem, number: number): BuiltItem => {
    if (d.header && d.headerGrown) d.header = makeParagraph(d.header.lines, d.header.first, d.header.end, d.header.count);
    const dates: BodyDate[] = [];
    return { item: buildItem(d, number, lineMap, catalog, dates), dates };
  };
  // An index loop pushing into a packed array (as arrays.ts's mapPacked), not drafts.map: map's
  // result is of one array kind or another depending on the path it takes, and the service's
  // validate, which reads model.items on every keystroke, was de-optimised when it met the other.
  const items: Item[] = [];
  for (let k = 0; k < drafts.length; k++) {
    const d = drafts[k];
    let built: BuiltItem;
    if (reuse) {
      built = reuse.take(d, k + 1, model.doubleSpaced, build);
    } else {
      built = build(d, k + 1);
    }
    for (let x = 0; x < built.dates.length; x++) model.dates.push(built.dates[x]);
    items.push(built.item);
  }
  model.items = items;
}

function isItemHeader(p: Paragraph, next: Paragraph | undefined, current: DraftItem | undefined): boolean {
  const text = p.joined.text;
  if (text.length > MAX_ITEM_HEADER_LENGTH) return false;
  if (findDecision(text)) return true;
  if (!next || !next.label) return false;
  if (!current || current.labels.some((l) => l.kind === 'rationale')) return true;
  return current.labels.some((l) => l.kind === next.label);
}

/** A labelled paragraph, placed where its text stands (its range is computed when read). */
class PlacedParagraph extends Placed implements LabelledParagraph {
  citations?: CitationBlock;

  constructor(
    readonly kind: LabelKind,
    readonly label: Span,
    readonly content: Span,
    at: Span,
  ) {
    super(at);
  }
}

/**
 * An item as built. Its range runs from its header (else its first paragraph) to its last
 * paragraph (else its header), computed when first read; an item with neither has an empty range
 * at the start of the document.
 */
class ParsedItem implements Item {
  header?: ItemHeader;
  readonly paragraphs: LabelledParagraph[] = [];
  claimsAdministrator?: LabelledParagraph;
  maximus?: LabelledParagraph;
  rationale?: Rationale;
  readonly guidelines: ItemGuideline[] = [];
  #range: Range | undefined;

  constructor(readonly number: number) {}

  get range(): Range {
    if (!this.#range) {
      const first = this.header?.text.range ?? this.paragraphs[0]?.range;
      const last = this.paragraphs[this.paragraphs.length - 1]?.range ?? this.header?.text.range;
      this.#range = first && last ? { start: first.start, end: last.end } : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    }
    return this.#range;
  }

  toJSON(): object {
    return { ...this, range: this.range };
  }
}

function buildItem(draft: DraftItem, number: number, lineMap: LineMap, catalog: Catalog, dates: BodyDate[]): Item {
  const item = new ParsedItem(number);
  const spanIn = (j: JoinedText, from: number, to: number): Span => j.textSpan(lineMap, from, to);
  /** A span of joined text that keeps its offset map (rules locate words inside it). */
  const joinedSpan = (j: JoinedText, from: number, to: number): Span => j.joinedSpan(lineMap, from, to);
  if (draft.header) item.header = buildHeader(draft.header.joined, spanIn);
  for (const l of draft.labels) {
    const joined = l.paragraph.joined;
    for (const extra of l.extra) {
      const lines = extra.lines;
      for (let i = extra.first; i < extra.end; i++) joined.append(lines.doc, lines.start(i) + lines.lead(i), lines.start(i) + lines.end(i), ' ');
    }
    const t = joined.text;
    let contentStart = l.paragraph.labelLength;
    while (contentStart < t.length && isWhiteSpace(t.charCodeAt(contentStart))) contentStart++;
    const paragraph = new PlacedParagraph(
      l.kind,
      spanIn(joined, 0, l.paragraph.labelLength),
      joinedSpan(joined, contentStart, t.length),
      spanIn(joined, 0, t.length),
    );
    if (l.kind !== 'rationale') {
      paragraph.citations = parseCitations(t.slice(contentStart), (a, b) => spanIn(joined, contentStart + a, contentStart + b), catalog);
      for (const citation of paragraph.citations.mtus) for (const guideline of citation.guidelines) item.guidelines.push({ paragraph, guideline });
    }
    item.paragraphs.push(paragraph);
    if (l.kind === 'claimsAdministrator') item.claimsAdministrator ??= paragraph;
    else if (l.kind === 'maximus') item.maximus ??= paragraph;
    else if (!item.rationale) {
      item.rationale = buildRationale(joined, contentStart, spanIn, joinedSpan);
      findDates(joined, 'rationale', lineMap, dates);
    }
  }
  return item;
}
