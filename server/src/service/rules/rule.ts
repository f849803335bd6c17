/**
 * A rule is metadata plus one function over the document model (STYLE.md: markdownlint).
 * Rules report problems in the core's own type; the server and the CLI convert at the edge.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog';
import type { LetterModel } from '../parser/model';
import type { Analyses } from '../queries/analyses';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix is data: the edits one choice makes. Applied only when the user picks it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
  /** The edit inserts a placeholder the reviewer must fill: never applied by fix-all. */
  needsInput?: boolean;
}

export interface RelatedInformation {
  range: Range;
  message: string;
}

export interface Problem {
  ruleId: string;
  alias: string;
  severity: Severity;
  message: string;
  range: Range;
  related?: RelatedInformation[];
  fixes?: Fix[];
}

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
