/**
 * The language server's start (dist/server.js, what the client and other editors run): loads the
 * server bundle (dist/server-main.js) through V8's code cache, as the command line's start does
 * (cli/start.ts: the cache's folder, its key, the checks before it is used), and makes the cache
 * when the process exits, once it has checked a letter (docs/performance-server.md, "The code
 * cache").
 *
 * A fresh server compiles each function of its 1.2 MB bundle the first time it runs: the first
 * letter's check took 44-82 ms (the 200th about 1 ms), 30-73 ms with the cache; the rest is code
 * V8 has not run or optimised yet. From the cache, V8 reads the bytecode of every function an
 * earlier server ran instead of compiling it. A server that makes the cache keeps the bundle's
 * text (1.2 MB) until it exits; one that uses it does not.
 *
 * - Made at exit, not during the session: writing it (about 30 ms, 3 MB) never delays an answer,
 *   and by then it holds the bytecode of everything the session ran. Made only after a letter
 *   was checked (a server that only started would make a cache without the check's functions,
 *   which later servers would then use as it is, since a cache in use is not made again).
 * - V8 uses a cache only under the V8 flags it was made with. The bundle is compiled here before
 *   the server sets its flags at run time (compiler-budget.ts, young-generation.ts,
 *   idle-scavenge.ts), so at exit those flags are set back to V8's own values first
 *   (`V8_DEFAULTS`): the process is ending, so they no longer matter to it.
 */
import * as path from 'path';
import * as v8 from 'v8';
import { cacheFolder, loadWithCodeCache, type LoadedBundle } from './cli/start';
import { COMPILER_BUDGET_DEFAULTS } from './compiler-budget';
import { GC_HIDDEN } from './idle-scavenge';
import { HEAP_GROWTH_DEFAULTS } from './young-generation';

/**
 * V8's own values (Node 20, V8 11.3) of every flag the server sets at run time, each given by the
 * module that sets it. A flag left at another value makes V8 reject the cache in the next process
 * (which then makes it again at its exit: no harm but the lost time;
 * test/unit/server-start.test.ts checks that a second server uses the first one's cache).
 */
export const V8_DEFAULTS = [...COMPILER_BUDGET_DEFAULTS, ...HEAP_GROWTH_DEFAULTS, GC_HIDDEN];

/** The V8 version those values are of (Node 20's): the cache is used only under it. */
export const V8_DEFAULTS_OF = '11.3.';

/** What the server bundle tells its start (main.ts). */
interface ServerExports {
  /** Letters checked so far. */
  checkedLetters?: () => number;
}

/** At exit: the code cache, if it is to be made (missing, stale or rejected) and a letter was checked. */
export function saveAtExit(loaded: LoadedBundle, checked: () => number): void {
  if (checked() <= 0) return;
  for (const flag of V8_DEFAULTS) v8.setFlagsFromString(flag);
  loaded.save();
}

/** Runs the server bundle beside this file, through the code cache under the V8 whose defaults are known. */
export function startServer(): void {
  const bundle = path.join(__dirname, 'server-main.js');
  // Another V8 (VS Code runs the server on Electron's) may have other defaults: its caches would
  // be rejected and made again at every exit, and the loader would keep the bundle's text (1.2 MB)
  // for the life of the process to make them. It loads the bundle as before.
  if (!process.versions.v8.startsWith(V8_DEFAULTS_OF)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the plain load of the bundle
    require(bundle);
    return;
  }
  // No fallback to a plain require: the bundle starts the server as it runs, and the only
  // failures here before it runs (a missing or unreadable bundle, a syntax error) are require's.
  const loaded = loadWithCodeCache(bundle, cacheFolder());
  const exported = loaded.exports as ServerExports;
  process.on('exit', () => saveAtExit(loaded, () => exported.checkedLetters?.() ?? 0));
}

startServer();
