/**
 * A rule is metadata plus one function over the document model (STYLE.md: markdownlint).
 * Rules report problems in the core's own type; the server and the CLI convert at the edge.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog';
import type { LetterModel } from '../parser/model';
import type { Fix, RelatedInformation, Severity } from '../problem';
import type { Analyses } from '../queries/analyses';

export type { Fix, Problem, RelatedInformation, Severity, TextEdit } from '../problem';

export interface Report {
  message: string;
  range: Range;
  related?: RelatedInformation[];
  fixes?: Fix[];
  /** Overrides the rule's default severity for this report (rare; documented in the rule). */
  severity?: Severity;
}

export interface RuleContext {
  model: LetterModel;
  catalog: Catalog;
  report(report: Report): void;
  /** Words the reviewer accepts (configuration 'words'), lowercased: never misspellings. */
  words: ReadonlySet<string>;
  /** Analyses several rules and features need: typed, computed once per model version and shared. */
  analyses: Analyses;
}

export interface RuleDocs {
  /** Why the problem matters to a reviewer. */
  why: string;
  /** A short letter excerpt that triggers the rule. */
  bad: string;
  /** The same excerpt, corrected. */
  good: string;
  /** How to fix it, in the reviewer's words. */
  fix: string;
}

export interface Rule {
  id: string;
  alias: string;
  description: string;
  severity: Severity;
  tags: string[];
  docs: RuleDocs;
  check(context: RuleContext): void;
}
