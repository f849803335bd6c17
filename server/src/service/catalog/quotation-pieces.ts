/**
 * A searched text, tokenized a piece at a time with a memory of pieces: while a reviewer types in
 * one sentence of a long rationale, the other sentences are not tokenized again, and sentences
 * that letters repeat (the same guideline wording, the same boilerplate) are tokenized once.
 *
 * A piece ends at a sentence end where no token can run across: after ". ", "? " or "! " before
 * a letter, a digit, a quote mark or a parenthesis, and outside any "(" or "[" (a reference
 * "(J. Smith, 2003)" and "[ sic ]" span spaces and periods; an ellipsis only dots and spaces).
 * So the scanned tokens of the pieces, shifted, are the scanned tokens of the text, and `finish`
 * (quotation-tokens.ts) runs over all of them: the result is `tokenize(text)`.
 */
import { ELLIPSIS_TOKEN, GAP, Token, TokenScan, wordNorm } from './quotation-tokens';
import { codeOf, DIGITS, ELLIPSIS, idOf, RANGE_WORD, rolesOf, WordTable } from './quotation-words';
import { SHINGLE, ShingleTable } from './quotation-shingles';
import { detached } from '../text';

/** Counts of the tokenizer's work, for tests (operation counts, never times). */
export interface PieceStats {
  /** Pieces (sentences) of the texts looked up. */
  pieces: number;
  /** Pieces tokenized (not found in the memory of pieces). */
  scanned: number;
  /** Tokens the tokenizer produced for them. */
  tokens: number;
}

/**
 * One piece's tokens (offsets in the piece), as numbers, and what the index finds of them. No
 * Token object or norm string is made for a piece: the index looks its words up by their char
 * codes (quotation-words.ts), and the aligner's few tokens are built when it reads them
 * (`TextTokens.tokens`).
 */
interface Piece {
  /** Its number, unique for its text in its tokenizer: texts of the same pieces are the same text. */
  serial: number;
  /** Its text (the memory's own copy): the norms of its words the library does not have are read from it. */
  text: string;
  /**
   * Its tokens as `scan` gives them, three numbers each: start and end in the piece, and code
   * (its vocabulary id and its roles in `finish`: quotation-words.ts `codeOf`, `idOf`, `rolesOf`).
   * One array per piece, copied at its size from the tokenizer's scratch (`slice`): arrays grown
   * by `push` allocated about three times their size, and a typed array per piece costs more to
   * allocate than it saves.
   */
  scanned: number[];
  /** Its own tokens, the same way: range words between two of its numbers dropped (`scanned` when none is). */
  own: number[];
  /** The piece's own shingles found in the table: pairs (first token, table slot), in order. */
  found: number[];
  /** How many of its own shingles were looked up (those of known words only). */
  lookups: number;
  dotted: boolean;
  /** True when the piece has an ellipsis token. */
  ellipses: boolean;
  /** True when `finish` may drop its first or last token, a range word, depending on the next piece. */
  rangeAtEnd: boolean;
  /**
   * Its tokens (`all`: the scanned ones, else its own) built at the last place it had in a text
   * (`TextTokens.placed`). Set when the piece is made (undefined) so that every piece keeps one
   * shape: a field added later gave placed pieces a second one, and the search's code was compiled
   * again.
   */
  placed: { base: number; all: boolean; tokens: Token[] } | undefined;
  /** The place (base) it last had in a searched text, -1 before: `placed` is kept only at a place it had before. */
  lastBase: number;
}

/**
 * A piece as `PieceTokenizer.piece` makes it: by `new`, not by an object literal. V8 follows the
 * objects a literal makes (its allocation site): once the pieces the memory keeps had survived a
 * scavenge, it made them in the old generation from then on and threw away the compiled code of
 * `piece` that made them young. On a warmed process nothing was new by then (the warm-up's texts
 * were remembered), so `piece` ran unoptimised and was compiled again at the first new letter
 * (docs/engine.md, "A new sentence, fourth round"). An object made by `new` has no such site.
 */
