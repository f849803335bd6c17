/**
 * Reading files safely, for the CLI and the server (docs/reliability.md): regular files only (a
 * FIFO or device is refused, and the open is non-blocking so that it never waits for a writer),
 * and never more than a stated number of bytes.
 */
import * as fs from 'fs';

export class ReadError extends Error {
  override name = 'ReadError';
}

const code = (e: unknown) => (e as NodeJS.ErrnoException)?.code;

/** A plain reason for a failed read (an errno code in words; never file content). */
export function describeError(e: unknown): string {
  switch (code(e)) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return e instanceof ReadError ? e.message : (code(e) ?? (e as Error)?.name ?? 'error');
  }
}

export function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/**
 * The bytes of a regular file, at most `maxBytes` (`limit` names that size in messages).
 * Throws ReadError (with a plain reason) for anything else; `ENOENT` is kept as the error code.
 */
export function readRegularFile(file: string, maxBytes: number, limit: string): Buffer {
  // Not zero-filled: only the bytes read (subarray(0, n)) are ever looked at.
  return readRegular(file, maxBytes, limit, (size) => Buffer.allocUnsafe(size));
}

/**
 * A regular file's text (UTF-8, a byte order mark dropped), as `decode(readRegularFile(...))`
 * gives it, but read into one buffer kept for the next call: a batch reads thousands of letters,
 * and a new buffer for each is garbage the moment its text is decoded (docs/performance-cli.md).
 * A file larger than SCRATCH_BYTES gets a buffer of its own, so what is kept stays small.
 */
export function readRegularText(file: string, maxBytes: number, limit: string): string {
  return decode(readRegular(file, maxBytes, limit, scratchOf));
}

const SCRATCH_BYTES = 1024 * 1024;
let scratch: Buffer | undefined;

function scratchOf(size: number): Buffer {
  if (size > SCRATCH_BYTES) return Buffer.allocUnsafe(size);
  if (!scratch || scratch.length < size) scratch = Buffer.allocUnsafe(Math.min(SCRATCH_BYTES, Math.max(size, 65536)));
  return scratch;
}

/** Reads `file` into `bufferOf(at least its size + 1)`; the bytes read, as a view of that buffer. */
function readRegular(file: string, maxBytes: number, limit: string, bufferOf: (size: number) => Buffer): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if (code(e) === 'ENOENT') throw e;
    throw new ReadError(describeError(e));
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new ReadError(`${kindOf(stat)}, not a file to read: skipped`);
    if (stat.size > maxBytes) throw new ReadError(`larger than ${limit} (${stat.size} bytes): skipped`);
    // One byte more than the size: a file that grew while it was read is told apart.
    const end = stat.size + 1;
    const buffer = bufferOf(end);
    let n = 0;
    for (;;) {
      const got = fs.readSync(fd, buffer, n, end - n, null);
      if (got === 0) break;
      n += got;
      if (n === end) throw new ReadError(`larger than ${limit}: skipped`); // it grew while read
    }
    return buffer.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** UTF-8 text without a byte order mark. */
export function decode(buffer: Buffer): string {
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
