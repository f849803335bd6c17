/**
 * The line rules' problems by line text, for one configuration (rule settings and words).
 *
 * A line rule reads one line's text and nothing else (rules/rule.ts: scope 'line'), so its
 * problems on a line follow from that text alone: a text checked once (in any document, at any
 * line) need not be checked again. Boilerplate lines repeat across letters and most lines repeat
 * between versions, so a check looks each line up here (one hash of its text serves every line
 * rule) and runs the line rules only on the texts it has not seen.
 *
 * A check's new texts are stored when the next check starts (`later`, then `settle`), not at its
 * end: storing hashes each text and copies its messages (text.ts: detached), work that only a
 * later check can use. A one-shot run (the CLI on one document: a 5 MB letter has 7,073 distinct
 * lines) never pays it.
 *
 * The keys are slices of the text the line rules checked (the new texts joined by \n, the view's
 * text in service/index.ts: checkLines), not copies of each: that text is the service's own, not
 * the document's, and holds the keys and nothing else, so the keys keep no document alive and
 * cost no copy. A check's keys share that text, so it lives while any of them does: at most one
 * check's new texts beyond the bound when the cache is cleared.
 */
import type { Problem } from './problem';
import { detached } from './text';

/** Per line rule (by its slot in the plan), its problems on a line of this text, on line 0. */
export type LineFindings = ReadonlyArray<readonly Problem[]>;

/** Characters of line text kept at most (the texts and their findings are dropped, all at once, beyond it). */
const MAX_CHARS = 4_000_000;

/** Lookups by text (`get`) and lines answered by the last document's line at the same index (`atSameLine`) since the start (tests count them). */
export const lineCacheCounts = { lookups: 0, sameLine: 0 };

/** The longest document whose findings by line are kept for the next document (`remember`): 65,536 lines. */
export const MAX_REMEMBERED_LINES = 65_536;

export class LineCache {
  private readonly entries = new Map<string, LineFindings | null>();
  private chars = 0;
  /** The last check's new texts (joined by \n) and their findings (by index), stored by `settle`. */
  private pending: { joined: string; findings: ReadonlyArray<LineFindings | undefined> } | undefined;

  /**
   * The line texts of the last document checked whole and the findings of each (`remember`).
   * Letters made from one template share most of their lines at the same index (the bench's
   * batch: 169,110 of 182,107 lines, each letter against the one before): such a line is compared
   * with the last document's text there (`atSameLine`: lengths, then the characters up to the first
   * difference) before it is hashed for the map. The texts are slices of that document: it stays
   * alive until the next whole check (one document).
   */
  private last: { texts: readonly string[]; known: ReadonlyArray<LineFindings | null> } | undefined;

  /** `key`: the configuration the findings were made under. */
  constructor(readonly key: string) {}

  /** The findings of line `line` of the last document checked whole when that line's text is `text`, else undefined. */
  atSameLine(line: number, text: string): LineFindings | null | undefined {
    const last = this.last;
    if (!last || line >= last.texts.length || last.texts[line] !== text) return undefined;
    lineCacheCounts.sameLine++;
    return last.known[line];
  }

  /**
   * Keeps the text and the findings of every line of a document checked whole, for the next one
   * (`atSameLine`): `known` holds those the check found known, and the others are the findings
   * of the text each waited for (`waiting`: its index in `findings`, or -1).
   */
  remember(texts: readonly string[], known: Array<LineFindings | null>, waiting: Int32Array, findings: ReadonlyArray<LineFindings | undefined>): void {
    for (let k = 0; k < known.length; k++) if (waiting[k] >= 0) known[k] = findings[waiting[k]] ?? null;
    this.last = { texts, known };
  }

  /** The findings of a text (null: none), or undefined when the text was never checked (`settle` first). */
  get(text: string): LineFindings | null | undefined {
    lineCacheCounts.lookups++;
    return this.entries.get(text);
  }

  /**
   * Keeps a check's new texts (each once; line texts, so none holds a line break) and their
   * findings (undefined: none), to be stored by the next `settle`. `joined`: the texts joined by
   * \n, when the caller has made it (the line rules read it): the keys are cut from it.
   */
  later(texts: readonly string[], findings: ReadonlyArray<LineFindings | undefined>, joined = texts.join('\n')): void {
    this.settle();
    this.pending = { joined, findings };
  }

  /** Stores the texts `later` kept (a check calls it before its first `get`). */
  settle(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    const { joined, findings } = pending;
    // One text per finding slot (slotArray: its length is the number of texts).
    for (let i = 0, from = 0; i < findings.length; i++) {
      const to = joined.indexOf('\n', from);
      const end = to < 0 ? joined.length : to;
      this.store(joined.slice(from, end), findings[i] ?? null);
      from = end + 1;
    }
  }

  /** `key`: a slice of a joined text of keys (`settle`), owned by the cache. */
  private store(key: string, findings: LineFindings | null): void {
    this.chars += key.length + 1;
    if (this.chars > MAX_CHARS) {
      this.entries.clear();
      this.chars = key.length + 1;
    }
    // A rule's message may quote the line (a slice of the checked text): the messages are copies.
    if (findings) for (const found of findings) for (const p of found) ownStrings(p);
    this.entries.set(key, findings);
  }
}

/** Makes a cached problem's texts (messages, fix titles and new texts) copies of their own: equal strings, so nothing else changes. */
function ownStrings(p: Problem): void {
  p.message = detached(p.message);
  if (p.related) for (const r of p.related) r.message = detached(r.message);
  if (p.fixes) {
    for (const f of p.fixes) {
      f.title = detached(f.title);
      for (const e of f.edits) e.newText = detached(e.newText);
    }
  }
}