class MadePiece implements Piece {
  placed: Piece['placed'] = undefined;
  lastBase = -1;

  constructor(
    public serial: number,
    public text: string,
    public scanned: number[],
    public own: number[],
    public found: number[],
    public lookups: number,
    public dotted: boolean,
    public ellipses: boolean,
    public rangeAtEnd: boolean,
  ) {}
}

/** The most numbers the tokenizer's scratches (of found shingles, of a new piece's tokens) keep between texts. */
const MAX_SCRATCH = 1 << 16;

/** A searched text: the shingles of its tokens found in the table at once, the tokens themselves when asked. */
export class TextTokens {
  constructor(
    /**
     * Pairs (index of the shingle's first token in `tokens()`, table slot), in text order. Of a
     * text whose tokens are its pieces' in a row, a view of the tokenizer's scratch: valid until
     * its next `read` (the search reads it at once).
     */
    readonly found: Int32Array,
    /** Shingles looked up (those of known words only). */
    readonly lookups: number,
    /** How many tokens `tokens()` has. */
    readonly length: number,
    private readonly pieces: readonly Piece[],
    private readonly bases: readonly number[],
    /** Per token: its index among the pieces' tokens (all pieces in a row); undefined when it is the same index. */
    private readonly positions: readonly number[] | undefined,
    /** True when the text's ellipses are tokens (`finish`). */
    readonly dotted: boolean,
    private readonly textLength: number,
    /**
     * True when a piece of the text was tokenized for it (it was not remembered): that piece's
     * number is new, so no memory keyed by the text's pieces (`key`) can know the text.
     */
    readonly fresh: boolean,
    /** The vocabulary by id (for the norms of tokens built). */
    private readonly words: readonly string[],
  ) {}

  /**
   * The text span [start, end) of the pieces that hold tokens `from` to `to - 1` (from < to), and
   * the key of its text (see `key`).
   */
  span(from: number, to: number): { start: number; end: number; key: string } {
    const first = this.pieceOf(from);
    const last = this.pieceOf(to - 1);
    return { start: this.bases[first], end: last + 1 < this.bases.length ? this.bases[last + 1] : this.textLength, key: this.keyOf(first, last + 1) };
  }

  /**
   * The key of the text: its pieces' numbers. Equal keys are equal texts, and a key is short: a
   * memory by key does not hash the text again.
   */
  get key(): string {
    return this.keyOf(0, this.pieces.length);
  }

  private keyOf(from: number, to: number): string {
    let key = '';
    for (let p = from; p < to; p++) key += `${this.pieces[p].serial} `;
    return key;
  }

  /** How many tokens piece `p` has here: as scanned when `finish` ran on all of them (`positions`), else its own. */
  private countOf(p: number): number {
    const piece = this.pieces[p];
    return (this.positions ? piece.scanned.length : piece.own.length) / 3;
  }

  private pieceOf(token: number): number {
    const at = this.positions ? this.positions[token] : token;
    let p = 0;
    for (let first = 0; at >= first + this.countOf(p);) first += this.countOf(p++);
    return p;
  }

  /**
   * `tokenize(text)` from token `from` to token `to` (the array has all `length` slots; the
   * others are empty): texts with no quotation form to align build none.
   */
  tokens(from: number, to: number): Token[] {
    const out: Token[] = new Array(this.length);
    let p = 0;
    let first = 0; // the index of piece p's first token
    let placed: Token[] = [];
    for (let i = from; i < to; i++) {
      const at = this.positions ? this.positions[i] : i;
      if (at >= first + this.countOf(p) || i === from) {
        while (at >= first + this.countOf(p)) first += this.countOf(p++);
        placed = this.placed(p);
      }
      out[i] = placed[at - first];
    }
    return out;
  }

