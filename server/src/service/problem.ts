/**
 * The core's own result type (STYLE.md: Harper): a problem found in a letter, with its fixes as
 * data. Rules produce it, features and callers read it; the server and the CLI convert it to
 * LSP or text at the edge. It lives below rules and features so that both can name it.
 */
import type { Range } from 'vscode-languageserver-types';

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
