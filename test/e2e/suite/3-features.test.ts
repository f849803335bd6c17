// Hover (section headings, decision words, citations), outline (document symbols) and folding served by the language server in the editor.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXAMPLES, closeAll, hoverText, open, removeScratch, scratchCopy, waitFor } from '../helpers';

suite('hover, outline, folding', () => {
  let uri: vscode.Uri;
  let defective: vscode.Uri;
  suiteSetup(async () => {
    uri = scratchCopy(path.join(EXAMPLES, 'clean-letter.imr'));
    defective = scratchCopy(path.join(EXAMPLES, 'defective-letter.imr'));
    await open(defective);
    await open(uri);
  });
  suiteTeardown(async () => {
    await closeAll();
    removeScratch();
  });

  async function hover(u: vscode.Uri, line: number, character: number): Promise<string> {
    return waitFor(`a hover at ${line}:${character}`, async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', u, new vscode.Position(line, character));
      const text = h ? hoverText(h) : '';
      return text.trim() ? text : undefined;
    });
  }

  test('hover on a section heading explains the section', async () => {
    // Line 7 of the letter: "                 HOW THE IMR FINAL DETERMINATION WAS MADE"
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.lineAt(6).text.trim(), 'HOW THE IMR FINAL DETERMINATION WAS MADE');
    const text = await hover(uri, 6, 30);
    assert.match(text, /How the IMR final determination was made/);
    assert.match(text, /section 1 of 3/);
  });

  test('hover on a decision word explains it', async () => {
    const doc = await vscode.workspace.openTextDocument(defective);
    assert.strictEqual(doc.lineAt(47).text, 'Chiropractic care, 8 sessions: Upheld');
    assert.match(await hover(defective, 47, 34), /\*\*Upheld\*\*.*not medically necessary/s);
    assert.match(await hover(defective, 34, 28), /'Overturn'|Overturn\*\* is not a decision/);
  });

  test('hover on a guideline citation shows its catalog entry', async () => {
    const doc = await vscode.workspace.openTextDocument(defective);
    assert.strictEqual(doc.lineAt(37).text, 'Section(s): Cyclobenzaprine (Flexeril).');
    const text = await hover(defective, 37, 16);
    assert.match(text, /Cyclobenzaprine \(Flexeril\)/);
    assert.match(text, /Chronic Pain Medical Treatment/);
  });

  test('the outline lists the header, the sections and the items with their paragraphs', async () => {
    const symbols = await waitFor('document symbols', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      return s && s.length > 0 ? s : undefined;
    });
    assert.deepStrictEqual(
      symbols.map((s) => s.name),
      ['Header', 'HOW THE IMR FINAL DETERMINATION WAS MADE', 'CLINICAL CASE SUMMARY', 'IMR ISSUES, DECISIONS AND RATIONALES'],
    );
    const header = symbols[0];
    assert.ok(
      header.children.some((c) => c.name === 'Case Number' && c.detail === 'CM99-0000001'),
      JSON.stringify(header.children.map((c) => [c.name, c.detail])),
    );
    const issues = symbols[3];
    assert.deepStrictEqual(
      issues.children.map((c) => [c.name, c.detail]),
      [
        ['Item 1: Tramadol 50mg #60', 'Upheld'],
        ['Item 2: MRI of the lumbar spine without contrast', 'Overturned'],
      ],
    );
    for (const item of issues.children) {
      assert.deepStrictEqual(
        item.children.map((c) => c.name),
        ['Claims Administrator guideline', 'MAXIMUS guideline', 'Decision rationale'],
        item.name,
      );
    }
    assert.strictEqual(issues.children[0].range.start.line, 35);
    assert.strictEqual(symbols[1].selectionRange.start.line, 6);
  });

  test('folding ranges cover the sections and items', async () => {
    const folds = await waitFor('folding ranges', async () => {
      const f = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
      return f && f.length > 0 ? f : undefined;
    });
    const starts = folds.map((f) => `${f.start}-${f.end}`);
    for (const want of ['0-4', '6-18', '20-30', '32-63', '35-49', '51-63']) {
      assert.ok(starts.includes(want), `no folding range ${want} in ${starts.join(' ')}`);
    }
  });
});
