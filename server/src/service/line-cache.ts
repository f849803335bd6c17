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
 * end: storing copies each text and its messages (text.ts: detached) and hashes the copy, work
 * that only a later check can use. A one-shot run (the CLI on one document: a 5 MB letter has
 * 7,073 distinct lines) never pays it. Meanwhile the pending texts are slices of the last checked
 * document's text and keep that one text alive, until the next check: bounded by one document.
 */
import type { Problem } from './problem';
import { detached } from './text';

/** Per line rule (by its slot in the plan), its problems on a line of this text, on line 0. */
export type LineFindings = ReadonlyArray<readonly Problem[]>;

/** Characters of line text kept at most (the texts and their findings are dropped, all at once, beyond it). */
const MAX_CHARS = 4_000_000;

export class LineCache {
  private readonly entries = new Map<string, LineFindings | null>();
  private chars = 0;
  /** The last check's new texts and their findings (by index), stored by `settle`. */
  private pending: { texts: readonly string[]; findings: ReadonlyArray<LineFindings | undefined> } | undefined;

  /** `key`: the configuration the findings were made under. */
  constructor(readonly key: string) {}

  /** The findings of a text (null: none), or undefined when the text was never checked (`settle` first). */
  get(text: string): LineFindings | null | undefined {
    return this.entries.get(text);
  }

  /** Keeps a check's new texts (each once) and their findings (undefined: none), to be stored by the next `settle`. */
  later(texts: readonly string[], findings: ReadonlyArray<LineFindings | undefined>): void {
    this.settle();
    this.pending = { texts, findings };
  }

  /** Stores the texts `later` kept (a check calls it before its first `get`). */
  settle(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    const { texts, findings } = pending;
    for (let i = 0; i < texts.length; i++) this.set(texts[i], findings[i] ?? null);
  }

  set(text: string, findings: LineFindings | null): void {
    this.chars += text.length + 1;
    if (this.chars > MAX_CHARS) {
      this.entries.clear();
      this.chars = text.length + 1;
    }
    // A line's text is a slice of its document's text: the key is a copy (text.ts: detached), and
    // so are the messages (a rule's message may quote the line: a slice of the checked text).
    if (findings) for (const found of findings) for (const p of found) ownStrings(p);
    this.entries.set(detached(text), findings);
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
