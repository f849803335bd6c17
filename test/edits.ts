import * as assert from 'assert';
import type { CodeAction, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';

/**
 * The edits a quick fix makes to `uri`: from versioned `documentChanges` (the service's form;
 * the version is checked when given) or from plain `changes` (for clients without versioned edits).
 */
export function editsOf(action: CodeAction, uri: string, version?: number): TextEdit[] {
  const changes = action.edit?.documentChanges as TextDocumentEdit[] | undefined;
  if (changes) {
    const change = changes.find((c) => c.textDocument.uri === uri);
    assert.ok(change, `the fix edits ${uri}`);
    if (version !== undefined) assert.strictEqual(change!.textDocument.version, version, 'the fix names the document version it was computed for');
    return change!.edits as TextEdit[];
  }
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits, `the fix edits ${uri}`);
  return edits!;
}
