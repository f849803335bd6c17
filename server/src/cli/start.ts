/**
 * The command line's start (bin/imr-lint.js -> dist/cli-start.js): loads the CLI bundle
 * (dist/cli.js) through V8's code cache, then runs it (docs/performance-cli.md, "Start-up").
 *
 * Compiling the 0.9 MB bundle and the functions the first letter needs costs a run of one letter
 * about a tenth of its time. V8 can save that work (`vm.Script#createCachedData`) and reuse it in
 * the next process. Node 20 has no compile cache of its own (Node 22's
 * `module.enableCompileCache`), so this module does what it would:
 *
 * - The cache is one file per bundle, in the user's cache folder: `$IMR_LINT_CACHE_DIR`, else
 *   `$XDG_CACHE_HOME/imr-lint`, else `~/.cache/imr-lint`. `IMR_LINT_CACHE_DIR=off` (or empty)
 *   turns it off. Nothing is ever written anywhere else (never beside the letters or the bundle).
 * - It is keyed by the exact bundle it was made from: its file starts with a line naming Node's
 *   version, the architecture and the bundle's size, then the bundle's bytes themselves, compared
 *   byte for byte (a copy of 1.2 MB read and compared costs less than loading node's crypto
 *   module and hashing: about 4 ms a run); any difference and it is made again (V8 itself checks
 *   only the text's length and its flags).
 * - One file per bundle and install: its name holds the bundle's name and a tag of the folder it
 *   is in (`cli.js.1a2b3c4d.v8cache`), so two installs of imr-lint (a global one and a project's,
 *   or two checkouts) no longer replace each other's cache at every run. When a cache is made,
 *   the oldest files of the same bundle name beyond `CACHES_KEPT` are removed (this user's only),
 *   and so is the name without a tag that earlier versions used: bounded.
 * - It is made once, after the first letter is checked (the lazily compiled functions that
 *   letter needed are then in it), and written atomically (a temporary file, then a rename).
 *   V8 rejects a cache made after a V8 flag changed (the young-generation bound of cli.ts
 *   changes one later in the run), hence "after the first letter", before that bound is set.
 * - It is used only when this user owns the file and no one else may write it (V8 runs what a
 *   code cache holds).
 * - Any failure (no home folder, a read-only disk, a damaged file) only means no cache: the run
 *   is the same, byte for byte.
 */
import { isAscii } from 'buffer';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Module's internals (wrap, _nodeModulePaths) are not in its typings
import Module = require('module');
import { setCompilerBudgets } from '../compiler-budget';

/** The folder of the code cache, or undefined when it is turned off. */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env, home = os.homedir): string | undefined {
  const asked = env.IMR_LINT_CACHE_DIR;
  if (asked !== undefined) return asked.trim() === '' || asked.trim().toLowerCase() === 'off' ? undefined : path.resolve(asked);
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'imr-lint');
  try {
    const h = home();
    return h ? path.join(h, '.cache', 'imr-lint') : undefined;
  } catch {
    return undefined;
  }
}

/** How many cache files of one bundle name are kept (one per install; the most recently made). */
export const CACHES_KEPT = 4;

/** The tag of the folder of `file` in its cache file's name: FNV-1a of its absolute path, 8 hex digits. */
export function placeTag(file: string): string {
  const place = path.dirname(path.resolve(file));
  let hash = 0x811c9dc5;
  for (let i = 0; i < place.length; i++) hash = Math.imul(hash ^ place.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** The cache file of the bundle `file` in `folder`. */
export function cacheFileOf(file: string, folder: string): string {
  return path.join(folder, `${path.basename(file)}.${placeTag(file)}.v8cache`);
}

/**
 * Removes the cache files of the bundle name `name` in `folder` other than `kept` beyond the
 * `CACHES_KEPT - 1` most recently made, and the untagged name of earlier versions; only this
 * user's regular files. Never throws.
 */
function pruneCaches(folder: string, name: string, kept: string): void {
  try {
    const uid = process.getuid?.();
    const tagged = (entry: string) =>
      entry.length === name.length + 17 && entry.startsWith(`${name}.`) && entry.endsWith('.v8cache') && /^[0-9a-f]{8}$/.test(entry.slice(name.length + 1, -8));
    const others: { file: string; made: number }[] = [];
    for (const entry of fs.readdirSync(folder)) {
      const file = path.join(folder, entry);
      if (file === kept || (entry !== `${name}.v8cache` && !tagged(entry))) continue;
      const stat = fs.lstatSync(file);
      if (!stat.isFile() || (uid !== undefined && stat.uid !== uid)) continue;
      others.push({ file, made: entry === `${name}.v8cache` ? -1 : stat.mtimeMs });
    }
    others.sort((a, b) => b.made - a.made);
    others.forEach(({ file, made }, i) => {
      if (made < 0 || i >= CACHES_KEPT - 1) fs.rmSync(file, { force: true });
    });
  } catch {
    // a file that went away, a folder that cannot be read: the next cache made tries again
  }
}

/** The line a cache file starts with, for the bundle `source`: Node's version, the architecture, the bundle's size. */
export function cacheHeader(source: Buffer): Buffer {
  return Buffer.from(`imr-lint code cache: node ${process.version} ${process.arch}, bundle of ${source.length} bytes\n`, 'latin1');
}

/** A cache file's key for `source`: its header, then the bundle's bytes (the V8 data follows). */
export function cacheKey(source: Buffer): Buffer {
  return Buffer.concat([cacheHeader(source), source]);
}

export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** Makes and writes the cache, when it was missing, stale or rejected (once; never throws). */
  save: () => void;
  /** What happened to the cache (for tests): none (no file or off), used, stale (another bundle), rejected (by V8). */
  status: 'off' | 'none' | 'used' | 'stale' | 'rejected';
}

/**
 * The V8 data of the cache file, when it was made for the bundle `bytes` (its key: dataOffset)
 * and this user owns it and no one else may write it; undefined otherwise: V8 runs what a code
 * cache holds, so a cache someone else could have written (a shared IMR_LINT_CACHE_DIR) is not
 * used, and is replaced by this user's own. The key is read and compared in pieces, then the V8
 * data alone: never a buffer of the whole file (2.2 MB; the 5 MB document's peak RSS was 1 MB
 * higher with one, freed before the letter was read).
 */
function readOwnCache(file: string, bytes: Buffer): Buffer | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const stat = fs.fstatSync(fd);
    // POSIX only: Windows has no owner ids here, and reports every writable file as mode 0o666.
    const uid = process.getuid?.();
    if (!stat.isFile() || (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0))) return undefined;
    const key = [cacheHeader(bytes), bytes];
    const keyLength = key[0].length + bytes.length;
    if (stat.size <= keyLength) return undefined;
    const piece = Buffer.allocUnsafe(65536);
    let at = 0;
    for (const part of key) {
      for (let from = 0; from < part.length;) {
        const n = fs.readSync(fd, piece, 0, Math.min(piece.length, part.length - from), at);
        if (n <= 0 || !piece.subarray(0, n).equals(part.subarray(from, from + n))) return undefined;
        from += n;
        at += n;
      }
    }
    const data = Buffer.allocUnsafe(stat.size - keyLength);
    for (let got = 0; got < data.length;) {
      const n = fs.readSync(fd, data, got, data.length - got, at + got);
      if (n <= 0) return undefined;
      got += n;
    }
    return data;
  } finally {
    fs.closeSync(fd);
  }
}

