/**
 * Where a drug name may start in a text (drugs.ts, `scan`): the runs of ASCII letters that stand
 * alone (no letter just before or just after) and may be the first word of a name, read on the
 * char codes.
 *
 * This finds what `/(?<![A-Za-z])(?:word1|word2|...)(?![A-Za-z])/gi` over the first words finds
 * (the words are runs of ASCII letters; without the `u` flag, `i` folds only ASCII letters onto
 * ASCII letters, so such a match is a whole run, equal to a word but for case), without running
 * an expression of some 600 alternatives at every position of the text. A run is a candidate when
 * a word has its first two letters and its length (a table of bits); only a candidate makes a
 * string, looked up by the caller.
 */

import { isAsciiLetter } from '../text';

export class FirstWordRuns {
  /** Per (first letter, second letter or none, length): 1 when a word has them. */
  private readonly shapes: Uint8Array;
  /** The length of the longest word. */
  private readonly longest: number;
  /** Where the run `next` found starts and ends. */
  start = 0;
  end = 0;

  /** `words`: lower-case runs of ASCII letters. */
  constructor(words: readonly string[]) {
    this.longest = words.reduce((n, w) => Math.max(n, w.length), 0);
    this.shapes = new Uint8Array(26 * 27 * (this.longest + 1));
    for (const w of words) this.shapes[this.slot(w, 0, w.length)] = 1;
  }

  private slot(text: string, start: number, end: number): number {
    const first = (text.charCodeAt(start) | 0x20) - 0x61;
    const second = end - start > 1 ? (text.charCodeAt(start + 1) | 0x20) - 0x61 : 26;
    return (first * 27 + second) * (this.longest + 1) + (end - start);
  }

  /**
   * Finds the first candidate run that starts at or after `from` (`start`, `end`); false when
   * there is none. A run that began before `from` is not one (the expression's look-behind).
   */
  next(text: string, from: number): boolean {
    const n = text.length;
    let i = from;
    if (i > 0 && isAsciiLetter(text.charCodeAt(i - 1))) while (i < n && isAsciiLetter(text.charCodeAt(i))) i++;
    while (i < n) {
      if (!isAsciiLetter(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const start = i;
      while (i < n && isAsciiLetter(text.charCodeAt(i))) i++;
      if (i - start <= this.longest && this.shapes[this.slot(text, start, i)] === 1) {
        this.start = start;
        this.end = i;
        return true;
      }
    }
    return false;
  }
}
