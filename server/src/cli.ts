/**
 * imr-lint: the command-line linter over the same language service as the editor.
 *   imr-lint [--format text|json|sarif] [--config FILE] [--stdin] FILES_OR_DIRS...
 * Exit 0: no error-severity problem; 1: at least one; 2: usage or I/O failure.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { getLanguageService, MAX_CONFIG_BYTES, parseConfigText, resolveRules, resolveWords } from './service';
import type { LanguageService, LintConfig } from './service';
import { describeError, expandInputs, MAX_LETTER_TEXT, readLetterFile, readStdin, type Input } from './cli/files';
import { createReporter, escapeName, type FileResult } from './cli/output';
import { decode, readRegularFile } from './io';

export type { FileResult } from './cli/output';

const USAGE = `Usage: imr-lint [--format text|json|sarif] [--config FILE] [--stdin] [--] FILES_OR_DIRS...

Checks IMR Final Determination letters. Folders are searched for *.imr, *.imr.txt and *.txt
files that are letters (symbolic links followed once); files named on the command line are
always checked. Only regular files are read: pipes and devices are reported and skipped.

  --format text|json|sarif  output format (default text)
  --config FILE             rule settings (default: .imr-lint.json in the current folder, if any)
  --stdin, -                check one letter read from standard input (at most ${MAX_LETTER_TEXT})
  --                        the end of the options: every later argument is a file or folder
  --help, --version

Exit status: 0 no errors, 1 errors found, 2 usage or I/O failure, or a failure inside imr-lint.`;

interface Options {
  format: 'text' | 'json' | 'sarif';
  config?: string;
  stdin: boolean;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const options: Options = { format: 'text', stdin: false, paths: [] };
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
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format '${f}' (use text, json or sarif).`);
        options.format = f;
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
    const result = lintOne(service, file, text, rules, words, () => {
      const f = failures;
      failures = [];
      return f;
    });
    if (result.failures?.length) {
      internalFailure = true;
      for (const f of result.failures) err(`imr-lint: ${escapeName(file)}: internal error: ${f}`);
    }
    if (result.problems.some((p) => p.severity === 'error')) errorsFound = true;
    reporter.file(result);
  }
  reporter.end(notices);
  if (notices.length || internalFailure) return 2;
  return errorsFound ? 1 : 0;
}

/** Names an error without its message (messages can quote the text being processed). */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** Checks one letter; a failure is caught and reported for this file only (never its text). */
function lintOne(service: LanguageService, file: string, text: string, rules: ReturnType<typeof resolveRules>, words: ReturnType<typeof resolveWords>, takeFailures: () => string[]): FileResult {
  const uri = file === '<stdin>' ? 'stdin://letter' : pathToFileURL(path.resolve(file)).href;
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

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
