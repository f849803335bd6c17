// Diagnostics of the defective example, fixed through edits and through the server's quick fix.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { DEFECTIVE } from '../expected';
import { EXAMPLES, closeAll, codeOf, open, ours, range, removeScratch, scratchCopy, show, waitFor, waitForCodes } from '../helpers';

const ALL = DEFECTIVE.map((e) => e.code);

suite('diagnostics', () => {
  teardown(closeAll);
  suiteTeardown(removeScratch);

  test('the defective example shows the expected codes, ranges, messages, severity and source', async () => {
    const uri = scratchCopy(path.join(EXAMPLES, 'defective-letter.imr'));
    await open(uri);
    const diags = await waitForCodes(uri, ALL);
    for (const e of DEFECTIVE) {
      const d = diags.find((x) => codeOf(x) === e.code);
      assert.ok(d, `no ${e.code} in ${show(diags)}`);
      assert.strictEqual(d.message, e.message, `${e.code} message`);
      assert.deepStrictEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], e.range, `${e.code} range`);
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, `${e.code} severity`);
      assert.strictEqual(d.source, 'imr-lint');
      const target = typeof d.code === 'object' ? d.code.target : undefined;
      assert.ok(target && /rules\/[a-z-]+\.md$/.test(target.path), `${e.code} links to its rule doc (got ${target?.toString()})`);
      assert.ok(target.scheme !== 'file' || fs.existsSync(target.fsPath), `${e.code} links to a missing file: ${target.fsPath}`);
    }
  });

  test('diagnostics go away as the text is fixed through edits', async () => {
    const uri = scratchCopy(path.join(EXAMPLES, 'defective-letter.imr'));
    const doc = await open(uri);
    await waitForCodes(uri, ALL);

    // 1. Fix the invalid date only: exactly IMR011 disappears.
    const e1 = new vscode.WorkspaceEdit();
    assert.strictEqual(doc.getText(range(2, 22, 2, 32)), '02/30/2017');
    e1.replace(uri, range(2, 22, 2, 32), '02/28/2017');
    assert.ok(await vscode.workspace.applyEdit(e1));
    await waitForCodes(
      uri,
      ALL.filter((c) => c !== 'IMR011'),
    );

    // 2. Fix everything else in one edit: no diagnostic is left.
    const e2 = new vscode.WorkspaceEdit();
    assert.strictEqual(doc.getText(range(20, 32, 20, 52)), 'CLINICAL CASE SUMARY');
    e2.replace(uri, range(20, 32, 20, 52), 'CLINICAL CASE SUMMARY');
    assert.strictEqual(doc.getText(range(34, 26, 34, 34)), 'Overturn');
    e2.replace(uri, range(34, 26, 34, 34), 'Overturned'); // the rationale concludes medically necessary
    assert.ok(doc.lineAt(49).text.startsWith('Claims Administrator guideline:'));
    e2.insert(
      uri,
      new vscode.Position(51, 0),
      '\nMAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s):\n' + 'Manual therapy & manipulation.\n',
    );
    assert.strictEqual(doc.lineAt(64).text, 'Decision rationale:');
    e2.insert(
      uri,
      new vscode.Position(64, 19),
      ' The MTUS does not recommend interferential current stimulation as an isolated intervention.' + ' The request is not medically necessary.',
    );
    assert.ok(await vscode.workspace.applyEdit(e2));
    await waitForCodes(uri, []);
    assert.strictEqual(ours(uri).length, 0);
  });

  test("the server's quick fix for a misspelled decision word removes its diagnostic", async () => {
    const uri = scratchCopy(path.join(EXAMPLES, 'defective-letter.imr'));
    const doc = await open(uri);
    const diags = await waitForCodes(uri, ALL);
    const target = diags.find((d) => codeOf(d) === 'IMR005');
    assert.ok(target);
    const actions = await waitFor('quick fixes for IMR005', async () => {
      const a = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        uri,
        target.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      return a && a.length > 0 ? a : undefined;
    });
    const fixes = actions.filter((a): a is vscode.CodeAction => 'edit' in a || 'kind' in a);
    const fix = fixes.find((a) => a.title === "Change 'Overturn' to 'Overturned'");
    assert.ok(fix, `no "Change 'Overturn' to 'Overturned'" in ${JSON.stringify(fixes.map((a) => a.title))}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), 'kind quickfix');
    assert.strictEqual(fix.isPreferred, true, 'the fix is preferred');
    assert.ok(fix.edit, 'the fix carries an edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(doc.lineAt(34).text, 'Cyclobenzaprine 10mg #90: Overturned');
    await waitForCodes(
      uri,
      ALL.filter((c) => c !== 'IMR005'),
    );
  });
});
