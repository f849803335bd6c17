/**
 * Which files are letters (the CLI's rules, shared with the workspace check): `*.imr` and
 * `*.imr.txt` always; a plain `*.txt` only when its first lines look like a letter. Folders named
 * node_modules, out, dist and hidden folders are not searched.
 */
import * as fs from 'fs';
import * as path from 'path';
import { looksLikeLetter } from './service';

export const LETTER_NAME = /\.(imr|imr\.txt|txt)$/i;
const ALWAYS_LETTER = /\.imr(\.txt)?$/i;
export const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist']);
const HEAD_BYTES = 16384;

/** Is this file (by name and, for plain .txt, by its first bytes) a letter? */
export async function isLetterFile(file: string): Promise<boolean> {
  const name = path.basename(file);
  if (!LETTER_NAME.test(name)) return false;
  if (ALWAYS_LETTER.test(name)) return true;
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return looksLikeLetter(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** The letter files under `dir`, sorted; stops early when `cancelled()` turns true. */
export async function findLetterFiles(dir: string, cancelled: () => boolean = () => false): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    if (cancelled()) return;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(folder, { withFileTypes: true });
    } catch {
      return; // unreadable folder: skipped
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (cancelled()) return;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) await walk(full);
      } else if (entry.isFile() && LETTER_NAME.test(entry.name)) {
        try {
          if (await isLetterFile(full)) found.push(full);
        } catch {
          // unreadable file: skipped
        }
      }
    }
  };
  await walk(dir);
  return found;
}

/** Reads a letter file as text (UTF-8, a byte order mark dropped). */
export async function readLetter(file: string): Promise<string> {
  const text = (await fs.promises.readFile(file)).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
