/** The worker script of the CLI's parallel path (cli/parallel.ts; bundled as dist/cli-worker.js): see cli/worker-main.ts. */
import { runWorker } from './worker-main';

runWorker();
