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
import { everywhere, GAP, isDigits, isRangeWord, scan, Token } from './quotation-tokens';
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

/** One piece's tokens (offsets in the piece), and what the index finds of them. */
interface Piece {
  /** Its number, unique for its text in its tokenizer: texts of the same pieces are the same text. */
  serial: number;
  /** Its tokens as `scan` gives them. */
  scanned: Token[];
  /** Each scanned token's role in `finish`: DIGITS, RANGE_WORD or ELLIPSIS bits. */
  roles: number[];
  /** Its tokens with the range words between two of its numbers dropped (`scanned` when none is). */
  tokens: Token[];
  // Plain arrays of small integers: a typed array per piece costs more to allocate than it saves.
  /** Vocabulary id of each token (0: a word no quotation has). */
  ids: number[];
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
   * Its tokens (`from`: `tokens` or `scanned`) moved to the last place it had in a text
   * (`TextTokens.placed`). Set in the literal (undefined) so that every piece keeps one shape:
   * a field added later gave placed pieces a second one, and the search's code was compiled again.
   */
  placed: { base: number; from: Token[]; tokens: Token[] } | undefined;
  /** The place (base) it last had in a searched text, -1 before: `placed` is kept only at a place it had before. */
  lastBase: number;
}

const DIGITS = 1;
const RANGE_WORD = 2;
const ELLIPSIS = 4;
/** The most numbers the tokenizer's scratch of found shingles holds (256 KB). */
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

  /** The tokens of piece `p`: as scanned when `finish` ran on all of them (`positions`), else its own. */
  private tokensOf(p: number): Token[] {
    return this.positions ? this.pieces[p].scanned : this.pieces[p].tokens;
  }

  private pieceOf(token: number): number {
    const at = this.positions ? this.positions[token] : token;
    let p = 0;
    for (let first = 0; at >= first + this.tokensOf(p).length;) first += this.tokensOf(p++).length;
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
      if (at >= first + this.tokensOf(p).length || i === from) {
        while (at >= first + this.tokensOf(p).length) first += this.tokensOf(p++).length;
        placed = this.placed(p);
      }
      out[i] = placed[at - first];
    }
    return out;
  }

  /**
   * The tokens of piece `p` at its place in the text. A piece remembers them at a place it is
   * found at twice in a row: the sentences before an edit, and those that start letters the same
   * way, stay in place. Those after the sentence being typed move with each keystroke: their
   * moved tokens are not kept (kept, they outlived young-generation collections only to be
   * replaced at the next keystroke; docs/engine.md, "What a keystroke leaves alive").
   */
  private placed(p: number): Token[] {
    const piece = this.pieces[p];
    const base = this.bases[p];
    const tokens = this.tokensOf(p);
    // The first piece's tokens are the text's as they are (tokens are never changed).
    if (base === 0) return tokens;
    if (piece.placed && piece.placed.base === base && piece.placed.from === tokens) return piece.placed.tokens;
    // Copied at its size by `slice` (an array of objects, as `push` makes it), then each token replaced.
    const moved = tokens.slice();
    for (let k = 0; k < tokens.length; k++) moved[k] = { norm: tokens[k].norm, start: base + tokens[k].start, end: base + tokens[k].end };
    if (piece.lastBase === base) piece.placed = { base, from: tokens, tokens: moved };
    piece.lastBase = base;
    return moved;
  }
}

/**
 * A bounded memory by exact text: two generations of at most `capacity / 2` entries each. A hit
 * in the older one is copied to the newer one; when the newer one is full, the older one is
 * dropped. (Nothing is deleted one by one: a Map's deleted entries slow down finding its oldest.)
 */
export class TextMemory<V> {
  private newer = new Map<string, V>();
  private older = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(text: string): V | undefined {
    const known = this.newer.get(text);
    if (known !== undefined) return known;
    const old = this.older.get(text);
    if (old !== undefined) this.set(text, old);
    return old;
  }

  set(text: string, value: V): void {
    if (this.newer.size >= this.capacity / 2) {
      this.older = this.newer;
      this.newer = new Map();
    }
    // A sentence may be a slice of its whole document: the key is a copy (text.ts: detached).
    this.newer.set(detached(text), value);
  }
}

