/**
 * Pull diagnostics (`textDocument/diagnostic`) answered as "unchanged" when they are (LSP 3.17
 * `resultId` / `previousResultId`): a keystroke that changes no diagnostic, which is most of them
 * (a word typed in a paragraph moves only the diagnostics after it on its own line), is answered
 * with a few bytes instead of the letter's whole list, which the server then need not serialise
 * and write, nor the editor parse and compare.
 *
 * "Unchanged" is decided by identity: the service keeps a problem's Diagnostic object while the
 * problem is the same in the new version (problem reuse, service/index.ts `diagnosticOf`), so a list
 * whose every element is the object last reported has the same content. Any other list (a moved,
 * new or dropped diagnostic, an internal-error diagnostic) is reported in full, so the answer is
 * never wrong, only sometimes larger than it could be.
 */
import { randomBytes } from 'crypto';
import { DocumentDiagnosticReportKind, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver';

export interface PullReports {
  /** The answer for `uri`'s diagnostics `items`, given the client's `previousResultId`. */
  report(uri: string, items: Diagnostic[], previousResultId: string | undefined): DocumentDiagnosticReport;
  /** The document was closed: its last report is forgotten. */
  forget(uri: string): void;
  /** Documents whose last report is kept (tests). */
  readonly size: number;
}

/** Are the two lists the same objects in the same order? */
function sameObjects(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `prefix` (random) makes result ids unique to this server process: a client may still hold ids
 * of a server that was restarted, and those must never match.
 */
export function pullReports(prefix = `${randomBytes(6).toString('base64url')}-`): PullReports {
  const last = new Map<string, { resultId: string; items: Diagnostic[] }>();
  let count = 0;
  return {
    report(uri, items, previousResultId) {
      const known = last.get(uri);
      if (known && previousResultId === known.resultId && sameObjects(known.items, items)) {
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: known.resultId };
      }
      const resultId = prefix + (++count).toString(36);
      last.set(uri, { resultId, items });
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
    },
    forget(uri) {
      last.delete(uri);
    },
    get size() {
      return last.size;
    },
  };
}
