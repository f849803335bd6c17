/**
 * A worker thread of the CLI's parallel batch path (cli/parallel.ts): reads and checks the
 * letters the main thread sends, a batch a message, and answers each batch with its results. The
 * main thread writes the output in input order. Reading here spreads the file reading over
 * the workers too; a read error is answered, and the main thread reports it in its place.
 *
 * `runWorker` is exported by the CLI bundle (dist/cli.js) too: from the bundle, a worker is
 * started by dist/cli-worker-start.js, which loads dist/cli.js through the main thread's code
 * cache (cli/start.ts) and calls it. cli/worker.ts is the plain worker script.
 */
import type { WorkerJob, WorkerReply, WorkerSetup } from './parallel';
import { checkJob, createChecker } from './check';

export function runWorker(): void {
  // Loaded here, not with the CLI: a run on one thread never pays for it (start-up).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load of a built-in module
  const { parentPort, workerData } = require('worker_threads') as typeof import('worker_threads');
  const setup = workerData as WorkerSetup & { current: SharedArrayBuffer };
  // The number of the letter being checked, for the main thread to read if this thread dies (-1: none).
  const current = new Int32Array(setup.current);
  const checker = createChecker(setup.config, setup.docsBaseUri);

  // Jobs come in batches and are answered in batches: one message per letter costs more than a
  // short letter's check on a busy machine (each message wakes the other thread).
  parentPort?.on('message', (jobs: WorkerJob[]) => {
    const replies: WorkerReply[] = [];
    for (const job of jobs) {
      Atomics.store(current, 0, job.seq);
      replies.push(checkJob(job, checker));
    }
    Atomics.store(current, 0, -1);
    parentPort?.postMessage(replies);
  });
}