  /**
   * The tokens of piece `p` at its place in the text. A piece remembers them at a place it is
   * found at twice in a row, or at the start of a text: the sentences before an edit, and those
   * that start letters the same way, stay in place. Those after the sentence being typed move
   * with each keystroke: their tokens are not kept (kept, they outlived young-generation
   * collections only to be replaced at the next keystroke; docs/engine.md, "What a keystroke
   * leaves alive").
   */
  private placed(p: number): Token[] {
    const piece = this.pieces[p];
    const base = this.bases[p];
    const all = this.positions !== undefined;
    if (piece.placed && piece.placed.base === base && piece.placed.all === all) return piece.placed.tokens;
    const tokens = tokensOf(piece, base, all, this.words);
    if (base === 0 || piece.lastBase === base) piece.placed = { base, all, tokens };
    piece.lastBase = base;
    return tokens;
  }
}

/**
 * The Token objects of a piece at `base` in its text (`all`: every scanned token, else its own):
 * a word the library has takes the vocabulary's string (`words[id]`; a token the aligner keeps
 * outlives young-generation collections with its piece, the vocabulary's strings are old already:
 * docs/engine.md, "What survives a scavenge"), another its norm read from the piece's text.
 */
function tokensOf(piece: Piece, base: number, all: boolean, words: readonly string[]): Token[] {
  const data = all ? piece.scanned : piece.own;
  // At its size (`push` grows an array to about three times that): every piece's array is made
  // this way, one array kind for `TextTokens.tokens`, which reads them.
  const tokens: Token[] = new Array(data.length / 3);
  for (let k = 0; k < data.length; k += 3) {
    const start = data[k];
    const end = data[k + 1];
    const code = data[k + 2];
    const id = idOf(code);
    const roles = rolesOf(code);
    const norm = roles & ELLIPSIS ? GAP : id ? words[id] : wordNorm(piece.text, start, end, (roles & DIGITS) !== 0);
    tokens[k / 3] = { norm, start: base + start, end: base + end };
  }
  return tokens;
}

/**
 * A bounded memory by exact text: two generations of at most `capacity / 2` entries each. A hit
 * in the older one is copied to the newer one; when the newer one is full, the older one is
 * dropped. (Nothing is deleted one by one: a Map's deleted entries slow down finding its oldest.)
 *
 * With `keyOf` (a value's own key, the copy the maps hold), the last key used of each length
 * (modulo RECENT_SLOTS) is kept with its value and the generation it was put in: a text equal to
 * it is found by comparing the two strings, without hashing it for the maps (letters repeat their
 * sentences, and most texts of one length in a row are one text; parser/cache.ts does the same). What the maps hold is decided as before: a key used is written
 * to its slot, so a slot's generation is that of the key's last use (`turns` when in the newer
 * map, one less when in the older one, copied to the newer one as the maps' lookup does).
 */
export class TextMemory<V> {
  private newer = new Map<string, V>();
  private older = new Map<string, V>();
  /** Generations turned over so far (the newer map's number). */
  private turns = 0;
  private readonly recentKeys: Array<string | undefined>;
  private readonly recentValues: Array<V | undefined>;
  private readonly recentTurns: Int32Array;

  constructor(
    private readonly capacity: number,
    private readonly keyOf?: (value: V) => string,
  ) {
    const recentSlots = keyOf ? RECENT_SLOTS : 0;
    this.recentKeys = new Array<string | undefined>(recentSlots).fill(undefined);
    this.recentValues = new Array<V | undefined>(recentSlots).fill(undefined);
    this.recentTurns = new Int32Array(recentSlots);
  }

  get(text: string): V | undefined {
    const slots = this.recentKeys.length;
    const slot = text.length & (slots - 1);
    const recent = slots ? this.recentKeys[slot] : undefined;
    // One char code first (a key of the same length is most often another text): a string compare
    // of a slice with another string is a call of its own.
    if (
      recent !== undefined &&
      recent.length === text.length &&
      recent.charCodeAt(text.length >> 1) === text.charCodeAt(text.length >> 1) &&
      recent === text &&
      this.recentTurns[slot] >= this.turns - 1
    ) {
      const value = this.recentValues[slot] as V;
      // In the older map: copied to the newer one, as below.
      if (this.recentTurns[slot] !== this.turns) this.set(this.recentKeys[slot]!, value, true);
      return value;
    }
    const known = this.newer.get(text);
    if (known !== undefined) {
      if (this.keyOf) this.remember(slot, this.keyOf(known), known);
      return known;
    }
    const old = this.older.get(text);
    if (old !== undefined) {
      if (this.keyOf) this.set(this.keyOf(old), old, true);
      else this.set(text, old);
    }
    return old;
  }