/** Reads searched texts through the memory of pieces, for one vocabulary and shingle table. */
export class PieceTokenizer {
  private readonly memory: TextMemory<Piece>;
  private serials = 0;
  /** Scratch for the shingles found in a text (`joined`). */
  private found = new Int32Array(1024);
  /** Its own global copy of DECIDING, for `pieceEnds` (which resets it: nothing else uses it). */
  private readonly deciding = everywhere(DECIDING);

  /**
   * `normOf`: the vocabulary's own string of a word id (undefined for 0). A remembered sentence
   * outlives many of V8's young-generation collections, and so do its tokens: their norms of
   * library words are made the vocabulary's strings, so that the strings the tokenizer made die
   * young instead of being promoted with the sentence (docs/engine.md, "What survives a scavenge").
   */
  constructor(
    private readonly idOf: (norm: string) => number,
    private readonly table: ShingleTable,
    readonly stats: PieceStats,
    capacity = 2048,
    private readonly normOf?: (id: number) => string | undefined,
  ) {
    this.memory = new TextMemory(capacity);
  }

  /** The tokens of `text` (equal to `tokenize(text)`) and their shingles in the table. */
  read(text: string): TextTokens {
    const serials = this.serials;
    const pieces: Piece[] = [];
    const bases: number[] = [];
    const ends = pieceEnds(text, this.deciding);
    let from = 0;
    // What `finish` depends on, of any piece (an indexed loop: this runs for every rationale).
    let dotted = false;
    let ellipses = false;
    let rangeAtEnd = false;
    for (let k = 0; k <= ends.length; k++) {
      const last = k === ends.length;
      const piece = this.piece(!last ? text.slice(from, ends[k]) : from ? text.slice(from) : text);
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
    const all = pieces.flatMap((p) => p.scanned.map((t) => this.idOf(t.norm)));
    const { found, lookups } = shinglesOf(
      this.table,
      positions.map((k) => all[k]),
    );
    return new TextTokens(Int32Array.from(found), lookups, positions.length, pieces, bases, positions, dotted, text.length, fresh);
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
      const ids = piece.ids;
      const n = ids.length;
      // The shingles that start in the pieces before and end in this one, then its own.
      for (let k = 0; k < 2 && k < n; k++) {
        const first = k === 0 ? a : b;
        const second = k === 0 ? b : ids[0];
        if (!first || !second || !ids[k]) continue;
        lookups++;
        const slot = this.table.find(first, second, ids[k]);
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
      if (n >= 2) a = ids[n - 2];
      else if (n === 1) a = b;
      if (n >= 1) b = ids[n - 1];
      g += n;
    }
    return new TextTokens(found.subarray(0, used), lookups, g, pieces, bases, undefined, dotted, textLength, fresh);
  }

  private piece(text: string): Piece {
    this.stats.pieces++;
    const known = this.memory.get(text);
    if (known) return known;
    const { tokens: scanned, dotted } = scan(text);
    this.stats.scanned++;
    this.stats.tokens += scanned.length;
    // Arrays of small integers are built by `push`, not `map`: once V8 optimises this, a `map`
    // gives holey arrays where the builtin gave packed ones, and the code reading them (compiled
    // for one kind) is thrown away and compiled again. Indexed loops: before V8 optimises them,
    // a `for ... of` steps an iterator, several times the work.
    const roles: number[] = [];
    for (let k = 0; k < scanned.length; k++) {
      const norm = scanned[k].norm;
      roles.push((isDigits(norm) ? DIGITS : 0) | (isRangeWord(norm) ? RANGE_WORD : 0) | (norm === GAP ? ELLIPSIS : 0));
    }
    const last = scanned.length - 1;
    const between = (i: number) => roles[i] & RANGE_WORD && (i === 0 || roles[i - 1] & DIGITS) && (i === last || roles[i + 1] & DIGITS);
    const tokens = roles.some((r, i) => i > 0 && i < last && between(i)) ? scanned.filter((t, i) => !(i > 0 && i < last && between(i))) : scanned;
    // The ids of the scanned tokens (`tokens` shares their objects), each norm of a library word
    // replaced by the vocabulary's equal string (see the constructor).
    const scannedIds: number[] = [];
    for (let k = 0; k < scanned.length; k++) {
      const id = this.idOf(scanned[k].norm);
      scannedIds.push(id);
      const own = id && this.normOf ? this.normOf(id) : undefined;
      if (own !== undefined) scanned[k].norm = own;
    }
    let ids = scannedIds;
    if (tokens !== scanned) {
      ids = [];
      for (let k = 0; k < tokens.length; k++) ids.push(this.idOf(tokens[k].norm));
    }
    // Fields named one by one (no spread: V8 builds a spread in a literal on a slow path).
    const shingles = shinglesOf(this.table, ids);
    const piece = {
      serial: this.serials++,
      scanned,
      roles,
      tokens,
      ids,
      found: shingles.found,
      lookups: shingles.lookups,
      dotted,
      ellipses: roles.some((r) => (r & ELLIPSIS) !== 0),
      rangeAtEnd: last >= 0 && !!(between(0) || between(last)),
      placed: undefined,
      lastBase: -1,
    };
    this.memory.set(text, piece);
    return piece;
  }
}

/** The shingles of a run of ids found in the table, as pairs (first token, slot); words the library does not have (id 0) start none. */
function shinglesOf(table: ShingleTable, ids: readonly number[]): { found: number[]; lookups: number } {
  const found: number[] = [];
  let lookups = 0;
  for (let i = 0; i + SHINGLE <= ids.length; i++) {
    if (!ids[i] || !ids[i + 1] || !ids[i + 2]) continue;
    lookups++;
    const slot = table.find(ids[i], ids[i + 1], ids[i + 2]);
    if (slot >= 0) found.push(i, slot);
  }
  return { found, lookups };
}

/**
 * `finish` on the pieces' scanned tokens (all pieces in a row), on their roles: ellipses count
 * only in a dotted text, and a range word between two numbers is dropped. Returns the positions
 * of the tokens kept.
 */
function finishing(pieces: readonly Piece[], dotted: boolean): number[] {
  const roles = pieces.flatMap((p) => p.roles);
  const kept: number[] = [];
  for (let k = 0; k < roles.length; k++) if (dotted || !(roles[k] & ELLIPSIS)) kept.push(k);
  const role = (j: number) => (j >= 0 && j < kept.length ? roles[kept[j]] : 0);
  return kept.filter((k, j) => !(roles[k] & RANGE_WORD && role(j - 1) & DIGITS && role(j + 1) & DIGITS));
}

// A sentence end (". ", "? ", "! ", or before a line break) or a parenthesis or bracket: the
// characters that decide where a piece ends, found by the regular expression engine.
const DECIDING = /[.?!][ \n]|[()[\]]/;

/**
 * Where the pieces of a text end (each the start of the next piece), in order. `deciding`: a
 * global copy of DECIDING owned by the caller (its `lastIndex` is reset here; a tokenizer reads
 * every rationale and keeps one instead of making one per text).
 */
export function pieceEnds(text: string, deciding: RegExp = everywhere(DECIDING)): number[] {
  const ends: number[] = [];
  let paren = false; // inside "(": the last parenthesis opens
  let bracket = false;
  deciding.lastIndex = 0;
  // `test` and `lastIndex`, not `exec`: no match array per sentence.
  while (deciding.test(text)) {
    const end = deciding.lastIndex; // after the bracket, or after the space of a sentence end
    const c = text.charCodeAt(end - 1);
    if (c === 40 || c === 41) paren = c === 40;
    else if (c === 91 || c === 93) bracket = c === 91;
    else if (!paren && !bracket && end < text.length && opensPiece(text.charCodeAt(end))) ends.push(end);
  }
  return ends;
}

/** A letter, a digit, a quote mark or "(": no ellipsis, word or reference runs back over the space before it. */
function opensPiece(c: number): boolean {
  const l = c | 32;
  return (l >= 97 && l <= 122) || (c >= 48 && c <= 57) || c === 34 || c === 0x201c || c === 40;
}
