/**
 * A worker thread of the CLI's parallel batch path (cli/parallel.ts): reads and checks the
 * letters the main thread sends, one message each, and answers each with its result. The
 * main thread writes the output in input order. Reading here spreads the file reading over
 * the workers too; a read error is answered, and the main thread reports it in its place.
 */
import { parentPort, workerData } from 'worker_threads';
import { getLanguageService, resolveRules, resolveWords } from '../service';
import { errorName, lintOne, reported } from './check';
import { describeError, readLetterFile } from './files';
import type { FileResult } from './output';
import type { WorkerJob, WorkerReply, WorkerSetup } from './parallel';

const setup = workerData as WorkerSetup & { current: SharedArrayBuffer };
// The number of the letter being checked, for the main thread to read if this thread dies (-1: none).
const current = new Int32Array(setup.current);
let failures: string[] = [];
const service = getLanguageService({
  docsBaseUri: setup.docsBaseUri,
  cacheSize: 1,
  itemReuse: false,
  onRuleError: (ruleId, error) => failures.push(`rule ${ruleId} failed (${errorName(error)}) and was skipped`),
});
const rules = resolveRules(setup.config);
const words = resolveWords(setup.config);
const takeFailures = () => {
  const f = failures;
  failures = [];
  return f;
};

function check(job: WorkerJob): WorkerReply {
  let text: string | undefined;
  if (job.kind === 'text') text = job.text;
  else {
    try {
      text = readLetterFile(job);
    } catch (e) {
      return { seq: job.seq, readError: describeError(e) };
    }
    if (text === undefined) return { seq: job.seq, skipped: true };
  }
  const result: FileResult = lintOne(service, job.file, text, rules, words, takeFailures);
  return { seq: job.seq, result: { ...result, problems: result.problems.map(reported) } };
}

// Jobs come in batches and are answered in batches: one message per letter costs more than a
// short letter's check on a busy machine (each message wakes the other thread).
parentPort?.on('message', (jobs: WorkerJob[]) => {
  const replies: WorkerReply[] = [];
  for (const job of jobs) {
    Atomics.store(current, 0, job.seq);
    replies.push(check(job));
  }
  Atomics.store(current, 0, -1);
  parentPort?.postMessage(replies);
});
