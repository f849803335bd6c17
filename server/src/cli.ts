/**
 * imr-lint: the command-line linter over the same language service as the editor.
 *   imr-lint [--format text|json|sarif|html] [--fix] [--quiet] [--max-warnings N] [--min-severity S]
 *            [--config FILE] [--stdin] [--] FILES_OR_DIRS...
 * Many files are checked in worker threads (cli/parallel.ts), with the same output.
 * Exit 0: no error-severity problem (and warnings within --max-warnings); 1: otherwise;
 * 2: usage or I/O failure, or a failure inside imr-lint.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { getLanguageService, MAX_CONFIG_BYTES, parseConfigText } from './service';
import type { LintConfig, Severity } from './service';
import { describeError, MAX_LETTER_TEXT, readLetterFile, readStdin } from './cli/files';
import { createReporter, escapeName, type OutputFormat } from './cli/output';
import { describeOutcome, fixFile, type FixContext } from './cli/fix';
import { checkJob, createChecker, errorName, lintOne, uriOf, type Checker } from './cli/check';
import { defaultWorkerFile, runParallel, threadCount, type ParallelStats } from './cli/parallel';
import { RunState, runItems, SEVERITY_RANK, type Item } from './cli/run';
import { finishRun } from './cli/exit';
import { youngGenerationCheck } from './young-generation';
import { setCompilerBudgets } from './compiler-budget';
import { decode, readRegularFile } from './io';

export type { FileResult } from './cli/output';
// A worker thread started from the bundle runs this (cli/worker-start.ts: dist/cli.js through the code cache).
export { runWorker } from './cli/worker-main';

/**
 * Above this many files, a run checks them on several threads (from three cores: threadCount).
 * Each worker pays its own start and warm-up (docs/performance-cli.md), which a few hundred
 * letters repay.
 */
export const PARALLEL_THRESHOLD = 400;

/** A letter of at least this many characters stops the young generation's growth before it is checked (cliEntry). */
export const BIG_LETTER_CHARS = 1024 * 1024;

const USAGE = `Usage: imr-lint [options] [--] FILES_OR_DIRS...

Checks IMR Final Determination letters. Folders are searched for *.imr, *.imr.txt and *.txt
files that are letters (symbolic links followed once); files named on the command line are
always checked. Only regular files are read: pipes and devices are reported and skipped.

  --format text|json|sarif|html  output format (default text); html is one self-contained page
  --fix                     apply every unambiguous fix to the files, then report what remains
  --quiet                   report errors only
  --min-severity S          report problems of severity S and above: error, warning, information,
                            hint (default: information for text, hint for the other formats)
  --max-warnings N          exit with status 1 when more than N warnings are reported
  --config FILE             rule settings and words (default: .imr-lint.json in the current folder)
  --stdin, -                check one letter read from standard input (at most ${MAX_LETTER_TEXT})
  --                        the end of the options: every later argument is a file or folder
  --help, --version

Runs of more than ${PARALLEL_THRESHOLD} files use the cores (worker threads, from three cores), with the
same output; IMR_LINT_THREADS=N sets the number of threads (1: one thread).

Exit status: 0 no errors (and no more warnings than --max-warnings), 1 otherwise,
2 usage or I/O failure, or a failure inside imr-lint.`;