  /** `own`: the key is a copy already (`detached`), the memory keeps it as it is. */
  set(text: string, value: V, own = false): void {
    if (this.newer.size >= this.capacity / 2) {
      this.older = this.newer;
      this.newer = new Map();
      this.turns++;
      this.forgetDropped();
    }
    // A sentence may be a slice of its whole document: the key is a copy (text.ts: detached).
    const key = own ? text : detached(text);
    this.newer.set(key, value);
    if (this.recentKeys.length) this.remember(key.length & (this.recentKeys.length - 1), key, value);
  }

  /**
   * The slots whose key the maps no longer hold (the older map just dropped) let go of it: a slot
   * never keeps a value alive longer than the maps (a piece keeps its text's copy: docs/engine.md,
   * "What survives a scavenge").
   */
  private forgetDropped(): void {
    for (let s = 0; s < this.recentKeys.length; s++) {
      if (this.recentTurns[s] >= this.turns - 1) continue;
      this.recentKeys[s] = undefined;
      this.recentValues[s] = undefined;
    }
  }

  /** Key `key` (the maps' own, never a caller's slice: it may hold a whole document) was used just now, in the newer map. */
  private remember(slot: number, key: string, value: V): void {
    this.recentKeys[slot] = key;
    this.recentValues[slot] = value;
    this.recentTurns[slot] = this.turns;
  }
}

/** Slots of a TextMemory's recent keys (a power of two: a key's slot is its length modulo it). */
const RECENT_SLOTS = 256;

/** Reads searched texts through the memory of pieces, for one vocabulary and shingle table. */
export class PieceTokenizer {
  private readonly memory: TextMemory<Piece>;
  private serials = 0;
  /** Scratch for the shingles found in a text (`joined`). */
  private found = new Int32Array(1024);
  /** The scanner of new pieces, and the scratch of a piece's numbers (both copied into the piece). */
  private readonly scanner = new TokenScan();
  private scratch: number[] = [];
  /** The vocabulary by its words' char codes. */
  private readonly lookup: WordTable;
  /** The code of an ellipsis token (quotation-words.ts): its vocabulary id (0 when the library has none) and role. */
  private readonly gapCode: number;

  /** `words`: the vocabulary by id (`words[id]`, none at 0), the words of the shingle table's ids. */
  constructor(
    private readonly words: readonly string[],
    private readonly table: ShingleTable,
    readonly stats: PieceStats,
    capacity = 2048,
  ) {
    this.memory = new TextMemory(capacity, (piece) => piece.text);
    this.lookup = new WordTable(words);
    this.gapCode = codeOf(Math.max(0, words.indexOf(GAP, 1)), ELLIPSIS);
  }

