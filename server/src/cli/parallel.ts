/**
 * The CLI's parallel batch path: letters are read and checked in worker threads (cli/worker.ts),
 * and their results are written by the main thread in input order, through a reorder buffer of
 * at most `window` entries (memory stays flat with the number of files: never all texts, never
 * all results). The output is the same, byte for byte, as the sequential run's (RunState).
 *
 * Failures stay in their file: a failure inside the analysis comes back as that file's result;
 * a worker that dies (an uncaught error, out of memory) is replaced, and the letters it held are
 * sent again. The letter it was checking when it died is tried once more; when it stops a
 * second worker too, it is reported as not checked (an internal error: exit status 2), never
 * silently dropped.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Worker } from 'worker_threads';
import type { LintConfig } from '../service';
import { errorName, type WorkerJob, type WorkerReply } from './check';
import { describeError, readStdin } from './files';
import type { Item, RunState } from './run';

/** What every worker is started with. */
export interface WorkerSetup {
  config?: LintConfig;
  docsBaseUri: string;
}

export type { WorkerJob, WorkerReply } from './check';

export interface ParallelOptions {
  workers: number;
  setup: WorkerSetup;
  /** The worker script (tests may wrap it); by default the one beside this module or bundle. */
  workerFile?: string;
  /** How many entries (in flight or waiting for their turn) the reorder buffer holds at most. */
  window?: number;
  /** How many letters go to a worker in one message (at most). */
  batch?: number;
  /**
   * Checks a job on this thread. Given, the main thread checks letters too, a batch at a time
   * between its turns of the event loop, while each worker holds at most two batches: the letters
   * go to whichever thread is free (a slow worker, or one still starting, gets fewer).
   */
  local?: (job: WorkerJob) => WorkerReply;
}

/** What the pool did (for tests and measurements: counts, never times). */
export interface ParallelStats {
  workersStarted: number;
  workerDeaths: number;
  jobsSent: number;
  messagesSent: number;
  /** Letters checked on the main thread (with `local`). */
  jobsLocal: number;
  /** The largest number of entries held at once (in flight or waiting to be written). */
  maxBuffered: number;
}

/**
 * How many threads check the letters of a big run, the main thread included (1: one thread):
 * IMR_LINT_THREADS when it is a whole number, else the cores less one, at most 8; two cores: one.
 * The core left is V8's: each thread's isolate compiles its hot functions on V8's own threads,
 * which in a batch of 2,000 letters cost about as much CPU as the main thread's checking
 * (measured in docs/performance-cli.md); on two cores one thread already keeps both busy, and a
 * second isolate (its start, warm-up, compilation and caches) costs more than it brings.
 * The decision is on cores, not on the load average: the load of a shared machine (or of the
 * runs just before, as in a benchmark) says little about the next second.
 */
export function threadCount(env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism()): number {
  const asked = env.IMR_LINT_THREADS;
  if (asked !== undefined && /^\d+$/.test(asked.trim())) return Math.min(64, Math.max(1, Number(asked)));
  return cores < 3 ? 1 : Math.min(8, cores - 1);
}

/**
 * The worker script: dist/cli-worker-start.js (dist/cli.js through the code cache) or
 * dist/cli-worker.js beside the bundle, or cli/worker.js beside the compiled cli.js.
 */
export function defaultWorkerFile(): string {
  const started = path.join(__dirname, 'cli-worker-start.js');
  if (fs.existsSync(started) && fs.existsSync(path.join(__dirname, 'cli.js')) && fs.existsSync(path.join(__dirname, 'cli-worker.js'))) return started;
  const bundled = path.join(__dirname, 'cli-worker.js');
  if (fs.existsSync(bundled)) return bundled;
  const beside = path.join(__dirname, 'worker.js');
  if (fs.existsSync(beside)) return beside;
  return path.join(__dirname, 'cli', 'worker.js');
}

type Slot = { kind: 'notice'; message: string } | { kind: 'job'; job: WorkerJob; reply?: WorkerReply; suspect: number; host?: Host };

interface Host {
  worker: Worker;
  /** The number of the letter the worker is checking (-1: none), written by the worker. */
  current: Int32Array;
  pending: number[];
  stopped: boolean;
  error?: unknown;
}