/** Loads the CommonJS bundle `file` as `require` would, through the code cache in `folder`. */
export function loadWithCodeCache(file: string, folder: string | undefined): LoadedBundle {
  // Read as bytes: compared as they are, and decoded as Latin-1 when they are ASCII (the shipped
  // bundles are: test/unit/bundle.test.ts), a plain copy, where UTF-8 decoding costs 2-9 ms.
  const bytes = fs.readFileSync(file);
  const ascii = isAscii(bytes);
  const source = ascii ? bytes.toString('latin1') : bytes.toString('utf8');
  const cacheFile = folder && cacheFileOf(file, folder);
  let cachedData: Buffer | undefined;
  let status: LoadedBundle['status'] = folder ? 'none' : 'off';
  if (cacheFile) {
    try {
      cachedData = readOwnCache(cacheFile, bytes);
      if (!cachedData) status = 'stale';
    } catch {
      // no cache yet (or unreadable): made after the first letter
    }
  }
  // The same wrapper and arguments as require's, so the bundle cannot tell the difference.
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (cachedData) status = script.cachedDataRejected ? 'rejected' : 'used';
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const requireFromBundle = Object.assign((id: string) => mod.require(id), {
    resolve: (id: string) => require.resolve(id, { paths: mod.paths }),
    main: require.main,
    cache: require.cache,
  });
  script.runInThisContext().call(mod.exports, mod.exports, requireFromBundle, mod, file, path.dirname(file));
  mod.loaded = true;
  let saved = status === 'used' || status === 'off';
  // The bundle's text, kept only while a cache is to be made (its bytes are made again from it):
  // the run holds this closure to its end (a 1.2 MB string that V8 does not keep otherwise, since
  // it compiled the wrapped text), and a run whose first letter is large never calls it.
  let text = saved ? undefined : source;
  const save = () => {
    if (saved || !cacheFile || text === undefined) return;
    saved = true;
    // The same bytes for a bundle in UTF-8 (one that is not would only never match, and be made again).
    const again = Buffer.from(text, ascii ? 'latin1' : 'utf8');
    text = undefined;
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
      fs.writeFileSync(temporary, Buffer.concat([cacheHeader(again), again, script.createCachedData()]), { mode: 0o600 });
      fs.renameSync(temporary, cacheFile);
      pruneCaches(path.dirname(cacheFile), path.basename(file), cacheFile);
    } catch {
      try {
        fs.rmSync(temporary, { force: true });
      } catch {
        // nothing was written
      }
    }
  };
  return { exports: mod.exports as Record<string, unknown>, save, status };
}

/** The entry of bin/imr-lint.js: the CLI bundle beside this one, loaded through the cache, run on `argv`. */
export function start(argv: string[] = process.argv.slice(2)): void {
  const bundle = path.join(__dirname, 'cli.js');
  // Before the bundle is compiled: the code cache is made and used under the same V8 flags.
  setCompilerBudgets();
  let loaded: LoadedBundle;
  try {
    loaded = loadWithCodeCache(bundle, cacheFolder());
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the plain load, when the cached one cannot be done
    require(bundle).cliEntry(argv);
    return;
  }
  (loaded.exports.cliEntry as (argv: string[], hooks?: { warm?: () => void }) => void)(argv, { warm: loaded.save });
}
