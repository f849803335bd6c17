/**
 * The start of a worker thread from the bundle (dist/cli-worker-start.js, chosen by
 * cli/parallel.ts): loads dist/cli.js through the code cache the main thread made (cli/start.ts;
 * with the functions a letter's check compiled lazily in it) and runs its worker (`runWorker`).
 * A worker never writes the cache: the main thread's V8 flags may have changed by the time it
 * could (the young-generation bound), and V8 would reject that cache. Any failure: the plain
 * worker script, dist/cli-worker.js.
 */
import * as path from 'path';
import { cacheFolder, loadWithCodeCache } from './start';

let runWorker: (() => void) | undefined;
try {
  runWorker = loadWithCodeCache(path.join(__dirname, 'cli.js'), cacheFolder()).exports.runWorker as () => void;
} catch {
  runWorker = undefined;
}
if (typeof runWorker === 'function') runWorker();
else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the plain worker, when the cached load cannot be done
  require(path.join(__dirname, 'cli-worker.js'));
}