  /** The tokens of `text` (equal to `tokenize(text)`) and their shingles in the table. */
  read(text: string): TextTokens {
    const serials = this.serials;
    const pieces: Piece[] = [];
    const bases: number[] = [];
    const ends = pieceEnds(text);
    // From its first piece not remembered on, the pieces of a text of SHARED_COPY characters at
    // most are slices of one copy of it (see `piece`; a text whose pieces are all remembered is
    // not copied).
    const sharing = ends.length > 0 && text.length <= SHARED_COPY;
    let copy: string | undefined;
    let from = 0;
    // What `finish` depends on, of any piece (an indexed loop: this runs for every rationale).
    let dotted = false;
    let ellipses = false;
    let rangeAtEnd = false;
    for (let k = 0; k <= ends.length; k++) {
      const last = k === ends.length;
      const end = last ? text.length : ends[k];
      let slice = (copy ?? text).slice(from, end);
      let piece = this.known(slice);
      if (!piece) {
        if (sharing && copy === undefined) slice = (copy = detached(text)).slice(from, end);
        // The piece keeps its text (for the norms of words the library lacks), never a slice of the
        // document: a slice of the copy, else a copy of its own. Decided here, not in `piece`: a
        // path rare in the texts the code warmed up on (a text of one piece) threw away the
        // optimised `piece`, which the remembered texts that followed never ran again (so it ran
        // unoptimised at the next new text); `read` runs for every text.
        piece = this.piece(copy !== undefined ? slice : detached(slice));
      }
      pieces.push(piece);
      bases.push(from);
      dotted ||= piece.dotted;
      ellipses ||= piece.ellipses;
      rangeAtEnd ||= piece.rangeAtEnd;
      if (!last) from = ends[k];
    }
    // Most texts have no ellipsis to drop and no range word at the end of a piece: then their
    // tokens are the pieces' in a row. Otherwise `finish` runs on the scanned tokens.
    const fresh = this.serials !== serials;
    if ((dotted || !ellipses) && !rangeAtEnd) return this.joined(pieces, bases, dotted, text.length, fresh);
    const positions = finishing(pieces, dotted);
    // The codes of the text's tokens, one number each.
    const all: number[] = [];
    for (const p of pieces) for (let k = 2; k < p.scanned.length; k += 3) all.push(p.scanned[k]);
    const codes: number[] = [];
    for (let j = 0; j < positions.length; j++) codes.push(all[positions[j]]);
    const { found, lookups } = shinglesOf(this.table, codes, 1);
    return new TextTokens(Int32Array.from(found), lookups, positions.length, pieces, bases, positions, dotted, text.length, fresh, this.words);
  }

  /** The text's shingles: the pieces' own, and those running across the ends of pieces. */
  private joined(pieces: readonly Piece[], bases: readonly number[], dotted: boolean, textLength: number, fresh: boolean): TextTokens {
    // The pairs are written to a scratch array kept between reads: an array grown by `push` for
    // each text allocated about three times its final size on every keystroke in a rationale.
    let size = 0;
    for (let p = 0; p < pieces.length; p++) size += pieces[p].found.length + 4;
    // (Bounded: a text with more pairs than MAX_SCRATCH, such as one rationale of megabytes, has its own.)
    if (this.found.length < size && size <= MAX_SCRATCH) this.found = new Int32Array(Math.min(MAX_SCRATCH, Math.max(size, 2 * this.found.length)));
    const found = this.found.length >= size ? this.found : new Int32Array(size);
    let used = 0;
    let lookups = 0;
    let g = 0; // the index of the piece's first token in the text
    let a = 0; // the ids of the two tokens before the piece (0: none)
    let b = 0;
    for (let p = 0; p < pieces.length; p++) {
      const piece = pieces[p];
      const own = piece.own;
      const n = own.length / 3;
      // The shingles that start in the pieces before and end in this one, then its own.
      for (let k = 0; k < 2 && k < n; k++) {
        const first = k === 0 ? a : b;
        const second = k === 0 ? b : idOf(own[2]);
        const third = idOf(own[3 * k + 2]);
        if (!first || !second || !third) continue;
        lookups++;
        const slot = this.table.find(first, second, third);
        if (slot >= 0) {
          found[used++] = g - 2 + k;
          found[used++] = slot;
        }
      }
      for (let k = 0; k < piece.found.length; k += 2) {
        found[used++] = g + piece.found[k];
        found[used++] = piece.found[k + 1];
      }
      lookups += piece.lookups;
      if (n >= 2) a = idOf(own[3 * n - 4]);
      else if (n === 1) a = b;
      if (n >= 1) b = idOf(own[3 * n - 1]);
      g += n;
    }
    return new TextTokens(found.subarray(0, used), lookups, g, pieces, bases, undefined, dotted, textLength, fresh, this.words);
  }

  /** The piece of text `text` if the memory has it. */
  private known(text: string): Piece | undefined {
    this.stats.pieces++;
    return this.memory.get(text);
  }

