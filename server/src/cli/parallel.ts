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
import { errorName } from './check';
import { describeError, readStdin } from './files';
import type { FileResult } from './output';
import type { Item, RunState } from './run';

/** What every worker is started with. */
export interface WorkerSetup {
  config?: LintConfig;
  docsBaseUri: string;
}

export type WorkerJob = { seq: number; kind: 'file'; file: string; named: boolean } | { seq: number; kind: 'text'; file: string; text: string };

export interface WorkerReply {
  seq: number;
  result?: FileResult;
  /** The file could not be read (the reason, as describeError gives it). */
  readError?: string;
  /** A .txt file found in a folder that is not a letter. */
  skipped?: true;
}

export interface ParallelOptions {
  workers: number;
  setup: WorkerSetup;
  /** The worker script (tests may wrap it); by default the one beside this module or bundle. */
  workerFile?: string;
  /** How many entries (in flight or waiting for their turn) the reorder buffer holds at most. */
  window?: number;
  /** How many letters go to a worker in one message (at most). */
  batch?: number;
}

/** What the pool did (for tests and measurements: counts, never times). */
export interface ParallelStats {
  workersStarted: number;
  workerDeaths: number;
  jobsSent: number;
  messagesSent: number;
  /** The largest number of entries held at once (in flight or waiting to be written). */
  maxBuffered: number;
}

/**
 * How many worker threads a big run uses: IMR_LINT_THREADS when it is a whole number (1: one
 * thread), else the cores that are not busy, as `make -l` judges them (os.availableParallelism()
 * less the 1-minute load average), less one for the main thread and V8's own threads (garbage
 * collection, compilation), at most 8. A worker thread pays its own start and warm-up and fills
 * its own caches (parser, quotation and line memories): on two cores one thread is faster than
 * two workers (measured in docs/performance-cli.md), so a run goes parallel from three idle cores.
 */
export function workerCount(env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism(), load = os.loadavg()[0]): number {
  const asked = env.IMR_LINT_THREADS;
  if (asked !== undefined && /^\d+$/.test(asked.trim())) return Math.min(64, Math.max(1, Number(asked)));
  return Math.max(1, Math.min(8, Math.floor(cores - load + 0.5) - 1));
}

/** The worker script: dist/cli-worker.js beside the bundle, or cli/worker.js beside the compiled cli.js. */
export function defaultWorkerFile(): string {
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
  const window = Math.max(1, options.window ?? options.workers * batch * 4);
  const stats: ParallelStats = { workersStarted: 0, workerDeaths: 0, jobsSent: 0, messagesSent: 0, maxBuffered: 0 };
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
        for (const slot of fresh)
          slot.reply = {
            seq: slot.job.seq,
            result: { file: slot.job.file, problems: [], failures: ['no worker thread could check this file, so nothing was checked in it'] },
          };
        fresh = [];
        return;
      }
      // Even shares, at most `batch` letters a message, each to the worker that holds the fewest.
      const size = Math.min(batch, Math.ceil(fresh.length / live.length));
      for (let i = 0; i < fresh.length; i += size) {
        const chunk = fresh.slice(i, i + size);
        let host = live[0];
        for (const h of live) if (h.pending.length < host.pending.length) host = h;
        for (const slot of chunk) {
          slot.host = host;
          host.pending.push(slot.job.seq);
        }
        stats.jobsSent += chunk.length;
        stats.messagesSent++;
        host.worker.postMessage(chunk.map((slot) => slot.job));
      }
      fresh = [];
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
