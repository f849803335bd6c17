// The letters the performance scripts check (never in tests): copies of real letters made unique
// the way ../shared/tools/bench makes its own, so that a script's figures and the bench's are of
// the same kind of text. Used by scripts/lsp-perf.js and scripts/target-bound.js.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

/** A paragraph's end: a blank line, or a form feed before a new page's label or a blank page. */
const LABEL = /^(Claims Administrator guideline:|MAXIMUS guideline:|Decision rationale:|.*:\s*(Upheld|Overturned)\s*$)/;
const isBreak = (line) => line.trim() === '' || (line[0] === '\f' && (line.length === 1 || LABEL.test(line.slice(1))));

/** The letters of `dir` (every .txt/.imr file, sorted, trailing white space cut); by default ../shared/letters, else examples/. */
function loadLetters(dir) {
  const sharedLetters = path.resolve(root, '..', 'shared', 'letters');
  const letterDir = dir ?? (fs.existsSync(sharedLetters) ? sharedLetters : path.join(root, 'examples'));
  return fs
    .readdirSync(letterDir)
    .filter((f) => /\.(txt|imr)$/.test(f))
    .sort()
    .map((f) => fs.readFileSync(path.join(letterDir, f), 'utf8').replace(/\s+$/, ''));
}

/** The bench's ways of making documents from `letters`. */
function benchLetters(letters) {
  // Copies made unique as the bench makes its letters (../shared/tools/bench: uniquify, grow,
  // build15k): a serial sentence ends the case summary and every Decision rationale paragraph, so
  // caches by paragraph or sentence never see a rationale twice. (Before, only a line at the end
  // changed and whole letters were joined: 200 letters promoted about half as much to V8's old
  // generation as in the bench, which then measured 20 MB more.)
  const SENTENCES = [
    (id) => `Progress note ${id} was also reviewed.`,
    (id) => `A follow-up report with reference ${id} was included in the file.`,
    (id) => `The request form ${id} was considered in this review.`,
    (id) => `Supplemental records ${id} did not change the findings.`,
  ];
  function unique(text, serial) {
    const lines = text.split('\n');
    const at = new Set();
    const issues = lines.findIndex((l) => l.includes('IMR ISSUES, DECISIONS AND RATIONALES'));
    if (issues > 0) {
      let p = issues - 1;
      while (p > 0 && lines[p].trim() === '') p--;
      at.add(p);
    }
    for (let i = 0; i < lines.length; i++) {
      if (!/^\f?Decision rationale:/.test(lines[i])) continue;
      let j = i;
      while (j + 1 < lines.length && !isBreak(lines[j + 1])) j++;
      at.add(j);
    }
    if (!at.size) at.add(lines.length - 1);
    let k = at.size;
    for (const p of [...at].sort((a, b) => b - a)) {
      k--;
      lines.splice(p + 1, 0, SENTENCES[(serial + k) % SENTENCES.length](`${serial}-${k}`));
    }
    return lines.join('\n');
  }
  /** The item blocks of a letter: the lines after "... set forth below:" up to its last non-blank line. */
  function itemsRegion(text) {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => /set forth below:\s*$/.test(l));
    if (i < 0) return null;
    let end = lines.length;
    while (end > i + 1 && /^\f?\s*$/.test(lines[end - 1])) end--;
    let start = i + 1;
    while (start < end && lines[start].trim() === '') start++;
    return start < end ? lines.slice(start, end).join('\n') : null;
  }
  /** The bench's ~15 KB letter number `i`: one letter grown with other letters' item blocks, made unique. */
  function benchLetter(i, serial) {
    const letter = letters[(i * 7) % letters.length];
    const lines = letter.split('\n');
    const tail = [];
    while (lines.length && /^\f?\s*$/.test(lines[lines.length - 1])) tail.unshift(lines.pop());
    let size = Buffer.byteLength(letter);
    let j = i * 3 + 1;
    for (let guard = 0; size < 15000 * 0.97 && guard < 60; guard++) {
      let best = null;
      for (let d = 0; d < 8; d++) {
        const r = regions[(j + d) % letters.length];
        if (!r) continue;
        const score = Math.abs(15000 - size - r.length);
        if (!best || score < best.score) best = { r, score, d };
      }
      if (!best) break;
      lines.push('', best.r);
      size += Buffer.byteLength(best.r) + 2;
      j += best.d + 1;
    }
    return unique(lines.concat(tail.length ? tail : ['\f']).join('\n'), serial);
  }
  const regions = letters.map(itemsRegion);
  /** A letter of about `bytes`: letters joined (the first one's header, more items after it). */
  function document(bytes, serial) {
    const parts = [];
    let size = 0;
    for (let i = serial; size < bytes; i++) {
      const part = unique(letters[i % letters.length], serial * 100000 + i);
      parts.push(part);
      size += part.length;
    }
    return parts.join('\n');
  }

  return { unique, benchLetter, document };
}

module.exports = { loadLetters, benchLetters, isBreak };
