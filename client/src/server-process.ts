/**
 * How the client starts the language server's process: its environment and node's options. Kept
 * apart from extension.ts (no `vscode` import) so that it can be tested without an editor.
 *
 * - `MALLOC_ARENA_MAX=2`: glibc gives each thread that allocates its own malloc arena; V8's helper
 *   threads (garbage collection, compilation) then keep several. Two arenas: 6 MB less resident
 *   memory after 200 opened letters (101.5-102.2 -> 95.3-95.8 MB, scripts/lsp-perf.js open, 2 runs
 *   each), the same time. glibc reads it only at start, so it is set here; a value the user set is
 *   kept.
 * - `--v8-pool-size`: node starts four V8 helper threads on any machine. While a letter is typed in
 *   for the first time they compile its hot functions, several at once; on a machine of two cores
 *   they then held both cores and the server's thread, woken by a keystroke, waited for one (issue
 *   11, docs/performance-server.md "The helper threads"). The server confines them itself on Linux
 *   (server/src/helper-threads.ts), which an editor that starts it as `node FILE` needs; this option
 *   does the same on every system VS Code runs on, where the client starts the process: one helper
 *   thread on two cores, else the cores less one, at most node's default of four.
 */

/** node's default number of V8 helper threads. */
const NODE_DEFAULT_POOL = 4;

/** The number of V8 helper threads for a machine of `cores` cores (one core is left to the server's thread). */
export function helperPoolSize(cores: number): number {
  if (!Number.isFinite(cores) || cores < 3) return 1;
  return Math.min(NODE_DEFAULT_POOL, Math.floor(cores) - 1);
}

export interface ServerProcess {
  env: NodeJS.ProcessEnv;
  execArgv: string[];
}

/** The environment and node's options of the server's process (`env`: the client's environment). */
export function serverProcess(env: NodeJS.ProcessEnv, cores: number): ServerProcess {
  return {
    env: { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2' },
    execArgv: [`--v8-pool-size=${helperPoolSize(cores)}`],
  };
}
