/**
 * What a CLI run reports, whichever thread checked the letters: the notices, each file's
 * results in input order (severity filter, counts, the progress line) and the exit status.
 * The sequential loop (cli.ts) and the parallel one (cli/parallel.ts) both feed it, so that
 * their output is the same byte for byte.
 */
import type { Severity } from '../service';
import { escapeName, type FileResult, type Reporter } from './output';
import { expandInputs, type Input } from './files';
import { Progress } from './progress';

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** One step of a run, in input order: a file (or standard input) to check, or a notice to say. */
export type Item = Input | { kind: 'notice'; message: string };

/**
 * The inputs, folders expanded lazily, with the problems found while walking them (an
 * unreadable folder, a FIFO) as notices in their place in the sequence.
 */
export function* runItems(paths: string[], stdin: boolean): Generator<Item> {
  if (stdin) yield { kind: 'stdin' };
  const pending: string[] = [];
  for (const input of expandInputs(paths, (message) => pending.push(message))) {
    while (pending.length) yield { kind: 'notice', message: pending.shift()! };
    yield input;
  }
  while (pending.length) yield { kind: 'notice', message: pending.shift()! };
}

export class RunState {
  readonly notices: string[] = [];
  private errorsFound = false;
  private internalFailure = false;
  private hidden = 0;
  private warnings = 0;
  private checkedFiles = 0;
  private readonly progress = new Progress(undefined, process.stderr);

  constructor(
    private readonly reporter: Reporter,
    private readonly err: (s: string) => void,
    private readonly minimum: Severity,
  ) {}

  notice(message: string): void {
    this.notices.push(message);
    this.err(`imr-lint: ${escapeName(message)}`);
  }

  /**
   * A worker thread stopped while it held letters (cli/parallel.ts): they are checked again, but
   * a failure inside imr-lint happened, so the exit status is 2.
   */
  notifyWorkerStopped(reason: string, letters: number): void {
    this.internalFailure = true;
    this.err(
      `imr-lint: internal error: a worker thread stopped (${reason}); the ${letters} letter${letters === 1 ? '' : 's'} it held ${letters === 1 ? 'is' : 'are'} checked again.`,
    );
  }

  /** One file's results, in input order. */
  report(result: FileResult): void {
    if (result.failures?.length) {
      this.internalFailure = true;
      for (const f of result.failures) this.err(`imr-lint: ${escapeName(result.file)}: internal error: ${f}`);
    }
    if (result.problems.some((p) => p.severity === 'error')) this.errorsFound = true;
    const shown = result.problems.filter((p) => SEVERITY_RANK[p.severity] <= SEVERITY_RANK[this.minimum]);
    this.hidden += result.problems.length - shown.length;
    this.warnings += shown.filter((p) => p.severity === 'warning').length;
    this.reporter.file(shown.length === result.problems.length ? result : { ...result, problems: shown });
    this.progress.update(++this.checkedFiles);
  }

  /** Ends the output; the exit status. */
  end(quiet: boolean, maxWarnings: number | undefined, beforeSummary?: () => void): number {
    this.progress.end();
    beforeSummary?.();
    this.reporter.end(this.notices, quiet ? 0 : this.hidden);
    if (this.notices.length || this.internalFailure) return 2;
    if (this.errorsFound) return 1;
    if (maxWarnings !== undefined && this.warnings > maxWarnings) {
      this.err(`imr-lint: ${this.warnings} warnings, more than --max-warnings ${maxWarnings}.`);
      return 1;
    }
    return 0;
  }
}
