/**
 * The polarity of a rationale's concluding sentence, read the way a reader reads it: the sentence
 * is tokenised once, split into clauses, and every phrasing of server/data/conclusions.json is
 * matched word by word (no regular expression over the sentence, so the time is linear in its
 * length by construction: each form looks at most a bounded window of words from each start).
 * A sentence that could be read both ways gives no polarity: the rules then say nothing.
 */
import data from '../../../data/conclusions.json';
import type { Polarity } from './model';

/** Sentences longer than this are not read for a polarity (no real conclusion is this long). */
export const MAX_CONCLUSION_LENGTH = 2000;

export type Ambiguity = 'mixed' | 'conditional' | 'question' | 'quoted' | 'unexplained-negation' | 'too-long';

export interface ConclusionReading {
  polarity?: Polarity;
  /** Why no polarity is given although the sentence speaks of medical necessity. */
  ambiguity?: Ambiguity;
  /** The ids of the forms that decided (for tests and docs). */
  forms: string[];
}

/** Optional operation counter (tests assert linear work with it). */
export interface ConclusionMeter {
  steps: number;
}

interface Token {
  w: string;
  quoted: boolean;
  /** Index of the clause, and of the main clause it stands in. */
  clause: number;
  main: number;
}

type Element = { gap: number } | { words: Set<string>; prefixes: string[] };

interface Form {
  id: string;
  polarity: 'necessary' | 'not-necessary' | 'conditional' | 'pseudo';
  elements: Element[];
  sentenceScope: boolean;
  /** False for a phrase that agrees with a conclusion but is not one by itself. */
  anchor: boolean;
  /** Elements that are words (the tie-breaker between spans of equal length). */
  weight: number;
}

interface FormData {
  id: string;
  polarity: string;
  pattern: string;
  scope?: string;
  anchor?: boolean;
}

/** Words outside a form's own clause that a gap may skip (a parenthetical clause), beyond its count. */
const SKIP_ALLOWANCE = 40;

function compilePattern(pattern: string, macros: Record<string, string>): Element[] {
  const expanded = pattern.replace(/\$([A-Z]+)/g, (_, name: string) => {
    const m = macros[name];
    if (!m) throw new Error(`conclusions.json: unknown macro $${name}`);
    return m;
  });
  return expanded
    .split(' ')
    .filter(Boolean)
    .map((part): Element => {
      if (part.startsWith('~')) return { gap: Number(part.slice(1)) };
      const alts = part.split('|');
      return { words: new Set(alts.filter((a) => !a.endsWith('*'))), prefixes: alts.filter((a) => a.endsWith('*')).map((a) => a.slice(0, -1)) };
    });
}

function wordSet(words: string[]): { words: Set<string>; prefixes: string[] } {
  return { words: new Set(words.filter((w) => !w.endsWith('*'))), prefixes: words.filter((w) => w.endsWith('*')).map((w) => w.slice(0, -1)) };
}

const FORMS: Form[] = (data.forms as FormData[]).map((f) => {
  const elements = compilePattern(f.pattern, data.macros as Record<string, string>);
  return {
    id: f.id,
    polarity: f.polarity as Form['polarity'],
    elements,
    sentenceScope: f.scope === 'sentence',
    anchor: f.anchor !== false,
    weight: elements.filter((e) => 'words' in e).length,
  };
});
/**
 * Forms by the words their first element accepts; forms whose first element is a prefix apart,
 * by the prefix's first character (a word is compared with the prefixes of its initial only), in
 * table order.
 */
const FORMS_BY_FIRST_WORD = new Map<string, Form[]>();
const FORMS_BY_PREFIX_INITIAL = new Map<number, Array<{ prefix: string; form: Form }>>();
for (const form of FORMS) {
  const first = form.elements.find((e): e is { words: Set<string>; prefixes: string[] } => 'words' in e)!;
  for (const w of first.words) FORMS_BY_FIRST_WORD.set(w, [...(FORMS_BY_FIRST_WORD.get(w) ?? []), form]);
  for (const prefix of first.prefixes) {
    const initial = prefix.charCodeAt(0);
    FORMS_BY_PREFIX_INITIAL.set(initial, [...(FORMS_BY_PREFIX_INITIAL.get(initial) ?? []), { prefix, form }]);
  }
}
const BREAKS = new Set(data.clauses.breaks.words);
const OPENERS = new Set(data.clauses.openers.words);
const POSITIONAL = new Set(data.clauses.positionalOpeners.words);
const COORDINATORS = new Set(data.clauses.coordinators.words);
const SUBJECTS = new Set(data.clauses.subjects.words);
const NEGATIONS = wordSet(data.negationCues.words);
const NEGATION_WINDOW = data.negationCues.window;
const DOUBTS = wordSet(data.doubtCues.words);

