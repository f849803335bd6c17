/**
 * The quotation index: every form of every quotation (its text, and each lead-in followed by its
 * text) split into word shingles (three consecutive tokens) over the library's vocabulary, built
 * once per catalog. A text is looked up shingle by shingle, so that only the quotation forms it
 * shares shingles with are aligned (quotation-align.ts): a larger library costs more memory, not
 * more work per letter. Overlapping passages are then resolved to the best one.
 *
 * A searched text is tokenized a sentence at a time with a memory of sentences
 * (quotation-pieces.ts); its shingles are looked up on vocabulary ids (quotation-shingles.ts), and
 * its tokens are built only when a quotation form has enough shingles in it to be aligned.
 */
import type { Quotation, QuotationData, QuotationTemplate, QuotationVariant, QuoteEdit, QuoteMatch } from './quotation-types';
import { AlignContext, evaluate, MAX_SPLIT, REACH, segments } from './quotation-align';
import { Opposites } from './quotation-meaning';
import { PieceStats, PieceTokenizer, TextMemory, TextTokens } from './quotation-pieces';
import { SHINGLE, ShingleTable, ShingleTables } from './quotation-shingles';
import { Token, tokenize } from './quotation-tokens';

/** Work done by the index, for tests and benchmarks (operation counts, never times). */
export interface IndexStats extends PieceStats {
  /** Texts searched (not answered from the recent-text memory). */
  searches: number;
  /** Shingles of searched texts (of known words) looked up in the index, or remembered with their sentence. */
  lookups: number;
  /** Quotation forms aligned against a searched text. */
  alignments: number;
  /** Searched texts whose passages were found in the memory of passages (nothing aligned). */
  remembered: number;
  /** Quotation forms searched texts shared a shingle with, and those of them with enough shingles to be aligned (`hitsOf`). */
  formsHit: number;
  formsKept: number;
}

/**
 * Whole searched texts whose results are remembered, at most. A text is searched again when its
 * item is rebuilt with the same rationale (a line typed above it moves it): a few documents'
 * items. Not more: a rationale is rarely searched again otherwise (on the bench's 2,000 letters
 * and its keystrokes, no text was), while each result kept survives the young generation's
 * collections and is promoted to the old one (docs/engine.md, "What survives a scavenge"). The
 * passages of a text are also remembered by its sentences (`passages`), so a text pushed out of
 * this memory is not aligned again.
 */
const RECENT_TEXTS = 64;

export class QuotationIndex implements AlignContext {
  readonly quotations: readonly Quotation[];
  readonly templates: readonly QuotationTemplate[];
  readonly variants: QuotationVariant[] = [];
  /** The shingles of every form, on vocabulary ids. */
  private readonly shingles: ShingleTable;
  /** The library's words, numbered from 1. */
  private readonly vocabulary = new Map<string, number>();
  /** The library's words by number (`words[id]`; none at 0). */
  private readonly words: string[] = [''];
  private readonly byId = new Map<string, Quotation>();
  private readonly equivalentPairs = new Map<Quotation, Array<[string[], string[]]>>();
  readonly opposites: Opposites;
  readonly stats: IndexStats = { searches: 0, lookups: 0, alignments: 0, remembered: 0, formsHit: 0, formsKept: 0, pieces: 0, scanned: 0, tokens: 0 };
  private readonly pieces: PieceTokenizer;