  /**
   * The piece of text `own` (not remembered: `known`), read now. `own` is the piece's own text (a
   * slice of a copy of its whole text, or a copy of its own: `read`), which the memory keeps as it
   * is: a slice of the copy was hashed to look it up, and keeps that hash (a copy of its own was
   * hashed again, as long as looking it up took).
   */
  private piece(own: string): Piece {
    const scan = this.scanner;
    scan.read(own);
    const count = scan.count;
    this.stats.scanned++;
    this.stats.tokens += count;
    // Written to the scratch (a packed array of small integers, as long as needed), then copied at
    // its size. One pass: each token's code, and the shingle it ends looked up at once (the two
    // ids before it are at hand); a range word between two numbers of the piece (rare) is dropped
    // after, and the shingles looked up again then. The shingles found go after the tokens (two
    // numbers each, at most one per token), copied at their size too: an array grown by `push`
    // for each piece that has one cost more than the lookups.
    const scratch = this.scratch;
    while (scratch.length < 5 * count) scratch.push(0);
    const bounds = scan.bounds;
    let ellipses = false;
    let ranges = false;
    let pairs = 3 * count; // where the next shingle found goes in the scratch
    let lookups = 0;
    let a = 0; // the ids of the two tokens before (0: none, or a word the library does not have)
    let b = 0;
    for (let k = 0; k < count; k++) {
      const start = bounds[4 * k];
      const end = bounds[4 * k + 1];
      let code = this.gapCode;
      if (bounds[4 * k + 2] === ELLIPSIS_TOKEN) ellipses = true;
      else code = this.lookup.code(own, start, end, bounds[4 * k + 3]);
      scratch[3 * k] = start;
      scratch[3 * k + 1] = end;
      scratch[3 * k + 2] = code;
      if (rolesOf(code) & RANGE_WORD) ranges = true;
      const c = idOf(code);
      if (a && b && c) {
        lookups++;
        const slot = this.table.find(a, b, c);
        if (slot >= 0) {
          scratch[pairs++] = k - 2;
          scratch[pairs++] = slot;
        }
      }
      a = b;
      b = c;
    }
    const scanned = scratch.slice(0, 3 * count);
    let found = pairs > 3 * count ? scratch.slice(3 * count, pairs) : NO_SHINGLES;
    // (Bounded: after a piece of more than MAX_SCRATCH numbers, such as one sentence of
    // megabytes, the scratches are not kept at its size.)
    if (scratch.length > MAX_SCRATCH) this.scratch = [];
    if (scan.bounds.length > MAX_SCRATCH) scan.release();
    const last = count - 1;
    const between = (i: number) => is(scanned, i, RANGE_WORD) && (i === 0 || is(scanned, i - 1, DIGITS)) && (i === last || is(scanned, i + 1, DIGITS));
    let tokens = scanned;
    for (let k = 1; ranges && k < last; k++) {
      if (!between(k)) continue;
      // A range word between two numbers of the piece: its tokens are the others.
      tokens = [];
      for (let j = 0; j < count; j++) if (j === 0 || j === last || !between(j)) tokens.push(scanned[3 * j], scanned[3 * j + 1], scanned[3 * j + 2]);
      const shingles = shinglesOf(this.table, tokens);
      found = shingles.found;
      lookups = shingles.lookups;
      break;
    }
    const rangeAtEnd = ranges && last >= 0 && !!(between(0) || between(last));
    const piece = new MadePiece(this.serials++, own, scanned, tokens, found, lookups, scan.dotted, ellipses, rangeAtEnd);
    this.memory.set(own, piece, true);
    return piece;
  }
}

/**
 * The longest text whose pieces are slices of one copy of it (`PieceTokenizer.read`): a piece
 * remembered keeps the copy alive, so a remembered piece keeps at most this many characters (a
 * rationale is about 750; a longer text's pieces are copied one by one).
 */
const SHARED_COPY = 4096;

/** The shingles found of a piece that has none (shared: never changed). */
const NO_SHINGLES: number[] = [];

/**
 * The shingles of a run of tokens found in the table, as pairs (first token, slot); words the
 * library does not have (id 0) start none. `stride`: numbers per token, its code the last
 * (3 in a piece's tokens, 1 in a run of codes).
 */
