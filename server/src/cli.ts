/**
 * imr-lint: the command-line linter over the same language service as the editor.
 *   imr-lint [--format text|json|sarif|html] [--fix] [--quiet] [--max-warnings N] [--min-severity S]
 *            [--config FILE] [--stdin] [--] FILES_OR_DIRS...
 * Exit 0: no error-severity problem (and warnings within --max-warnings); 1: otherwise;
 * 2: usage or I/O failure, or a failure inside imr-lint.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { getLanguageService, MAX_CONFIG_BYTES, parseConfigText, resolveRules, resolveWords } from './service';
import type { LanguageService, LintConfig, Severity } from './service';
import { describeError, expandInputs, MAX_LETTER_TEXT, readLetterFile, readStdin, type Input } from './cli/files';
import { createReporter, escapeName, type FileResult, type OutputFormat } from './cli/output';
import { describeOutcome, fixFile, type FixContext } from './cli/fix';
import { Progress } from './cli/progress';
import { decode, readRegularFile } from './io';

export type { FileResult } from './cli/output';

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

Exit status: 0 no errors (and no more warnings than --max-warnings), 1 otherwise,
2 usage or I/O failure, or a failure inside imr-lint.`;

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

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
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${escapeName(arg)}' (to name a file that starts with '-', put -- before it).`);
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

/** What a test may replace: the language service (to prove that a failure stays in its file). */
export interface CliDependencies {
  createService?: typeof getLanguageService;
}

export function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  err: (s: string) => void = (s) => process.stderr.write(s + '\n'),
  deps: CliDependencies = {},
): number {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`imr-lint: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    out(USAGE);
    return 0;
  }
  const version = readVersion();
  if (options === 'version') {
    out(version);
    return 0;
  }

  let config: LintConfig | undefined;
  const configPath = options.config ?? (fs.existsSync('.imr-lint.json') ? '.imr-lint.json' : undefined);
  if (configPath) {
    let text: string;
    try {
      text = decode(readRegularFile(configPath, MAX_CONFIG_BYTES, '1 MiB, which is not a configuration (a .imr-lint.json is a few lines)'));
    } catch (e) {
      err(`imr-lint: cannot read the configuration ${escapeName(configPath)}: ${describeError(e)}`);
      return 2;
    }
    const parsed = parseConfigText(text, escapeName(configPath));
    if (parsed.errors.length) {
      for (const message of parsed.errors) err(`imr-lint: ${message}`);
      return 2;
    }
    config = parsed.config;
  }

  // One file at a time: read, check, write its results, forget it (memory stays bounded).
  let failures: string[] = [];
  const createService = deps.createService ?? getLanguageService;
  const service = createService({
    docsBaseUri,
    cacheSize: 1,
    onRuleError: (ruleId, error) => failures.push(`rule ${ruleId} failed (${errorName(error)}) and was skipped`),
  });
  const rules = resolveRules(config);
  const words = resolveWords(config);
  const reporter = createReporter(options.format, out, { version, docsBaseUri, readmeUri: pathToFileURL(path.resolve(__dirname, '..', 'README.md')).href, cwd: process.cwd() });
  const notices: string[] = [];
  const notice = (message: string) => {
    notices.push(message);
    err(`imr-lint: ${escapeName(message)}`);
  };
  let errorsFound = false;
  let internalFailure = false;
  let stdinRead = false;
  // --quiet: errors only; hints are hidden from text output unless asked for.
  const minimum: Severity = options.quiet ? 'error' : options.minSeverity ?? (options.format === 'text' ? 'information' : 'hint');
  let hidden = 0;
  let warnings = 0;
  let checkedFiles = 0;
  const progress = new Progress(undefined, process.stderr);
  // --fix: lines about fixed files go with the text output, or to stderr beside machine formats.
  const fixReport = options.format === 'text' ? out : err;
  const fixContext: FixContext | undefined = options.fix ? { service, rules, words, uriOf } : undefined;
  let fixedFiles = 0;
  let fixedProblems = 0;

  const inputs = (function* (): Generator<Input> {
    if (options.stdin) yield { kind: 'stdin' };
    yield* expandInputs(options.paths, notice);
  })();
  for (const input of inputs) {
    let file: string;
    let text: string | undefined;
    if (input.kind === 'stdin') {
      file = '<stdin>';
      if (stdinRead) {
        notice('standard input is named more than once: it was read once');
        continue;
      }
      stdinRead = true;
    } else file = input.file;
    try {
      text = input.kind === 'stdin' ? readStdin() : readLetterFile(input);
    } catch (e) {
      notice(`cannot read ${file}: ${describeError(e)}`);
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
    const checkedText = text;
    const result = lintOne(service, file, checkedText, rules, words, () => {
      const f = failures;
      failures = [];
      return f;
    });
    if (result.failures?.length) {
      internalFailure = true;
      for (const f of result.failures) err(`imr-lint: ${escapeName(file)}: internal error: ${f}`);
    }
    if (result.problems.some((p) => p.severity === 'error')) errorsFound = true;
    const shown = result.problems.filter((p) => SEVERITY_RANK[p.severity] <= SEVERITY_RANK[minimum]);
    hidden += result.problems.length - shown.length;
    warnings += shown.filter((p) => p.severity === 'warning').length;
    reporter.file(shown.length === result.problems.length ? result : { ...result, problems: shown });
    progress.update(++checkedFiles);
  }
  progress.end();
  if (fixContext) fixReport(fixedFiles === 0 ? 'Nothing to fix automatically.' : `Fixed ${fixedProblems} problem${fixedProblems === 1 ? '' : 's'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}; the problems above remain.`);
  reporter.end(notices, options.quiet ? 0 : hidden);
  if (notices.length || internalFailure) return 2;
  if (errorsFound) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    err(`imr-lint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}.`);
    return 1;
  }
  return 0;
}

const uriOf = (file: string) => (file === '<stdin>' ? 'stdin://letter' : pathToFileURL(path.resolve(file)).href);

/** Names an error without its message (messages can quote the text being processed). */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** Checks one letter; a failure is caught and reported for this file only (never its text). */
function lintOne(service: LanguageService, file: string, text: string, rules: ReturnType<typeof resolveRules>, words: ReturnType<typeof resolveWords>, takeFailures: () => string[]): FileResult {
  const uri = uriOf(file);
  const document = { uri, version: 0, getText: () => text };
  try {
    if (service.parse(document).empty) return { file, problems: [], notLetter: 'the file is empty or blank, so it is not a letter' };
    const problems = service.validate(document, rules, words);
    const failures = takeFailures();
    return failures.length ? { file, problems, failures } : { file, problems };
  } catch (error) {
    const failures = takeFailures();
    failures.push(`the analysis failed (${errorName(error)}), so nothing was checked in this file`);
    return { file, problems: [], failures };
  } finally {
    service.forget(uri);
  }
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

if (require.main === module) {
  stopQuietlyOnClosedPipe();
  process.exitCode = main(process.argv.slice(2));
}
