import * as fs from 'fs';
import * as path from 'path';

/** The repository root (this file compiles to out/test/util.js). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * The folder holding the real letters and seeds: $IMR_CORPUS_DIR, else ../shared beside the
 * repository. Undefined when neither exists (a fresh clone elsewhere): corpus tests then skip.
 */
export function corpusDir(): string | undefined {
  const candidates = [process.env.IMR_CORPUS_DIR, path.resolve(repoRoot, '..', 'shared')];
  for (const dir of candidates) {
    if (dir && fs.existsSync(path.join(dir, 'letters'))) return dir;
  }
  return undefined;
}

export const corpusMissingReason = 'corpus not found: set IMR_CORPUS_DIR to a folder with letters/ and seeds/, or place it at ../shared';

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', ...parts), 'utf8');
}

/** The letters or seeds of the corpus, sorted by name (none when the corpus is missing). */
export function readCorpus(sub: 'letters' | 'seeds'): Array<{ name: string; text: string }> {
  const dir = corpusDir();
  if (!dir) return [];
  const folder = path.join(dir, sub);
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(folder, name), 'utf8') }));
}

/** A small deterministic generator of non-negative 31-bit integers (no Math.random in tests). */
export function numbers(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s;
  };
}