  /**
   * `memory`: sentences whose tokens are remembered, and text spans whose passages are; half as
   * many searched texts' results, at most RECENT_TEXTS (CatalogCacheBounds). `stored`: the
   * `tables()` of an index made at build time (prebuilt.ts), used when made of the same quotation
   * forms: the library is then not tokenized, nor its shingles hashed.
   */
  constructor(data: QuotationData, memory = 2048, stored?: QuotationTables) {
    this.quotations = data.quotations;
    this.templates = data.templates;
    this.opposites = new Opposites(data.antonyms ?? []);
    const tables = stored && stored.key === formsKey(data.quotations) ? stored : undefined;
    if (tables) {
      tables.vocabulary.forEach((norm, k) => {
        this.vocabulary.set(norm, k + 1);
        this.words.push(norm);
      });
    }
    /** Five numbers per shingle of a form (ShingleTable); none with stored tables. */
    const entries: number[] = [];
    let at = 0; // the next stored token
    // The pairs every quotation accepts are tokenized once (never changed: shared by all).
    const common = equivalentPairsOf(data.equivalents ?? []);
    for (const q of data.quotations) {
      this.byId.set(q.id, q);
      this.equivalentPairs.set(q, q.equivalents?.length ? [...common, ...equivalentPairsOf(q.equivalents)] : common);
      for (const lead of ['', ...(q.leadIns ?? [])]) {
        const text = lead ? `${lead} ${q.text}` : q.text;
        const index = this.variants.length;
        const tokens = tables ? storedTokens(tables, at, tables.counts[index]) : tokenize(text);
        const leadTokens = tables ? tables.leadTokens[index] : lead ? tokenize(lead).length : 0;
        at += tokens.length;
        // Strong enough to be a quotation: most of a short entry, or a long run of a long one.
        const own = tokens.length - leadTokens;
        const needed = Math.min(own, Math.max(6, Math.min(12, Math.ceil(own * 0.5))));
        this.variants.push({ quotation: q, text, tokens, leadTokens, needed });
        if (tables) continue;
        const ids = tokens.map((t) => {
          let id = this.vocabulary.get(t.norm);
          if (id === undefined) {
            this.vocabulary.set(t.norm, (id = this.vocabulary.size + 1));
            this.words.push(t.norm);
          }
          return id;
        });
        for (let i = 0; i + SHINGLE <= tokens.length; i++) entries.push(ids[i], ids[i + 1], ids[i + 2], index, i);
      }
    }
    this.shingles = new ShingleTable(entries, tables?.shingles);
    this.seen = new Int32Array(this.variants.length);
    this.hitOrder = new Int32Array(this.variants.length);
    this.counts = new Int32Array(this.variants.length);
    this.slots = new Int32Array(this.variants.length);
    this.covered = new Int32Array(this.variants.length);
    this.coveredTo = new Int32Array(this.variants.length);
    this.mostCovered = new Int32Array(this.variants.length);
    this.pieces = new PieceTokenizer(this.words, this.shingles, this.stats, memory);
    this.recent = new TextMemory(Math.max(2, Math.min(RECENT_TEXTS, memory >> 1)));
    this.passages = new TextMemory(Math.max(2, memory));
  }

  /** What a build step stores to make this index again without tokenizing the library (the constructor's `stored`). */
  tables(): QuotationTables {
    const tokens = this.variants.flatMap((v) => v.tokens);
    return {
      key: formsKey(this.quotations),
      vocabulary: [...this.vocabulary.keys()],
      counts: Int32Array.from(this.variants, (v) => v.tokens.length),
      leadTokens: Int32Array.from(this.variants, (v) => v.leadTokens),
      ids: Int32Array.from(tokens, (t) => this.vocabulary.get(t.norm)!),
      starts: Int32Array.from(tokens, (t) => t.start),
      ends: Int32Array.from(tokens, (t) => t.end),
      shingles: this.shingles.tables(),
    };
  }

  equivalents(quotation: Quotation): ReadonlyArray<[string[], string[]]> {
    return this.equivalentPairs.get(quotation) ?? [];
  }

  get(id: string): Quotation | undefined {
    return this.byId.get(id);
  }

  /**
   * The passages of `text` that follow a standard quotation, each with its differing words, in
   * text order. Results depend on the text alone, so they are remembered per
   * text (bounded): while a reviewer types, every paragraph but one is unchanged.
   */
  find(text: string): QuoteMatch[] {
    const words = this.pieces.read(text);
    // A text with a piece tokenized just now was never searched (on the batch, every rationale),
    // nor is such a text remembered: while a reviewer types, each keystroke makes one, searched
    // once, never again (the next keystroke makes another), and its results kept here outlived
    // young-generation collections only to be dropped (docs/engine.md, "What a keystroke leaves
    // alive"). Its passages are remembered by span all the same.
    if (words.fresh) return this.search(text, words);
    // By the text's pieces: the memory does not hash the text again.
    const key = words.key;
    const known = this.recent.get(key);
    if (known) return known;
    const found = this.search(text, words);
    this.recent.set(key, found);
    return found;
  }

  private readonly recent: TextMemory<QuoteMatch[]>;
  /** The passages found in a text span, offsets from its start (see `search`). */
  private readonly passages: TextMemory<QuoteMatch[]>;