export function runParallel(items: Iterator<Item>, state: RunState, options: ParallelOptions): Promise<ParallelStats> {
  const workerFile = options.workerFile ?? defaultWorkerFile();
  const batch = Math.max(1, options.batch ?? 8);
  const local = options.local;
  const window = Math.max(1, options.window ?? (options.workers + (local ? 1 : 0)) * batch * 4);
  // With the main thread checking too, a worker holds two batches (one checked, one waiting), so
  // that the rest waits for whichever thread is free first; alone, the workers share everything.
  const perWorker = local ? 2 * batch : Infinity;
  const stats: ParallelStats = { workersStarted: 0, workerDeaths: 0, jobsSent: 0, messagesSent: 0, jobsLocal: 0, maxBuffered: 0 };
  const slots = new Map<number, Slot>();
  let nextToWrite = 0;
  let nextSeq = 0;
  let exhausted = false;
  let stdinRead = false;
  let finished = false;
  let hosts: Host[] = [];
  // A worker that dies is replaced, a bounded number of times (a letter that kills every worker stops after two).
  let respawns = options.workers * 4;

  return new Promise<ParallelStats>((resolve, reject) => {
    const fail = (error: unknown) => {
      if (finished) return;
      finished = true;
      void stopAll().then(() => reject(error));
    };
    const stopAll = async () => {
      const all = hosts;
      hosts = [];
      for (const h of all) h.stopped = true;
      await Promise.all(all.map((h) => h.worker.terminate()));
    };

    function start(): Host {
      // Loaded here, not with the CLI: a run of a few files never pays for it (start-up).
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load of a built-in module
      const { Worker } = require('worker_threads') as typeof import('worker_threads');
      const shared = new SharedArrayBuffer(4);
      const worker = new Worker(workerFile, { workerData: { ...options.setup, current: shared } });
      const host: Host = { worker, current: new Int32Array(shared), pending: [], stopped: false };
      host.current[0] = -1;
      stats.workersStarted++;
      worker.on('message', (replies: WorkerReply[]) => {
        for (const reply of replies) {
          const slot = slots.get(reply.seq);
          const at = host.pending.indexOf(reply.seq);
          if (at >= 0) host.pending.splice(at, 1);
          if (slot?.kind === 'job' && slot.host === host && !slot.reply) slot.reply = reply;
        }
        pump();
      });
      worker.on('error', (error) => {
        host.error = error;
      });
      worker.on('exit', (code) => {
        if (host.stopped) return;
        host.stopped = true;
        hosts = hosts.filter((h) => h !== host);
        stats.workerDeaths++;
        const reason = host.error !== undefined ? errorName(host.error) : `exit code ${code}`;
        const orphans = host.pending;
        host.pending = [];
        if (orphans.length) state.notifyWorkerStopped(reason, orphans.length);
        // The letter it was checking is the suspect (when it died between letters, the next one it
        // would have checked); the others it held are simply sent again.
        const current = Atomics.load(host.current, 0);
        const checking = current >= 0 && orphans.includes(current) ? current : orphans[0];
        orphans.forEach((seq) => {
          const slot = slots.get(seq);
          if (slot?.kind !== 'job' || slot.reply) return;
          slot.host = undefined;
          if (seq === checking) slot.suspect++;
          if (slot.suspect >= 2) {
            slot.reply = {
              seq,
              result: {
                file: slot.job.file,
                problems: [],
                failures: [`the worker thread checking this file stopped (${reason}) twice, so nothing was checked in this file`],
              },
            };
          }
        });
        if (respawns > 0) {
          respawns--;
          try {
            hosts.push(start());
          } catch {
            respawns = 0; // no thread can be started: the letters left go to the workers still alive, if any
          }
        }
        for (const seq of orphans) {
          const slot = slots.get(seq);
          if (slot?.kind === 'job' && !slot.reply) fresh.push(slot);
        }
        pump();
      });
      return host;
    }

    /** Jobs not yet sent, sent in batches by `dispatch`. */
    let fresh: Array<Extract<Slot, { kind: 'job' }>> = [];

    function dispatch(): void {
      const live = hosts.filter((h) => !h.stopped);
      if (live.length === 0) {
        // The main thread checks the rest (localTurn), but never a letter that stopped a worker.
        for (const slot of fresh)
          if (!local || slot.suspect > 0)
            slot.reply = {
              seq: slot.job.seq,
              result: { file: slot.job.file, problems: [], failures: ['no worker thread could check this file, so nothing was checked in it'] },
            };
        fresh = fresh.filter((slot) => !slot.reply);
        return;
      }
      // Even shares, at most `batch` letters a message, each to the worker that holds the fewest
      // (at most `perWorker`: the rest stays in `fresh` for the main thread or a later turn).
      const size = Math.min(batch, Math.ceil(fresh.length / (live.length + (local ? 1 : 0))));
      let i = 0;
      for (; i < fresh.length; i += size) {
        let host = live[0];
        for (const h of live) if (h.pending.length < host.pending.length) host = h;
        if (host.pending.length >= perWorker) break;
        const chunk = fresh.slice(i, i + size);
        for (const slot of chunk) {
          slot.host = host;
          host.pending.push(slot.job.seq);
        }
        stats.jobsSent += chunk.length;
        stats.messagesSent++;
        host.worker.postMessage(chunk.map((slot) => slot.job));
      }
      fresh = fresh.slice(i);
    }

    /** The main thread checks the next batch not sent to a worker, then lets their replies in. */
    let localScheduled = false;
    function localTurn(): void {
      localScheduled = false;
      if (finished || !local) return;
      // Never a letter that stopped a worker: it could stop this thread, and the run with it.
      const mine: typeof fresh = [];
      const rest: typeof fresh = [];
      for (const slot of fresh) (mine.length < batch && slot.suspect === 0 ? mine : rest).push(slot);
      fresh = rest;
      try {
        for (const slot of mine) {
          slot.reply = local(slot.job);
          stats.jobsLocal++;
        }
      } catch (e) {
        fail(e);
        return;
      }
      pump();
    }

    function take(item: Item): void {
      const seq = nextSeq++;
      if (item.kind === 'notice') {
        slots.set(seq, { kind: 'notice', message: item.message });
        return;
      }
      if (item.kind === 'stdin') {
        // Standard input is read here (it can be read once, by this thread), and checked in a worker.
        if (stdinRead) {
          slots.set(seq, { kind: 'notice', message: 'standard input is named more than once: it was read once' });
          return;
        }
        stdinRead = true;
        let text: string;
        try {
          text = readStdin();
        } catch (e) {
          slots.set(seq, { kind: 'notice', message: `cannot read <stdin>: ${describeError(e)}` });
          return;
        }
        const slot: Slot = { kind: 'job', job: { seq, kind: 'text', file: '<stdin>', text }, suspect: 0 };
        slots.set(seq, slot);
        fresh.push(slot);
        return;
      }
      const slot: Slot = { kind: 'job', job: { seq, kind: 'file', file: item.file, named: item.named }, suspect: 0 };
      slots.set(seq, slot);
      fresh.push(slot);
    }

    function write(): void {
      for (let slot = slots.get(nextToWrite); slot && (slot.kind === 'notice' || slot.reply); slot = slots.get(nextToWrite)) {
        slots.delete(nextToWrite++);
        if (slot.kind === 'notice') state.notice(slot.message);
        else {
          const reply = slot.reply!;
          if (reply.readError !== undefined) state.notice(`cannot read ${slot.job.file}: ${reply.readError}`);
          else if (reply.result) state.report(reply.result);
        }
      }
    }

    function pump(): void {
      if (finished) return;
      try {
        write();
        while (!exhausted && nextSeq - nextToWrite < window) {
          const r = items.next();
          if (r.done) exhausted = true;
          else take(r.value);
        }
        stats.maxBuffered = Math.max(stats.maxBuffered, nextSeq - nextToWrite);
        if (fresh.length) dispatch();
        if (local && fresh.some((slot) => slot.suspect === 0) && !localScheduled) {
          localScheduled = true;
          setImmediate(localTurn);
        }
        write();
        if (exhausted && nextToWrite === nextSeq) {
          finished = true;
          void stopAll().then(() => resolve(stats), reject);
        }
      } catch (e) {
        fail(e);
      }
    }

    try {
      for (let i = 0; i < options.workers; i++) hosts.push(start());
    } catch (e) {
      fail(e);
      return;
    }
    pump();
  });
}