/*
 * The reading's loops are index loops, not for-of: a sentence is read once (cached by sentence),
 * so this code mostly runs unoptimised, where each step of an iterator is a call and two loads.
 */

function matches(e: { words: Set<string>; prefixes: string[] }, w: string): boolean {
  if (e.words.has(w)) return true;
  const prefixes = e.prefixes;
  for (let k = 0; k < prefixes.length; k++) if (w.startsWith(prefixes[k])) return true;
  return false;
}

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Characters that stay inside a word: letters, digits, apostrophes, hyphens and the marks of doses. */
const isWordChar = (c: number) =>
  isLetter(c) || isDigit(c) || c === 39 || c === 0x2019 || c === 45 || c === 47 || c === 35 || c === 37 || c === 43 || c === 38 || c === 95;

/**
 * The pieces tokenise reads: a word (a word character that is not an apostrophe, then word
 * characters, and periods followed by one: "10.5", "e.g") or a quote mark or , ; : ? !, which it
 * reads outside words. What lies between (white space, other marks, an apostrophe before a word)
 * is skipped. Global, a new expression at each call (a literal: see vocabulary.ts, headerLabels).
 * A sentence is read once (rationale.ts caches the readings by sentence), so this code seldom
 * runs optimised: one native search per piece costs far less than a loop on the characters in
 * unoptimised code (docs/engine.md, "New text in cold code").
 */