  private search(text: string, words: TextTokens): QuoteMatch[] {
    this.stats.searches++;
    this.stats.lookups += words.lookups;
    // Only the forms with enough hits to be aligned (`hitsOf`).
    const { hits, forms: aligned } = this.hitsOf(words.found);
    if (!aligned.length) return [];
    // The aligner reads the tokens on a form's hits' diagonals and within REACH of them: only
    // those are built, and what it finds for the form depends on the pieces around them, whether
    // they start or end the text, and whether the text's ellipses are tokens. So the passages are
    // remembered per form and span: an edit in one sentence of a rationale aligns again only the
    // forms whose span holds that sentence (letters also repeat their passages).
    // First each form's span and what is remembered of it; then the tokens are built over the
    // reaches of the forms to align only (a keystroke's edit in one sentence aligns the forms
    // around it: the tokens of the rest of the text, moved with each keystroke, are not built).
    const spans: Array<{ start: number; key: string }> = [];
    const remembered: Array<QuoteMatch[] | undefined> = [];
    let from = words.length;
    let to = 0;
    for (let a = 0; a < aligned.length; a++) {
      const f = aligned[a];
      const reach = this.reachOf(f, hits, words.length);
      const span = words.span(reach.from, reach.to);
      const key = `${f.variant}${span.start === 0 ? '^' : '-'}${span.end === text.length ? '$' : '-'}${words.dotted ? '.' : '-'}${span.key}`;
      const known = this.passages.get(key);
      spans.push({ start: span.start, key });
      remembered.push(known);
      if (known) continue;
      from = Math.min(from, reach.from);
      to = Math.max(to, reach.to);
    }
    let tokens: Token[] | undefined;
    let hitsRemembered = 0;
    // In the order of the forms, each form's passages in the aligner's order (what `bestOf` sorts).
    const found: QuoteMatch[] = [];
    for (let a = 0; a < aligned.length; a++) {
      const f = aligned[a];
      const { start, key } = spans[a];
      let known = remembered[a];
      if (known) hitsRemembered++;
      else {
        tokens ??= words.tokens(from, to);
        const variant = this.variants[f.variant];
        this.stats.alignments++;
        const own: QuoteMatch[] = [];
        for (const segment of segments(tokens, variant, hits, f.from, f.to)) {
          const match = evaluate(this, text, tokens, variant, segment);
          if (match) own.push(match);
        }
        this.passages.set(key, (known = shiftedAll(own, -start)));
      }
      // Found or remembered, every match is a moved copy: one shape and one array kind for the
      // code that reads them (the aligner's `matchedAt` is of another kind: `bestOf` was
      // de-optimised when it met both). (Keeping the copies at a span's last place with its
      // passages spared 2.3 KB a keystroke but kept about 1 MB more on the CLI's batch.)
      for (let k = 0; k < known.length; k++) found.push(shifted(known[k], start, true));
    }
    if (hitsRemembered === aligned.length) this.stats.remembered++;
    // Best passage per quotation and text region: the variant covering the most words wins.
    return bestOf(found);
  }

  /** The tokens [from, to) the aligner may read for form `f`: its hits' diagonals, REACH either side. */
  private reachOf(f: { variant: number; from: number; to: number }, hits: readonly number[], count: number): { from: number; to: number } {
    let from = Number.MAX_SAFE_INTEGER;
    let to = 0;
    const length = this.variants[f.variant].tokens.length;
    for (let k = f.from; k < f.to; k += 2) {
      from = Math.min(from, hits[k] - hits[k + 1] - REACH);
      to = Math.max(to, hits[k] - hits[k + 1] + length + REACH);
    }
    return { from: Math.max(0, from), to: Math.min(count, to) };
  }

