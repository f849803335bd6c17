/**
 * Fixture letters with their expectations inline: the letter, then a line `--- expect`, then one
 * line per expected diagnostic, `RULE LINE:COL message` (1-based, as the CLI prints them), or
 * `none`. Only the text before `--- expect` is checked, so positions are the letter's own.
 */
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './util';

export interface Expectation {
  rule: string;
  line: number;
  column: number;
  message: string;
}

export interface Fixture {
  file: string;
  name: string;
  text: string;
  expected: Expectation[];
}

const MARKER = /\r?\n--- expect\r?\n/;

export function loadFixture(file: string): Fixture {
  const raw = fs.readFileSync(file, 'utf8');
  const match = MARKER.exec(raw);
  if (!match) throw new Error(`${file}: no '--- expect' block`);
  const text = raw.slice(0, match.index + 1);
  const expected: Expectation[] = [];
  for (const line of raw.slice(match.index + match[0].length).split(/\r?\n/)) {
    if (!line.trim() || line.trim() === 'none') continue;
    const m = /^(IMR\d{3}) (\d+):(\d+) (.+)$/.exec(line.trim());
    if (!m) throw new Error(`${file}: cannot read expectation '${line}'`);
    expected.push({ rule: m[1], line: Number(m[2]), column: Number(m[3]), message: m[4] });
  }
  return { file, name: path.relative(path.join(repoRoot, 'test', 'fixtures'), file), text, expected };
}

export function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...fixtureFiles(full));
    else if (/\.(imr|txt)$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}