const sentencePieces = (): RegExp => /[A-Za-z0-9/#%+&_-](?:[A-Za-z0-9'\u2019/#%+&_-]|\.(?=[A-Za-z0-9'\u2019/#%+&_-]))*|["\u201c\u201d,;:?!]/g;

/** Splits a sentence into lower-case words and punctuation, reading n't and cannot as 'not'. */
export function tokenise(sentence: string, meter?: ConclusionMeter): Array<{ w: string; quoted: boolean }> {
  const out: Array<{ w: string; quoted: boolean }> = [];
  let quoted = false;
  const pieces = sentencePieces();
  let searched = 0;
  for (let m = pieces.exec(sentence); m; m = pieces.exec(sentence)) {
    const piece = m[0];
    // The characters searched to the end of this piece, and one step for the piece.
    if (meter) meter.steps += pieces.lastIndex - searched + 1;
    searched = pieces.lastIndex;
    const c = piece.charCodeAt(0);
    if (piece.length === 1 && !isWordChar(c)) {
      if (c === 34 /* " */) quoted = !quoted;
      else if (c === 0x201c) quoted = true;
      else if (c === 0x201d) quoted = false;
      else out.push({ w: piece, quoted });
      continue;
    }
    // Two sentences run together ("provided.The"): the period ends a clause.
    const glued = piece.includes('.') ? GLUED.exec(piece) : null;
    if (glued) {
      pushWord(out, glued[1].toLowerCase(), quoted);
      out.push({ w: ';', quoted });
      pushWord(out, glued[2].toLowerCase(), quoted);
    } else {
      pushWord(out, piece.toLowerCase(), quoted);
    }
  }
  if (meter) meter.steps += sentence.length - searched;
  return out;
}

/** Two sentences run together without a space ("provided.The"). */
const GLUED = /^([A-Za-z]{2,})\.([A-Z][a-z].*)$/;

/** Adds a word as the reading sees it (curly apostrophes straightened, possessives cut, contractions split); exported for the tests' reference tokeniser. */
export function pushWord(out: Array<{ w: string; quoted: boolean }>, raw: string, quoted: boolean): void {
  let w = raw;
  if (w.includes('\u2019')) w = w.replace(/\u2019/g, "'");
  if (w.includes("'")) {
    w = w.replace(/^'+|'+$/g, '');
    if (w.endsWith("'s")) w = w.slice(0, -2);
  }
  if (!w) return;
  if (w.endsWith("n't")) {
    const base = w.slice(0, -3);
    const verb = base === 'ca' ? 'can' : base === 'wo' ? 'will' : base === 'sha' ? 'shall' : base;
    if (verb) out.push({ w: verb, quoted });
    out.push({ w: 'not', quoted });
    return;
  }
  if (w === 'cannot') {
    out.push({ w: 'can', quoted }, { w: 'not', quoted });
    return;
  }
  out.push({ w, quoted });
}

/** Clause ids: a subordinate clause (an opener up to the next comma) gets its own id inside its main clause. */
function toClauses(words: Array<{ w: string; quoted: boolean }>): Token[] {
  const tokens: Token[] = [];
  let next = 0;
  let main = next++;
  let sub: number | undefined;
  let atStart = true;
  for (let k = 0; k < words.length; k++) {
    const { w, quoted } = words[k];
    if (w === ',') {
      tokens.push({ w, quoted, clause: sub ?? main, main });
      sub = undefined;
      atStart = true;
      continue;
    }
    if (BREAKS.has(w)) {
      main = next++;
      sub = undefined;
      tokens.push({ w, quoted, clause: main, main });
      atStart = true;
      continue;
    }
    const following = words[k + 1]?.w;
    const connective = following !== undefined && (BREAKS.has(following) || SUBJECTS.has(following) || following === 'as');
    // 'Given that A and there is B, ...': inside a subordinate clause a coordinator continues it.
    if (COORDINATORS.has(w) && tokens.length > 0 && (atStart || (connective && sub === undefined))) {
      main = next++;
      sub = undefined;
    } else if (OPENERS.has(w) || (atStart && POSITIONAL.has(w))) {
      sub = next++;
    }
    tokens.push({ w, quoted, clause: sub ?? main, main });
    atStart = false;
  }
  return tokens;
}

interface Match {
  form: Form;
  start: number;
  end: number; // exclusive
  positions: number[];
}

/** The first way `form` matches from token `start` (leftmost element at each step, no backtracking). */
function matchAt(form: Form, tokens: Token[], start: number, meter?: ConclusionMeter): Match | undefined {
  const positions: number[] = [];
  let pos = start;
  let gap = 0;
  let prev = -1;
  const elements = form.elements;
  for (let k = 0; k < elements.length; k++) {
    const e = elements[k];
    if ('gap' in e) {
      gap = e.gap;
      continue;
    }
    if (prev < 0) {
      if (!matches(e, tokens[start].w)) return undefined;
      positions.push(start);
      prev = start;
      pos = start + 1;
      gap = 0;
      continue;
    }
    let counted = 0;
    let found = -1;
    const limit = Math.min(tokens.length, pos + gap + SKIP_ALLOWANCE + 1);
    for (let j = pos; j < limit; j++) {
      if (meter) meter.steps++;
      const t = tokens[j];
      const sameClause = form.sentenceScope || t.clause === tokens[prev].clause;
      if (!form.sentenceScope && t.main !== tokens[prev].main) break;
      if (sameClause && matches(e, t.w)) {
        found = j;
        break;
      }
      // Commas do not count: 'is not, at this time, medically necessary'.
      if (sameClause && t.w !== ',' && ++counted > gap) break;
    }
    if (found < 0) return undefined;
    positions.push(found);
    prev = found;
    pos = found + 1;
    gap = 0;
  }
  return { form, start, end: prev + 1, positions };
}

/** Reads the polarity of one sentence; undefined when no phrase about medical necessity is found. */
export function readConclusion(sentence: string, meter?: ConclusionMeter): ConclusionReading | undefined {
  if (sentence.length > MAX_CONCLUSION_LENGTH) return { ambiguity: 'too-long', forms: [] };
  const tokens = toClauses(tokenise(sentence, meter));
  const found: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (meter) meter.steps++;
    const w = tokens[i].w;
    const candidates = FORMS_BY_FIRST_WORD.get(w);
    if (candidates) {
      for (let k = 0; k < candidates.length; k++) {
        const m = matchAt(candidates[k], tokens, i, meter);
        if (m) found.push(m);
      }
    }
    const prefixed = FORMS_BY_PREFIX_INITIAL.get(w.charCodeAt(0));
    if (prefixed) {
      for (let k = 0; k < prefixed.length; k++) {
        const { prefix, form } = prefixed[k];
        if (!w.startsWith(prefix) || candidates?.includes(form)) continue;
        const m = matchAt(form, tokens, i, meter);
        if (m) found.push(m);
      }
    }
  }
  // Pseudo-negations first (NegEx: 'not only' negates nothing), then conclusions, then agreeing
  // phrases; longer phrases first ('not medically necessary' before
  // 'medically necessary'); a phrase that shares a word with one already taken is a part of it.
  const rank = (f: Form) => (f.polarity === 'pseudo' ? 2 : f.anchor ? 1 : 0);
  found.sort((a, b) => rank(b.form) - rank(a.form) || b.end - b.start - (a.end - a.start) || b.form.weight - a.form.weight || a.start - b.start);
  const taken: Match[] = [];
  const consumed = new Uint8Array(tokens.length);
  for (const m of found) {
    if (m.positions.some((p) => consumed[p])) continue;
    taken.push(m);
    for (const p of m.positions) consumed[p] = 1;
  }
  const isPolar = (m: Match) => m.form.polarity === 'necessary' || m.form.polarity === 'not-necessary';
  const anchors = taken.filter((m) => isPolar(m) && m.form.anchor);
  if (!anchors.length) return undefined;
  // An agreeing phrase ('not supported by the guidelines') counts in the clause of a conclusion only.
  const anchorClauses = new Set<number>();
  for (const m of anchors) for (const p of m.positions) anchorClauses.add(tokens[p].clause);
  const polar = taken.filter((m) => isPolar(m) && (m.form.anchor || m.positions.some((p) => anchorClauses.has(tokens[p].clause))));
  const forms = polar.map((m) => m.form.id);
  if (tokens.some((t) => t.w === '?')) return { ambiguity: 'question', forms };
  if (polar.some((m) => m.positions.some((p) => tokens[p].quoted))) return { ambiguity: 'quoted', forms };
  const clauses = new Set<number>();
  for (const m of polar) for (const p of m.positions) clauses.add(tokens[p].clause);
  for (const m of taken) {
    if (m.form.polarity !== 'conditional') continue;
    const p = m.positions[0];
    const clauseInitial = p === 0 || tokens[p - 1].w === ',' || tokens[p - 1].clause !== tokens[p].clause;
    if (clauses.has(tokens[p].clause) || clauseInitial) return { ambiguity: 'conditional', forms };
  }
  const polarities = new Set(polar.map((m) => m.form.polarity));
  if (polarities.size > 1) return { ambiguity: 'mixed', forms };
  const polarity = polar[0].form.polarity as Polarity;
  // A negation no form explains: against a positive conclusion anywhere in its clause; before a
  // negative one, within the NegEx window (it could make a double negative).
  const firstOf = new Map<number, number>();
  for (const m of polar)
    for (const p of m.positions) if (!firstOf.has(tokens[p].clause) || firstOf.get(tokens[p].clause)! > p) firstOf.set(tokens[p].clause, p);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (consumed[k] || !clauses.has(t.clause)) continue;
    if (polarity === 'necessary') {
      if (matches(NEGATIONS, t.w) || matches(DOUBTS, t.w)) return { ambiguity: 'unexplained-negation', forms };
    } else if (matches(NEGATIONS, t.w)) {
      const first = firstOf.get(t.clause)!;
      if (k < first && first - k <= NEGATION_WINDOW) return { ambiguity: 'unexplained-negation', forms };
    }
  }
  return { polarity, forms };
}

/** The forms of the table, for tests and docs. */
export function conclusionForms(): ReadonlyArray<{ id: string; polarity: string; pattern: string; examples: string[]; source: string }> {
  return data.forms;
}