  /**
   * The shingle hits of a text (`found`: pairs text token, table slot) for the quotation forms
   * with enough hits to be aligned. A passage is a chain of anchors (runs of equal words, on
   * distinct text tokens) of at least `needed` words in all, and every three words in a row of an
   * anchor are a hit of its form (words equal to a form's are the library's, so their shingle is
   * in the table): a form whose hits cover fewer than `needed` text tokens (the union of their
   * shingles' tokens; fewer than 2 hits make no chain either) cannot be a passage, and most forms
   * a text hits are such (shingles common in prose, or one short run of a long form: 4 hits in a
   * row cover 6 words, not 12). `hits` holds pairs (text token, form token),
   * grouped by form and in text order within a form; `forms` are those forms, in the order of
   * their first hit, each with its run [from, to) of `hits`. Two passes (count, then place) on
   * per-index arrays by form (`seen` stamps which text wrote `counts` and `slots`, the form's
   * place in `forms`, -1 for a form left out): no object or hit for a form left out.
   */
  private hitsOf(found: Int32Array): { hits: number[]; forms: Array<{ variant: number; from: number; to: number }> } {
    const postings = this.shingles.postings;
    const stamp = ++this.stamp; // counts from an earlier text are stale
    const hitOrder = this.hitOrder;
    let hitCount = 0;
    const covered = this.covered;
    const coveredTo = this.coveredTo;
    const mostCovered = this.mostCovered;
    for (let k = 0; k < found.length; k += 2) {
      // The text tokens [t, t + SHINGLE) this shingle covers (`found` is in text order).
      const t = found[k];
      const end = t + SHINGLE;
      for (let p = this.shingles.start(found[k + 1]); p < this.shingles.end(found[k + 1]); p += 2) {
        const v = postings[p];
        if (this.seen[v] !== stamp) {
          this.seen[v] = stamp;
          this.counts[v] = 0;
          covered[v] = SHINGLE;
          coveredTo[v] = end;
          mostCovered[v] = SHINGLE;
          hitOrder[hitCount++] = v;
        } else if (end > coveredTo[v]) {
          // Further than MAX_SPLIT words from the covered run before: a passage of its own.
          if (t - coveredTo[v] > MAX_SPLIT) covered[v] = SHINGLE;
          else covered[v] += Math.min(SHINGLE, end - coveredTo[v]);
          coveredTo[v] = end;
          if (covered[v] > mostCovered[v]) mostCovered[v] = covered[v];
        }
        this.counts[v]++;
      }
    }
    const forms: Array<{ variant: number; from: number; to: number }> = [];
    let size = 0;
    for (let h = 0; h < hitCount; h++) {
      const v = hitOrder[h];
      const count = this.counts[v];
      if (count >= 2 && mostCovered[v] >= this.variants[v].needed) {
        this.slots[v] = forms.length;
        forms.push({ variant: v, from: size, to: size });
        size += 2 * count;
      } else this.slots[v] = -1;
    }
    this.stats.formsHit += hitCount;
    this.stats.formsKept += forms.length;
    if (!forms.length) return { hits: [], forms };
    const hits: number[] = new Array(size);
    for (let k = 0; k < found.length; k += 2) {
      for (let p = this.shingles.start(found[k + 1]); p < this.shingles.end(found[k + 1]); p += 2) {
        const slot = this.slots[postings[p]];
        if (slot < 0) continue;
        const f = forms[slot];
        hits[f.to++] = found[k];
        hits[f.to++] = postings[p + 1];
      }
    }
    return { hits, forms };
  }

  /**
   * The forms a text hits, in the order of their first hit (scratch for `hitsOf`). A form is in it
   * once per text, so it has a slot per form: a plain array emptied by setting its length gave
   * back its store, and every text grew it again.
   */
  private readonly hitOrder: Int32Array;
  private stamp = 0;
  private readonly seen: Int32Array;
  private readonly counts: Int32Array;
  private readonly slots: Int32Array;
  /**
   * Per form: how many text tokens its hits cover in their current run (the union of their
   * shingles), where the last one ends, and the most a run covered.
   */
  private readonly covered: Int32Array;
  private readonly coveredTo: Int32Array;
  private readonly mostCovered: Int32Array;
}

/**
 * Overlapping passages: the same quotation found through two of its forms, or two quotations
 * that share words (the neck and low back imaging criteria). Forms of one quotation differ
 * only in their lead-in: the one covering more words wins, even with a difference (that is
 * what it found). Different quotations: the one matching more words where they overlap wins.
 */
