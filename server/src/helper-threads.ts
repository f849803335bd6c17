/**
 * V8's background threads kept off one CPU, so that the thread answering the editor always finds
 * one free (issue 11: the didChange p99).
 *
 * Node starts four V8 worker threads whatever the machine. While a letter is typed in for the
 * first time, they compile the hot functions with the optimising compiler (about 90 compilations
 * in the bench's 220 edits, some of 10-20 ms each) and help with garbage collection, several at
 * once. On a machine of two cores they then took both cores, and the server's main thread, woken
 * by a keystroke, waited its turn: in-process, with the same edits, the slowest edits took
 * 3.3-4.7 ms with four threads and 1.8-1.9 ms with one (node's `--v8-pool-size=1`). Editors start
 * the server as `node FILE`, so that node option cannot be given; what can be changed at run time
 * on Linux is each thread's CPU affinity. The server therefore confines every thread that exists
 * when it starts, except the main thread, to the CPUs it may use less the first one, with
 * util-linux's `taskset` (one `sh` started once, in the background; its absence changes nothing).
 * The main thread keeps every CPU, and the threads made later (libuv's file system pool, worker
 * threads) inherit its affinity, not the confined one.
 *
 * Only on Linux, with at least two CPUs allowed, and unless IMR_LINT_HELPER_CPUS is `all`.
 * Measured in docs/performance-server.md ("The helper threads").
 */
import { spawn } from 'child_process';
import * as fs from 'fs';

/** The CPUs of a Linux CPU list ("0-3,8,10-11"), sorted, without repeats; [] for a malformed list. */
export function parseCpuList(text: string): number[] {
  const cpus = new Set<number>();
  for (const part of text.trim().split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!range) return [];
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    if (last < first || last - first > 4096) return [];
    for (let cpu = first; cpu <= last; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** The CPUs this process may run on, from the text of /proc/self/status ([] when it does not say). */
export function allowedCpus(status: string): number[] {
  const line = /^Cpus_allowed_list:\s*(\S+)/m.exec(status);
  return line ? parseCpuList(line[1]) : [];
}

/** Where the helper threads go: every allowed CPU but the first, as a CPU list; undefined with fewer than two. */
export function helperCpuList(allowed: readonly number[]): string | undefined {
  return allowed.length < 2 ? undefined : allowed.slice(1).join(',');
}

/**
 * The shell loop that sets each thread's affinity (the CPU list is $0, the thread ids follow). A
 * thread that has ended meanwhile fails alone: the others are still set, and the exit code is 1.
 */
const CONFINE_SCRIPT = 's=0; for t do taskset -p -c "$0" "$t" >/dev/null 2>&1 || s=1; done; exit $s';

export interface ConfineOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Reads a file of /proc (tests give their own). */
  readText?: (file: string) => string;
  /** Lists /proc/self/task. */
  listThreads?: () => string[];
  /** Called when the shell has finished: its exit code, or null when it could not be run. */
  done?: (code: number | null) => void;
}

/** What `confineHelperThreads` did (tests read it): the thread ids and the CPU list, or why nothing. */
export type ConfineResult = { threads: number[]; cpus: string } | { skipped: string };

/**
 * Confines the process's threads other than the main one to all allowed CPUs but the first
 * (above). Returns at once; the affinity is set a few milliseconds later, by the shell. Never throws.
 */
export function confineHelperThreads(options: ConfineOptions = {}): ConfineResult {
  const env = options.env ?? process.env;
  if ((env.IMR_LINT_HELPER_CPUS ?? '').trim().toLowerCase() === 'all') return { skipped: 'IMR_LINT_HELPER_CPUS=all' };
  if ((options.platform ?? process.platform) !== 'linux') return { skipped: 'not Linux' };
  const readText = options.readText ?? ((file: string) => fs.readFileSync(file, 'utf8'));
  const listThreads = options.listThreads ?? (() => fs.readdirSync('/proc/self/task'));
  try {
    const cpus = helperCpuList(allowedCpus(readText('/proc/self/status')));
    if (cpus === undefined) return { skipped: 'fewer than two CPUs' };
    const threads = listThreads()
      .map(Number)
      .filter((tid) => Number.isInteger(tid) && tid > 0 && tid !== process.pid);
    if (threads.length === 0) return { skipped: 'no other thread' };
    const shell = spawn('/bin/sh', ['-c', CONFINE_SCRIPT, cpus, ...threads.map(String)], { stdio: 'ignore' });
    shell.on('error', () => options.done?.(null));
    shell.on('exit', (code) => options.done?.(code));
    shell.unref();
    return { threads, cpus };
  } catch (error) {
    return { skipped: `cannot read /proc: ${error instanceof Error ? error.name : 'error'}` };
  }
}
