// The MTUS quotation snippets in the editor: completion offers them in a rationale, and an
// accepted snippet inserts the standard quotation word for word (no misquotation reported).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXAMPLES, ROOT, closeAll, codeOf, open, ours, removeScratch, scratchCopy, waitFor, waitForCodes } from '../helpers';

const library = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'quotations.json'), 'utf8')) as {
  quotations: Array<{ id: string; text: string }>;
};
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

suite('MTUS quotation snippets', () => {
  suiteTeardown(async () => {
    await closeAll();
    removeScratch();
  });

  test('completion offers mtus-benzodiazepines in a rationale and inserts the exact quotation', async () => {
    const uri = scratchCopy(path.join(EXAMPLES, 'clean-letter.imr'));
    const doc = await open(uri);
    await waitForCodes(uri, []);
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), uri.toString());

    // Start a new sentence at the end of the last rationale and type the prefix.
    const last = doc.lineCount - 1;
    const end = doc.lineAt(last).text.length > 0 ? doc.lineAt(last).range.end : doc.lineAt(last - 1).range.end;
    assert.ok(await editor.edit((e) => e.insert(end, ' mtus-benz')));
    const position = end.translate(0, ' mtus-benz'.length);

    const list = await waitFor('the mtus-benzodiazepines completion', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
      return l?.items.some((i) => labelOf(i) === 'mtus-benzodiazepines') ? l : undefined;
    });
    const item = list.items.find((i) => labelOf(i) === 'mtus-benzodiazepines')!;
    assert.strictEqual(item.kind, vscode.CompletionItemKind.Snippet);
    const snippet = item.insertText instanceof vscode.SnippetString ? item.insertText : new vscode.SnippetString(String(item.insertText));

    const typed = new vscode.Range(position.translate(0, -'mtus-benz'.length), position);
    assert.ok(await editor.insertSnippet(snippet, typed));
    const quotation = library.quotations.find((q) => q.id === 'benzodiazepines')!.text;
    await waitFor('the quotation in the document', () => doc.getText().includes(quotation));
    assert.ok(!doc.getText().includes('mtus-benz'), 'the prefix was replaced');

    // The inserted text is the standard wording. To know the server has checked it, change a
    // number of it (reported), then undo that change (the report goes away).
    const at = doc.getText().indexOf('limit use to 4 weeks');
    assert.ok(at > 0, 'the quotation says 4 weeks');
    const four = doc.positionAt(at + 'limit use to '.length);
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(four, four.translate(0, 1)), '2')));
    await waitFor('a misquotation report for 2 weeks', () => ours(uri).some((d) => codeOf(d) === 'IMR030' && d.range.contains(four)));
    await vscode.commands.executeCommand('undo');
    await waitFor('the exact quotation back', () => doc.getText().includes(quotation));
    await waitFor(
      'no misquotation report',
      () => !ours(uri).some((d) => /^IMR03[01]$/.test(codeOf(d))),
      () => ours(uri).map(codeOf).join(', '),
    );
  });
});