export function bestOf(found: QuoteMatch[]): QuoteMatch[] {
  found.sort((a, b) => a.start - b.start || b.matched - a.matched || a.edits.length - b.edits.length);
  const kept: QuoteMatch[] = [];
  const better = (a: QuoteMatch, b: QuoteMatch) => {
    if (a.quotation === b.quotation) return a.matched > b.matched || (a.matched === b.matched && a.edits.length < b.edits.length);
    const from = Math.max(a.start, b.start);
    const to = Math.min(a.end, b.end);
    const inA = matchedWithin(a, from, to);
    const inB = matchedWithin(b, from, to);
    if (inA !== inB) return inA > inB;
    return a.matched > b.matched || (a.matched === b.matched && a.edits.length < b.edits.length);
  };
  for (const m of found) {
    const rivals = kept.filter((k) => k.start < m.end && m.start < k.end && (k.quotation === m.quotation || overlap(k, m) >= 0.6));
    if (rivals.every((r) => better(m, r))) {
      for (const r of rivals) kept.splice(kept.indexOf(r), 1);
      kept.push(m);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** An index as a build step stores it (`QuotationIndex.tables`). */
export interface QuotationTables {
  /** The quotation forms it was made of (`formsKey`): the tables are used for the same only. */
  key: string;
  /** The library's words, by id (from 1). */
  vocabulary: string[];
  /** Per form (variant), its tokens and how many of them its lead-in has. */
  counts: Int32Array;
  leadTokens: Int32Array;
  /** Per token of every form, in a row: its word's id and its offsets in the form's text. */
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  shingles: ShingleTables;
}

/** What the forms of a library are made of: each quotation's text and lead-ins, exactly. */
function formsKey(quotations: readonly Quotation[]): string {
  return quotations.map((q) => [q.text, ...(q.leadIns ?? [])].join('\u0001')).join('\u0000');
}

/** `count` stored tokens from `from`, as the tokenizer gives them (the same fields, in the same order). */
function storedTokens(tables: QuotationTables, from: number, count: number): Token[] {
  const tokens: Token[] = [];
  for (let i = from; i < from + count; i++) tokens.push({ norm: tables.vocabulary[tables.ids[i] - 1], start: tables.starts[i], end: tables.ends[i] });
  return tokens;
}

/** Accepted wording pairs as token norms, each both ways round. */
function equivalentPairsOf(equivalents: ReadonlyArray<[string, string]>): Array<[string[], string[]]> {
  const pairs: Array<[string[], string[]]> = [];
  for (const [a, b] of equivalents) {
    const ta = tokenize(a).map((t) => t.norm);
    const tb = tokenize(b).map((t) => t.norm);
    pairs.push([ta, tb], [tb, ta]);
  }
  return pairs;
}

/** The matches moved `by` characters (built by `push`: one array kind, see quotation-pieces.ts `piece`). */
function shiftedAll(matches: readonly QuoteMatch[], by: number): QuoteMatch[] {
  const out: QuoteMatch[] = [];
  for (let k = 0; k < matches.length; k++) out.push(shifted(matches[k], by));
  return out;
}

/**
 * A match moved `by` characters: its fields named in the order the aligner gives them
 * (quotation-align.ts `evaluate` and `gap`), so that moved matches and edits share the shape of
 * found ones (a spread gave them other shapes, and the code reading matches was compiled again).
 */
function shifted(m: QuoteMatch, by: number, remembered = false): QuoteMatch {
  let matchedAt: number[];
  if (remembered) {
    // A remembered match's positions were copied by `push` here (one array kind): `slice` keeps
    // that kind and copies at the array's size (`push` grows it, allocating about twice that).
    matchedAt = m.matchedAt.slice();
    for (let k = 0; k < matchedAt.length; k++) matchedAt[k] += by;
  } else {
    matchedAt = [];
    for (let k = 0; k < m.matchedAt.length; k++) matchedAt.push(m.matchedAt[k] + by);
  }
  const edits: QuoteEdit[] = [];
  for (let k = 0; k < m.edits.length; k++) {
    const e = m.edits[k];
    const repair = { from: e.repair.from + by, to: e.repair.to + by, insert: e.repair.insert };
    edits.push({ kind: e.kind, start: e.start + by, end: e.end + by, found: e.found, expected: e.expected, repair, meaning: e.meaning });
  }
  return {
    quotation: m.quotation,
    variant: m.variant,
    start: m.start + by,
    end: m.end + by,
    matched: m.matched,
    complete: m.complete,
    quoted: m.quoted,
    matchedAt,
    edits,
  };
}

/** How many of a match's equal tokens stand in [from, to) (counted once per rival, no array made). */
function matchedWithin(m: QuoteMatch, from: number, to: number): number {
  let n = 0;
  for (let k = 0; k < m.matchedAt.length; k++) if (m.matchedAt[k] >= from && m.matchedAt[k] < to) n++;
  return n;
}

/** How much of the shorter passage the longer one covers (by characters). */
function overlap(a: QuoteMatch, b: QuoteMatch): number {
  const common = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return common / Math.min(a.end - a.start, b.end - b.start);
}
