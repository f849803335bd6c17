/**
 * Checking one letter for the CLI, the same on the main thread and in a worker thread
 * (cli/worker.ts): a failure is caught and reported for that file only, by error name (never
 * the letter's text).
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { getLanguageService, resolveRules, resolveWords } from '../service';
import type { LanguageService, LintConfig, Problem } from '../service';
import { describeError, readLetterFile } from './files';
import type { FileResult } from './output';

/** The folder of the last letter and its file: URI: the letters of a folder come one after another. */
let lastFolder: string | undefined;
let lastFolderUri = '';

/**
 * The URI a letter is checked under (the language service keys its entries by it; nothing the
 * CLI prints shows it). Made from its folder's URI, kept for the next letter, and its encoded
 * name: for 2,000 letters in one fresh process, 4-6 ms instead of 13-14 with `pathToFileURL` for each.
 */
export function uriOf(file: string): string {
  if (file === '<stdin>') return 'stdin://letter';
  const resolved = path.resolve(file);
  const folder = path.dirname(resolved);
  if (folder !== lastFolder) {
    lastFolder = folder;
    lastFolderUri = pathToFileURL(folder).href.replace(/\/$/, '');
  }
  return `${lastFolderUri}/${encodeURIComponent(path.basename(resolved))}`;
}

/** Names an error without its message (messages can quote the text being processed). */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** Checks one letter; a failure is caught and reported for this file only (never its text). */
export function lintOne(
  service: LanguageService,
  file: string,
  text: string,
  rules: ReturnType<typeof resolveRules>,
  words: ReturnType<typeof resolveWords>,
  takeFailures: () => string[],
): FileResult {
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

/** What the reporters read of a problem (a worker sends only this: no fixes, no related information). */
export function reported(p: Problem): Problem {
  return { ruleId: p.ruleId, alias: p.alias, severity: p.severity, message: p.message, range: p.range };
}

/** A letter to check in the parallel path (cli/parallel.ts): a file, or the text of standard input. */
export type WorkerJob = { seq: number; kind: 'file'; file: string; named: boolean } | { seq: number; kind: 'text'; file: string; text: string };

/** The answer to a job. */
export interface WorkerReply {
  seq: number;
  result?: FileResult;
  /** The file could not be read (the reason, as describeError gives it). */
  readError?: string;
  /** A .txt file found in a folder that is not a letter. */
  skipped?: true;
}

/** What checking a letter needs, on any thread: a language service, the rules and words of the configuration. */
export interface Checker {
  service: LanguageService;
  rules: ReturnType<typeof resolveRules>;
  words: ReturnType<typeof resolveWords>;
  /** The rule failures met since the last call (the service's onRuleError collects them). */
  takeFailures: () => string[];
}

/**
 * The checker of one thread (the main thread or a worker): a language service for one-shot checks
 * (one model kept, no item reuse) whose rule failures are collected for the letter's result.
 */
export function createChecker(config: LintConfig | undefined, docsBaseUri: string, createService: typeof getLanguageService = getLanguageService): Checker {
  let failures: string[] = [];
  const service = createService({
    docsBaseUri,
    cacheSize: 1,
    itemReuse: false,
    onRuleError: (ruleId, error) => failures.push(`rule ${ruleId} failed (${errorName(error)}) and was skipped`),
  });
  const takeFailures = () => {
    const f = failures;
    failures = [];
    return f;
  };
  return { service, rules: resolveRules(config), words: resolveWords(config), takeFailures };
}

/**
 * One job of the parallel path (cli/parallel.ts), in a worker thread or on the main thread:
 * reads the file (a read error is answered, and reported in its place), checks it, and answers
 * with what the reporters print.
 */
export function checkJob(job: WorkerJob, checker: Checker): WorkerReply {
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
  const result: FileResult = lintOne(checker.service, job.file, text, checker.rules, checker.words, checker.takeFailures);
  return { seq: job.seq, result: { ...result, problems: result.problems.map(reported) } };
}
