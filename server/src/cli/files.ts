/**
 * Which files the CLI reads, and how (docs/reliability.md):
 * - folders are walked lazily, one folder listing at a time (never a list of every file);
 * - symbolic links inside folders are followed, each folder and file at most once (loops safe;
 *   files are told apart by their real path, so hard links to one file count as two files);
 * - only regular files are read: a FIFO, socket or device is reported and skipped, and files
 *   are opened non-blocking so that one that turns into a FIFO cannot block the run;
 * - a letter larger than MAX_LETTER_BYTES is reported and skipped (memory stays bounded).
 */
import * as fs from 'fs';
import * as path from 'path';
import { looksLikeLetter } from '../service';
import { decode, describeError, kindOf, ReadError, readRegularText } from '../io';

export { ReadError, describeError } from '../io';

/** The largest letter read from a file or standard input (16 MiB: real letters are 10-100 KB). */
export const MAX_LETTER_BYTES = 16 * 1024 * 1024;
export const MAX_LETTER_TEXT = '16 MiB';

const LETTER_EXTENSIONS = /\.(imr|imr\.txt|txt)$/i;
const IMR_EXTENSIONS = /\.imr(\.txt)?$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist']);

/** One input: a file to read, or standard input ('-' or --stdin). */
export type Input = { kind: 'file'; file: string; named: boolean } | { kind: 'stdin' };

const code = (e: unknown) => (e as NodeJS.ErrnoException)?.code;

/**
 * The inputs named on the command line, folders expanded, in order; problems go to `onError`
 * (the run goes on). A generator: the caller reads and checks each file before the next is found.
 */
export function* expandInputs(paths: string[], onError: (message: string) => void): Generator<Input> {
  for (const p of paths) {
    if (p === '-') {
      yield { kind: 'stdin' };
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      onError(`cannot read ${p}: ${describeError(e)}`);
      continue;
    }
    if (stat.isDirectory()) yield* walk(p, onError, { folders: new Set([key(stat)]), files: new Set() });
    else if (stat.isFile()) yield { kind: 'file', file: p, named: true };
    else onError(`skipped ${p}: ${kindOf(stat)}, not a letter file`);
  }
}

const key = (stat: fs.Stats) => `${stat.dev}:${stat.ino}`;

/**
 * What was walked under one named folder: folders by device and inode (a link back to a folder
 * already walked is not walked again), files by their real path (a letter reached through a
 * link and directly is checked once). A file found directly in a folder has the real path
 * `<the folder's real path>/<name>`: no system call per file.
 */
interface Walked {
  folders: Set<string>;
  files: Set<string>;
}

function realFolder(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

function* walk(dir: string, onError: (message: string) => void, walked: Walked, real = realFolder(dir)): Generator<Input> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    onError(`cannot read folder ${dir}: ${describeError(e)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    // `real` is a real path (absolute, normalised) and a name has no separator: what path.join
    // gives, without its normalising pass over the path for every file of a folder.
    let target = real.endsWith(path.sep) ? real + entry.name : real + path.sep + entry.name;
    if (entry.isSymbolicLink()) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(full);
        target = fs.realpathSync(full);
      } catch {
        continue; // a dangling link is no letter
      }
      isDir = stat.isDirectory();
      isFile = stat.isFile();
    }
    if (isDir) {
      if (SKIP_DIRS.has(entry.name) || entry.name.startsWith('.')) continue;
      let stat: fs.Stats;
      try {
        stat = fs.statSync(full);
      } catch (e) {
        onError(`cannot read folder ${full}: ${describeError(e)}`);
        continue;
      }
      if (walked.folders.has(key(stat))) continue; // a link back to a folder already walked
      walked.folders.add(key(stat));
      yield* walk(full, onError, walked, target);
    } else if (isFile && LETTER_EXTENSIONS.test(entry.name)) {
      if (walked.files.has(target)) continue; // the same file through a link, or twice: once
      walked.files.add(target);
      yield { kind: 'file', file: full, named: false };
    } else if (!isDir && !isFile && LETTER_EXTENSIONS.test(entry.name)) {
      const stat = fs.statSync(full, { throwIfNoEntry: false });
      if (stat) onError(`skipped ${full}: ${kindOf(stat)}, not a letter file`);
    }
  }
}

/**
 * Reads a letter file: a regular file only, at most MAX_LETTER_BYTES. A plain .txt file found
 * in a folder is read only when its head looks like a letter (undefined otherwise).
 */
export function readLetterFile(input: { file: string; named: boolean }): string | undefined {
  const text = readRegularText(input.file, MAX_LETTER_BYTES, `${MAX_LETTER_TEXT}, the limit for one letter`);
  if (!input.named && !IMR_EXTENSIONS.test(input.file) && !looksLikeLetter(text.slice(0, 16384))) return undefined;
  return text;
}

/** Reads standard input up to MAX_LETTER_BYTES; more is an error that names the limit. */
export function readStdin(fd = 0): string {
  const chunks: Buffer[] = [];
  let size = 0;
  const buffer = Buffer.alloc(65536);
  for (;;) {
    let n = 0;
    try {
      n = fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      if (code(e) === 'EAGAIN') {
        waitForInput();
        continue;
      }
      if (code(e) === 'EOF') break;
      throw new ReadError(describeError(e));
    }
    if (n === 0) break;
    size += n;
    if (size > MAX_LETTER_BYTES) throw new ReadError(`standard input holds more than ${MAX_LETTER_TEXT}, the limit for one letter: nothing was checked`);
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return decode(Buffer.concat(chunks, size));
}

/** Sleeps a little when non-blocking standard input has nothing yet (no busy loop). */
function waitForInput(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
}