function shinglesOf(table: ShingleTable, codes: readonly number[], stride = 3): { found: number[]; lookups: number } {
  const found: number[] = [];
  let lookups = 0;
  const n = codes.length / stride;
  for (let i = 0; i + SHINGLE <= n; i++) {
    const a = idOf(codes[stride * i + stride - 1]);
    const b = idOf(codes[stride * i + 2 * stride - 1]);
    const c = idOf(codes[stride * i + 3 * stride - 1]);
    if (!a || !b || !c) continue;
    lookups++;
    const slot = table.find(a, b, c);
    if (slot >= 0) found.push(i, slot);
  }
  return { found, lookups };
}

/** True when token `i` of a piece's `codes` has role `role`. */
function is(codes: readonly number[], i: number, role: number): boolean {
  return (rolesOf(codes[3 * i + 2]) & role) !== 0;
}

/**
 * `finish` on the pieces' scanned tokens (all pieces in a row), on their roles: ellipses count
 * only in a dotted text, and a range word between two numbers is dropped. Returns the positions
 * of the tokens kept.
 */
function finishing(pieces: readonly Piece[], dotted: boolean): number[] {
  const roles: number[] = [];
  for (const p of pieces) for (let k = 2; k < p.scanned.length; k += 3) roles.push(rolesOf(p.scanned[k]));
  const kept: number[] = [];
  for (let k = 0; k < roles.length; k++) if (dotted || !(roles[k] & ELLIPSIS)) kept.push(k);
  const role = (j: number) => (j >= 0 && j < kept.length ? roles[kept[j]] : 0);
  return kept.filter((k, j) => !(roles[k] & RANGE_WORD && role(j - 1) & DIGITS && role(j + 1) & DIGITS));
}

/**
 * The characters that decide where a piece ends: a sentence end (".", "?" or "!" before a space or
 * a line break), then the parentheses and brackets (their index from PARENTHESES on).
 */
const DECIDERS = ['.', '?', '!', '(', ')', '[', ']'];
const PARENTHESES = 3;

/**
 * Where the pieces of a text end (each the start of the next piece), in order. Each deciding
 * character is found by `indexOf` (the runtime's fast search for one character), from its last
 * place on, and the nearest is taken: on the open workload's texts about 40% less time than the
 * regular expression (`/[.?!][ \n]|[()[\]]/g`) run through the text match by match, which every
 * searched text paid (test/unit/quotation-search.test.ts compares the two; docs/engine.md).
 */
export function pieceEnds(text: string): number[] {
  const ends: number[] = [];
  let paren = false; // inside "(": the last parenthesis opens
  let bracket = false;
  const n = text.length;
  const next: number[] = [];
  for (let k = 0; k < DECIDERS.length; k++) next.push(text.indexOf(DECIDERS[k]));
  for (;;) {
    // The nearest deciding character, and the next of its kind after it.
    let kind = -1;
    let at = n;
    for (let k = 0; k < next.length; k++) {
      if (next[k] >= 0 && next[k] < at) {
        at = next[k];
        kind = k;
      }
    }
    if (kind < 0) return ends;
    next[kind] = text.indexOf(DECIDERS[kind], at + 1);
    if (kind >= PARENTHESES) {
      if (kind < PARENTHESES + 2) paren = kind === PARENTHESES;
      else bracket = kind === PARENTHESES + 2;
      continue;
    }
    const space = at + 1 < n ? text.charCodeAt(at + 1) : -1;
    const end = at + 2; // after the space
    if ((space === 32 || space === 10) && !paren && !bracket && end < n && opensPiece(text.charCodeAt(end))) ends.push(end);
  }
}

/** A letter, a digit, a quote mark or "(": no ellipsis, word or reference runs back over the space before it. */
function opensPiece(c: number): boolean {
  const l = c | 32;
  return (l >= 97 && l <= 122) || (c >= 48 && c <= 57) || c === 34 || c === 0x201c || c === 40;
}
