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
  /**
   * What one check reads (default 'letter'):
   * - 'item': one item and nothing outside it (no other item, no header, no section, no line
   *   outside the item; ranges and messages inside it). The engine calls `check` once per item
   *   with `model.items` holding that item only, and keeps the results while the item is
   *   unchanged: an edit in one item re-runs item rules on that item only.
   * - 'line': one line of text and nothing else (no model part but `model.lines`, every problem
   *   on one line, from that line's text alone). The engine keeps each line's problems by the
   *   line's text (service/line-cache.ts), and checks the texts it does not know on a model whose
   *   `lines` hold those texts, one per line, in no particular order.
   * - 'letter': the whole letter (sections, header, lines, cross-item consistency); runs on
   *   every check, over the parser's per-item summaries (reused items, their flat guideline
   *   references, `analyses`).
   */
  scope?: RuleScope;
  check(context: RuleContext): void;
}

export type RuleScope = 'letter' | 'item' | 'line';

export function ruleScope(rule: Rule): RuleScope {
  return rule.scope ?? 'letter';
}
