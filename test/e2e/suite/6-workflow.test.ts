// The reviewer's and QA lead's workflow in the real editor: fix-all on save and by command, the
// workspace check (progress, Problems for closed letters, kept current on disk), the add-word quick
// fix (undo restores the configuration), the commands around the server and the configuration.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXAMPLES, EXTENSION_ID, ROOT, closeAll, codeOf, open, ours, removeScratch, scratchCopy, show, waitFor, waitForCodes } from '../helpers';
import { DEFECTIVE } from '../expected';

const ALL = DEFECTIVE.map((e) => e.code);
const MISSPELLED = path.join(ROOT, 'test', 'fixtures', 'rules', 'drug-misspelling', 'misspelled-names.imr');

function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e workspace has no folder');
  return folder.uri.fsPath;
}

async function setEditorSetting(section: string, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
  await waitFor(
    `${section}.${key}`,
    () => JSON.stringify(vscode.workspace.getConfiguration(section).inspect(key)?.globalValue ?? null) === JSON.stringify(value ?? null),
  );
}

suite('workflow: fix all, workspace check, word list, commands', () => {
  const created: string[] = [];
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });
  suiteTeardown(async () => {
    await setEditorSetting('editor', 'codeActionsOnSave', undefined);
    await closeAll();
    for (const p of created) fs.rmSync(p, { recursive: true, force: true });
    removeScratch();
  });

  test('fix-all on save (editor.codeActionsOnSave "source.fixAll.imr-lint") applies the unambiguous fixes', async () => {
    await setEditorSetting('editor', 'codeActionsOnSave', { 'source.fixAll.imr-lint': 'explicit' });
    const uri = scratchCopy(path.join(EXAMPLES, 'defective-letter.imr'));
    const doc = await open(uri);
    await waitForCodes(uri, ALL);
    // Make the letter dirty (a trailing space at the end of line 1), then save with the editor's Save command.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, doc.lineAt(0).text.length), ' ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor(
      'the saved letter to hold the fixes',
      () => !doc.isDirty && doc.getText().includes('CLINICAL CASE SUMMARY') && doc.lineAt(34).text.endsWith(': Overturned'),
      () => `dirty=${doc.isDirty} line 21=${doc.lineAt(20).text.trim()} line 35=${doc.lineAt(34).text}`,
    );
    assert.ok(fs.readFileSync(uri.fsPath, 'utf8').includes('Cyclobenzaprine 10mg #90: Overturned'), 'the fixes are not on disk');
    await waitForCodes(
      uri,
      ALL.filter((c) => c !== 'IMR001' && c !== 'IMR005'),
    );
    await setEditorSetting('editor', 'codeActionsOnSave', undefined);
  });

  test('the command "Fix all auto-fixable problems" fixes the active letter, and a second run changes nothing', async () => {
    const uri = scratchCopy(path.join(EXAMPLES, 'defective-letter.imr'));
    const doc = await open(uri);
    await waitForCodes(uri, ALL);
    const fixed = await vscode.commands.executeCommand<number>('imrLint.fixAll');
    assert.strictEqual(fixed, 2);
    const once = doc.getText();
    assert.ok(once.includes('CLINICAL CASE SUMMARY'));
    await waitForCodes(
      uri,
      ALL.filter((c) => c !== 'IMR001' && c !== 'IMR005'),
    );
    assert.strictEqual(await vscode.commands.executeCommand<number>('imrLint.fixAll'), 0);
    assert.strictEqual(doc.getText(), once);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to bring the defects back', () => doc.getText().includes('CLINICAL CASE SUMARY'));
  });

  test('"Check all letters in the workspace" reports closed letters in the Problems panel, with progress, and keeps them current', async () => {
    await closeAll();
    const dir = fs.mkdtempSync(path.join(workspaceRoot(), 'check-'));
    created.push(dir);
    const one = path.join(dir, 'one.imr');
    const two = path.join(dir, 'two-letter.txt');
    fs.copyFileSync(path.join(EXAMPLES, 'defective-letter.imr'), one);
    fs.copyFileSync(path.join(EXAMPLES, 'defective-letter.imr'), two);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'Not a letter.\n');
    // Record the progress the language client shows for the server's work-done progress.
    const shown: Array<{ title?: string; cancellable?: boolean; messages: string[] }> = [];
    const windowApi = vscode.window as { withProgress: typeof vscode.window.withProgress };
    const original = windowApi.withProgress;
    let patched = true;
    try {
      windowApi.withProgress = ((options: vscode.ProgressOptions, task: Parameters<typeof vscode.window.withProgress>[1]) => {
        const entry = { title: options.title, cancellable: options.cancellable, messages: [] as string[] };
        shown.push(entry);
        return original(options, (progress, token) =>
          task(
            {
              report: (v) => {
                if (v.message) entry.messages.push(v.message);
                progress.report(v);
              },
            },
            token,
          ),
        );
      }) as typeof vscode.window.withProgress;
    } catch {
      patched = false; // a frozen API object: the progress is then checked through its end state only
    }
    let summary: { letters: number; problems: number; cancelled: boolean } | undefined;
    try {
      summary = await vscode.commands.executeCommand('imrLint.checkWorkspace');
    } finally {
      if (patched) windowApi.withProgress = original;
    }
    assert.ok(summary && !summary.cancelled && summary.letters >= 2, JSON.stringify(summary));
    console.log(`      (progress observed through window.withProgress: ${patched})`);
    if (patched) {
      const p = shown.find((s) => s.title === 'IMR Lint: checking the letters of the workspace');
      assert.ok(p, `no progress notification; shown: ${JSON.stringify(shown)}`);
      assert.strictEqual(p.cancellable, true);
      assert.ok(
        p.messages.some((m) => /^\d+ of \d+ letters$/.test(m)),
        JSON.stringify(p.messages),
      );
    }
    const oneUri = vscode.Uri.file(one);
    const twoUri = vscode.Uri.file(two);
    await waitForCodes(oneUri, ALL);
    await waitForCodes(twoUri, ALL);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === one || d.uri.fsPath === two), 'the check opened the letters');
    assert.strictEqual(ours(vscode.Uri.file(path.join(dir, 'notes.txt'))).length, 0);
    // Kept current when a file changes on disk (file watcher).
    fs.writeFileSync(one, fs.readFileSync(path.join(EXAMPLES, 'clean-letter.imr')));
    await waitForCodes(oneUri, []);
    fs.rmSync(two);
    await waitForCodes(twoUri, []);
  });

  test('the quick fix "Add \'X\' to the workspace word list" writes .imr-lint.json; undo restores it', async () => {
    const config = path.join(workspaceRoot(), '.imr-lint.json');
    assert.ok(!fs.existsSync(config), `${config} exists before the test`);
    created.push(config);
    const original = '{\n  "rules": {}\n}\n';
    fs.writeFileSync(config, original);
    const letter = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'imr-e2e-words-')), 'misspelled.imr');
    created.push(path.dirname(letter));
    fs.writeFileSync(letter, fs.readFileSync(MISSPELLED, 'utf8').split('--- expect')[0]);
    const uri = vscode.Uri.file(letter);
    await open(uri);
    const diagnostics = await waitFor(
      'three misspellings',
      () => {
        const d = ours(uri).filter((x) => codeOf(x) === 'IMR028');
        return d.length === 3 ? d : undefined;
      },
      () => show(ours(uri)),
    );
    const vallium = diagnostics.find((d) => d.message.includes("'Vallium'"))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      vallium.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const add = actions.find((a) => a.title === "Add 'Vallium' to the workspace word list");
    assert.ok(add?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    // .imr-lint.json is not open in any editor when the quick fix is applied.
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === config));
    assert.ok(await vscode.workspace.applyEdit(add.edit));
    const configDoc = await vscode.workspace.openTextDocument(vscode.Uri.file(config));
    assert.deepStrictEqual(JSON.parse(configDoc.getText()), { words: ['Vallium'], rules: {} });
    if (configDoc.isDirty) await configDoc.save();
    await waitFor(
      "'Vallium' accepted",
      () => (ours(uri).filter((x) => codeOf(x) === 'IMR028').length === 2 ? true : undefined),
      () => show(ours(uri)),
    );
    // Undo in the configuration's editor restores it.
    await vscode.window.showTextDocument(configDoc);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('undo');
    await waitFor(
      'undo to restore .imr-lint.json',
      () => configDoc.getText() === original,
      () => `dirty=${configDoc.isDirty} version=${configDoc.version} active=${vscode.window.activeTextEditor?.document.uri.fsPath} text=${configDoc.getText()}`,
    );
    await configDoc.save();
    await waitFor(
      "'Vallium' reported again",
      () => (ours(uri).filter((x) => codeOf(x) === 'IMR028').length === 3 ? true : undefined),
      () => show(ours(uri)),
    );
    await closeAll();
    fs.rmSync(config, { force: true });
  });

  test('the commands: create the configuration file, restart the server, show the output', async () => {
    const config = path.join(workspaceRoot(), '.imr-lint.json');
    fs.rmSync(config, { force: true });
    created.push(config);
    const createdUri = await vscode.commands.executeCommand<string>('imrLint.createConfigFile');
    assert.strictEqual(vscode.Uri.parse(createdUri).fsPath, config);
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(config, 'utf8')), { rules: {}, words: [] });
    await waitFor('the configuration opened', () => vscode.window.activeTextEditor?.document.uri.fsPath === config);
    fs.rmSync(config, { force: true });
    await closeAll();

    const uri = scratchCopy(path.join(EXAMPLES, 'defective-letter.imr'));
    await open(uri);
    await waitForCodes(uri, ALL);
    await vscode.commands.executeCommand('imrLint.restartServer');
    await waitForCodes(uri, ALL);
    await vscode.commands.executeCommand('imrLint.showOutput');
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'imrLint.fixAll',
      'imrLint.checkWorkspace',
      'imrLint.restartServer',
      'imrLint.showOutput',
      'imrLint.createConfigFile',
      'imrLint.openConfiguration',
      'imrLint.openRuleIndex',
    ]) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });
});