interface Options {
  format: OutputFormat;
  fix: boolean;
  quiet: boolean;
  minSeverity?: Severity;
  maxWarnings?: number;
  config?: string;
  stdin: boolean;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const options: Options = { format: 'text', fix: false, quiet: false, stdin: false, paths: [] };
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (optionsEnded) {
      options.paths.push(arg);
      continue;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--version':
        return 'version';
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif' && f !== 'html') throw new UsageError(`unknown format '${f}' (use text, json, sarif or html).`);
        options.format = f;
        break;
      }
      case '--fix':
        options.fix = true;
        break;
      case '--quiet':
        options.quiet = true;
        break;
      case '--min-severity': {
        const v = value();
        if (!(v in SEVERITY_RANK)) throw new UsageError(`unknown severity '${v}' (use error, warning, information or hint).`);
        options.minSeverity = v as Severity;
        break;
      }
      case '--max-warnings': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number, not '${v}'.`);
        options.maxWarnings = Number(v);
        break;
      }
      case '--config':
        options.config = value();
        break;
      case '--stdin':
        options.stdin = true;
        break;
      case '--':
        optionsEnded = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-')
          throw new UsageError(`unknown option '${escapeName(arg)}' (to name a file that starts with '-', put -- before it).`);
        options.paths.push(arg);
    }
  }
  if (!options.stdin && options.paths.length === 0) throw new UsageError('no files or folders given.');
  return options;
}

const docsDir = path.resolve(__dirname, '..', 'docs', 'rules');
const docsBaseUri = pathToFileURL(docsDir).href;

function readVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

/** What a test may replace: the language service (to prove that a failure stays in its file), the parallel path's settings. */
export interface CliDependencies {
  createService?: typeof getLanguageService;
  parallel?: Partial<ParallelSettings> & { workerFile?: string; window?: number; batch?: number; onStats?: (stats: ParallelStats) => void };
  /** Called before each letter is checked on this thread, with its text (the command line looks at its size). */
  beforeLetter?: (text: string) => void;
  /** Called after each letter checked on this thread (the command line bounds V8's young generation there). */
  afterLetter?: () => void;
}

interface ParallelSettings {
  /** Worker threads are used when a run has more than this many files... */
  threshold: number;
  /** ...and this is at least 1: the worker threads (default: threadCount() - 1, from the cores or IMR_LINT_THREADS). */
  workers: number;
  /** The main thread checks letters too (default true; the tests of dying workers turn it off). */
  mainChecks: boolean;
}

type Prepared = { code: number } | { options: Options; config: LintConfig | undefined; version: string };

function prepare(argv: string[], out: (s: string) => void, err: (s: string) => void): Prepared {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`imr-lint: ${e.message}\n\n${USAGE}`);
    return { code: 2 };
  }
  if (options === 'help') {
    out(USAGE);
    return { code: 0 };
  }
  const version = readVersion();
  if (options === 'version') {
    out(version);
    return { code: 0 };
  }

  let config: LintConfig | undefined;
  const configPath = options.config ?? (fs.existsSync('.imr-lint.json') ? '.imr-lint.json' : undefined);
  if (configPath) {
    let text: string;
    try {
      text = decode(readRegularFile(configPath, MAX_CONFIG_BYTES, '1 MiB, which is not a configuration (a .imr-lint.json is a few lines)'));
    } catch (e) {
      err(`imr-lint: cannot read the configuration ${escapeName(configPath)}: ${describeError(e)}`);
      return { code: 2 };
    }
    const parsed = parseConfigText(text, escapeName(configPath));
    if (parsed.errors.length) {
      for (const message of parsed.errors) err(`imr-lint: ${message}`);
      return { code: 2 };
    }
    config = parsed.config;
  }
  return { options, config, version };
}

function startRun(options: Options, version: string, out: (s: string) => void, err: (s: string) => void): RunState {
  const reporter = createReporter(options.format, out, {
    version,
    docsBaseUri,
    readmeUri: pathToFileURL(path.resolve(__dirname, '..', 'README.md')).href,
    cwd: process.cwd(),
  });
  // --quiet: errors only; hints are hidden from text output unless asked for.
  const minimum: Severity = options.quiet ? 'error' : (options.minSeverity ?? (options.format === 'text' ? 'information' : 'hint'));
  return new RunState(reporter, err, minimum);
}

/** Checks the letters on this thread, one at a time (the run of `main`, and of `run` for few files or --fix). */
export function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  err: (s: string) => void = (s) => process.stderr.write(s + '\n'),
  deps: CliDependencies = {},
): number {
  const prepared = prepare(argv, out, err);
  if ('code' in prepared) return prepared.code;
  const { options, config, version } = prepared;
  return checkSequentially(runItems(options.paths, options.stdin), options, config, version, out, err, deps);
}

/**
 * The command line: like `main`, but a run of more than PARALLEL_THRESHOLD files is checked in
 * worker threads on every core (cli/parallel.ts), with the same output. --fix stays on this
 * thread (it writes files: see checkSequentially).
 */
export async function run(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  err: (s: string) => void = (s) => process.stderr.write(s + '\n'),
  deps: CliDependencies = {},
): Promise<number> {
  const prepared = prepare(argv, out, err);
  if ('code' in prepared) return prepared.code;
  const { options, config, version } = prepared;
  const items = runItems(options.paths, options.stdin);
  const threshold = deps.parallel?.threshold ?? PARALLEL_THRESHOLD;
  const workers = deps.parallel?.workers ?? threadCount() - 1;
  const workerFile = deps.parallel?.workerFile ?? defaultWorkerFile();
  // A build without the worker script (an old bundle) still works, on one thread.
  if (options.fix || deps.createService || workers < 1 || !fs.existsSync(workerFile)) return checkSequentially(items, options, config, version, out, err, deps);
  // Look ahead (names only, never texts) to learn whether the run has more than `threshold` files.
  const head: Item[] = [];
  let files = 0;
  while (files <= threshold) {
    const r = items.next();
    if (r.done) return checkSequentially(head[Symbol.iterator](), options, config, version, out, err, deps);
    head.push(r.value);
    if (r.value.kind !== 'notice') files++;
  }
  const all = (function* () {
    yield* head.splice(0);
    yield* { [Symbol.iterator]: () => items };
  })();
  const state = startRun(options, version, out, err);
  const stats = await runParallel(all, state, {
    workers,
    setup: { config, docsBaseUri },
    workerFile,
    window: deps.parallel?.window,
    batch: deps.parallel?.batch,
    local: deps.parallel?.mainChecks === false ? undefined : localChecker(config, deps),
  });
  deps.parallel?.onStats?.(stats);
  return state.end(options.quiet, options.maxWarnings);
}

/** The main thread's share of a parallel run: a job checked here, as a worker would (cli/check.ts). */
function localChecker(config: LintConfig | undefined, deps: CliDependencies) {
  let checker: Checker | undefined;
  return (job: Parameters<typeof checkJob>[0]) => {
    checker ??= createChecker(config, docsBaseUri, deps.createService);
    const reply = checkJob(job, checker);
    deps.afterLetter?.();
    return reply;
  };
}

/**
 * One file at a time: read, check, write its results, forget it (memory stays bounded). --fix
 * runs here only: it rewrites files, and two names for the same file (a path named twice, a
 * link) must be fixed one after the other, the second seeing the first's result.
 */
function checkSequentially(
  items: Iterator<Item>,
  options: Options,
  config: LintConfig | undefined,
  version: string,
  out: (s: string) => void,
  err: (s: string) => void,
  deps: CliDependencies,
): number {
  const { service, rules, words, takeFailures } = createChecker(config, docsBaseUri, deps.createService);
  const state = startRun(options, version, out, err);
  let stdinRead = false;
  // --fix: lines about fixed files go with the text output, or to stderr beside machine formats.
  const fixReport = options.format === 'text' ? out : err;
  const fixContext: FixContext | undefined = options.fix ? { service, rules, words, uriOf } : undefined;
  let fixedFiles = 0;
  let fixedProblems = 0;

  for (let r = items.next(); !r.done; r = items.next()) {
    const input = r.value;
    if (input.kind === 'notice') {
      state.notice(input.message);
      continue;
    }
    let file: string;
    let text: string | undefined;
    if (input.kind === 'stdin') {
      file = '<stdin>';
      if (stdinRead) {
        state.notice('standard input is named more than once: it was read once');
        continue;
      }
      stdinRead = true;
    } else file = input.file;
    try {
      text = input.kind === 'stdin' ? readStdin() : readLetterFile(input);
    } catch (e) {
      state.notice(`cannot read ${file}: ${describeError(e)}`);
      continue;
    }
    if (text === undefined) continue; // a .txt file in a folder that is not a letter
    if (fixContext) {
      if (input.kind === 'stdin') fixReport('Standard input is checked, not fixed (--fix changes files only).');
      else {
        const outcome = fixFile(file, text, fixContext);
        const line = describeOutcome(outcome);
        if (line) fixReport(escapeName(line));
        if (outcome.status === 'fixed') {
          fixedFiles++;
          fixedProblems += outcome.fixed.length;
        }
        text = outcome.text;
      }
    }
    deps.beforeLetter?.(text);
    state.report(lintOne(service, file, text, rules, words, takeFailures));
    deps.afterLetter?.();
  }
  return state.end(options.quiet, options.maxWarnings, () => {
    if (fixContext)
      fixReport(
        fixedFiles === 0
          ? 'Nothing to fix automatically.'
          : `Fixed ${fixedProblems} problem${fixedProblems === 1 ? '' : 's'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}; the problems above remain.`,
      );
  });
}

/**
 * A reader that stops early (`imr-lint ... | head`) closes the pipe: stop quietly, as other
 * command-line tools do, instead of printing a stack trace.
 */
export function stopQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/**
 * Standard output for the command line. Into a file or a pipe, lines are gathered and written in
 * blocks of about 32K characters (one write per block, not one per letter: thousands of small
 * writes cost more than the JSON they carry); memory stays bounded by the block. A block stays
 * under V8's large-object size (128 KB) also when its text is two bytes a character (a message
 * quoting a dash or a curly quote): a large object is new memory until a collection, and the 5 MB
 * document's output rose to 1-2 MB above its peak RSS with blocks of 64K. On a terminal each
 * line is written at once, so results appear as letters are checked.
 */
export function stdoutWriter(stream: { isTTY?: boolean; write(chunk: string): unknown } = process.stdout, blockSize = 32768) {
  if (stream.isTTY) return { out: (s: string) => void stream.write(s + '\n'), flush: () => {} };
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (!pending.length) return;
    stream.write(pending.join(''));
    pending = [];
    size = 0;
  };
  const out = (s: string) => {
    pending.push(s, '\n');
    size += s.length + 1;
    if (size >= blockSize) flush();
  };
  return { out, flush };
}

/**
 * Where standard output's blocks go: into a regular file, `fs.writeSync` on its descriptor, as
 * process.stdout itself does for a file (node's SyncWriteStream), but without a stream and a
 * Buffer per block: the text is encoded into memory that is freed when the write returns, where a
 * Buffer waits for a collection (the 5 MB document's output: 1.2 MB of them, 2-3 ms of stream
 * machinery). Anything else (a pipe, a terminal) is process.stdout.
 */
export function stdoutTarget(fd = 1): { isTTY?: boolean; readonly writableLength?: number; write(chunk: string): unknown } {
  try {
    if (fs.fstatSync(fd).isFile()) return { isTTY: false, write: (chunk: string) => fs.writeSync(fd, chunk) };
  } catch {
    // no such descriptor, or it cannot be looked at: the stream decides
  }
  return process.stdout;
}

/** What the start (cli/start.ts) asks of a run. */
export interface EntryHooks {
  /**
   * Called once, after the first letter checked on this thread (the code cache is made then: see
   * cli/start.ts). A run that checks no letter here (--help, worker threads) never calls it.
   */
  warm?: () => void;
}

/** The command-line entry (bin/imr-lint.js via dist/cli-start.js, node dist/cli.js): runs `run` and sets the exit status. */
export function cliEntry(argv: string[] = process.argv.slice(2), hooks: EntryHooks = {}): void {
  stopQuietlyOnClosedPipe();
  // The compiler budgets of the server (compiler-budget.ts): a batch costs about 30% less CPU
  // (V8's helper threads compile less, and less is de-optimised). Already set by the start through
  // the code cache (cli/start.ts); setting the same values again changes nothing.
  setCompilerBudgets();
  // V8's young generation may grow to 4 MB a semi-space, looked at between letters
  // (young-generation.ts): a batch keeps 35 MB less, at the same speed (docs/performance-cli.md).
  // The first letter's `warm` comes before: the bound changes a V8 flag, and V8 rejects a code
  // cache made after a flag changed.
  const bound = youngGenerationCheck(4);
  let warm = hooks.warm;
  // A letter this large (real letters are 10-100 KB) would grow the semi-spaces to V8's maximum
  // (16 MB each) within itself, before any look between letters, and the process would keep that
  // memory: the growth stops before it instead (a 5 MB document: 8 MB less peak RSS, at the same
  // speed; docs/performance-cli.md). If it is the first letter, no code cache is made in this run:
  // V8 would reject one made after the flag changed, and a later run makes it.
  const beforeLetter = (text: string) => {
    if (text.length < BIG_LETTER_CHARS) return;
    warm = undefined;
    bound(true);
  };
  const afterLetter = () => {
    if (warm) {
      const once = warm;
      warm = undefined;
      once();
    }
    bound();
  };
  const target = stdoutTarget();
  const stdout = stdoutWriter(target);
  // Notices and the progress line go to stderr: what stdout holds so far is written first.
  const err = (s: string) => {
    stdout.flush();
    process.stderr.write(s + '\n');
  };
  run(argv, stdout.out, err, { beforeLetter, afterLetter }).then(
    (code) => {
      stdout.flush();
      // Exits now when nothing is still being written (cli/exit.ts: no full collection at the end).
      finishRun(code, [target, process.stderr]);
    },
    (error) => {
      stdout.flush();
      process.stderr.write(`imr-lint: internal error (${errorName(error)}): the run stopped.\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) cliEntry();
