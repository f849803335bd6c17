/**
 * The VS Code client: starts the language server, forwards the settings, switches plain-text
 * documents that are IMR letters to the `imr` language, and contributes the commands and the
 * language status item. It shares no source with the server: only the protocol (LSP and the
 * `imrLint/*` requests).
 */
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { serverProcess } from './server-process';

let client: LanguageClient | undefined;

/** imrLint/status (server/src/workflow.ts). */
interface StatusInfo {
  activeRules: number;
  totalRules: number;
  source: string;
  configUri?: string;
  newConfigUri?: string;
  ruleIndexUri: string;
  run: 'onType' | 'onSave';
  words: number;
}

interface CheckSummary {
  letters: number;
  problems: number;
  cancelled: boolean;
}

const CONFIG_FILE = '.imr-lint.json';

async function detectLetter(document: vscode.TextDocument): Promise<void> {
  if (document.languageId !== 'plaintext' || !client) return;
  if (!vscode.workspace.getConfiguration('imrLint', document.uri).get<boolean>('detectPlainTextLetters', true)) return;
  const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 80), 0));
  const isLetter = await client.sendRequest<boolean>('imrLint/looksLikeLetter', { text: head }).catch(() => false);
  if (isLetter && document.languageId === 'plaintext' && !document.isClosed) await vscode.languages.setTextDocumentLanguage(document, 'imr');
}

function settings() {
  const config = vscode.workspace.getConfiguration('imrLint');
  return { rules: config.get('rules'), words: config.get('words'), run: config.get('run') };
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: () => LanguageClient | undefined }> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  // Its environment and node's options (server-process.ts: malloc arenas, V8's helper threads).
  const { env, execArgv } = serverProcess(process.env, os.availableParallelism());
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env, execArgv } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
  // Letters on disk: the workspace check keeps their problems current.
  const letterWatcher = vscode.workspace.createFileSystemWatcher('**/*.{imr,txt}');
  context.subscriptions.push(configWatcher, letterWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'imr' }],
    synchronize: { configurationSection: 'imrLint', fileEvents: [configWatcher, letterWatcher] },
    initializationOptions: settings(),
    middleware: {
      // The "Add 'X' to the workspace word list" edit changes .imr-lint.json. Loading that file
      // before the edit is applied makes the edit land in a live document, so Undo in its editor
      // restores it (an edit to a file no one holds is saved and its undo history dropped).
      async provideCodeActions(document, range, context, token, next) {
        const actions = await next(document, range, context, token);
        for (const action of actions ?? []) {
          if (!(action instanceof vscode.CodeAction) || !action.edit) continue;
          for (const [uri] of action.edit.entries()) {
            if (uri.path.endsWith(`/${CONFIG_FILE}`)) await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined);
          }
        }
        return actions;
      },
    },
  };
  client = new LanguageClient('imrLint', 'IMR Lint', serverOptions, clientOptions);
  await client.start();

  // "Go to definition" on a citation opens the catalog entry as a read-only virtual document.
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider('imr-catalog', {
      provideTextDocumentContent: async (uri) =>
        (await client?.sendRequest<string | null>('imrLint/catalogDocument', { uri: uri.toString() })) ?? 'This catalog entry does not exist.',
    }),
  );
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => void detectLetter(d)));
  vscode.workspace.textDocuments.forEach((d) => void detectLetter(d));

  // ---- language status item (on IMR letters)
  const rulesItem = vscode.languages.createLanguageStatusItem('imrLint.rules', { language: 'imr' });
  rulesItem.name = 'IMR Lint rules';
  const configItem = vscode.languages.createLanguageStatusItem('imrLint.configuration', { language: 'imr' });
  configItem.name = 'IMR Lint configuration';
  context.subscriptions.push(rulesItem, configItem);
  let status: StatusInfo | undefined;
  const refreshStatus = async () => {
    status = await client?.sendRequest<StatusInfo>('imrLint/status').catch(() => undefined);
    if (!status) return;
    rulesItem.text = `IMR Lint: ${status.activeRules} of ${status.totalRules} rules`;
    rulesItem.detail = status.run === 'onSave' ? 'checks on save' : 'checks as you type';
    rulesItem.command = { title: 'Rule index', command: 'imrLint.openRuleIndex', tooltip: 'Open the index of the rules' };
    configItem.text = status.configUri ? CONFIG_FILE : 'No configuration file';
    configItem.detail = `from ${status.source}${status.words ? `; ${status.words} accepted word${status.words === 1 ? '' : 's'}` : ''}`;
    configItem.command = status.configUri
      ? { title: 'Open configuration', command: 'imrLint.openConfiguration', tooltip: `Open ${CONFIG_FILE}` }
      : { title: 'Create configuration', command: 'imrLint.createConfigFile', tooltip: `Create ${CONFIG_FILE}` };
  };
  const statusSoon = () => setTimeout(() => void refreshStatus(), 300);
  context.subscriptions.push(
    configWatcher.onDidCreate(statusSoon),
    configWatcher.onDidChange(statusSoon),
    configWatcher.onDidDelete(statusSoon),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('imrLint') && statusSoon()),
  );
  await refreshStatus();

  // ---- commands
  const register = (id: string, run: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('imrLint.fixAll', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'imr' || !client) {
      void vscode.window.showInformationMessage('IMR Lint: open an IMR letter to fix it.');
      return 0;
    }
    const document = editor.document;
    const result = await client.sendRequest<{ version: number; edits: unknown[]; fixed: number; refused: string | null } | null>('imrLint/fixAll', {
      uri: document.uri.toString(),
      version: document.version,
    });
    if (!result || result.version !== document.version) return 0;
    if (result.refused) {
      void vscode.window.showWarningMessage('IMR Lint: two fixes would change the same text; nothing was changed. Use the quick fixes one by one.');
      return 0;
    }
    if (result.fixed === 0) {
      void vscode.window.setStatusBarMessage('IMR Lint: nothing to fix automatically', 3000);
      return 0;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, (await client.protocol2CodeConverter.asTextEdits(result.edits as never)) ?? []);
    await vscode.workspace.applyEdit(edit);
    void vscode.window.setStatusBarMessage(`IMR Lint: fixed ${result.fixed} problem${result.fixed === 1 ? '' : 's'}`, 3000);
    return result.fixed;
  });

  register('imrLint.checkWorkspace', async () => {
    if (!client) return undefined;
    const summary = await client.sendRequest<CheckSummary>('imrLint/checkWorkspace');
    const what = `${summary.letters} letter${summary.letters === 1 ? '' : 's'}, ${summary.problems} problem${summary.problems === 1 ? '' : 's'}`;
    void vscode.window.showInformationMessage(
      summary.cancelled ? `IMR Lint: check stopped after ${what}.` : `IMR Lint checked the workspace: ${what} (see the Problems panel).`,
    );
    return summary;
  });

  register('imrLint.restartServer', async () => {
    await client?.restart();
    await refreshStatus();
  });

  register('imrLint.showOutput', () => client?.outputChannel.show(true));

  register('imrLint.openRuleIndex', async () => {
    const uri = status?.ruleIndexUri ?? vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', 'README.md'))).toString();
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.parse(uri));
  });

  register('imrLint.openConfiguration', async () => {
    await refreshStatus();
    if (status?.configUri && (await exists(vscode.Uri.parse(status.configUri)))) await vscode.window.showTextDocument(vscode.Uri.parse(status.configUri));
    else await vscode.commands.executeCommand('workbench.action.openSettings', 'imrLint');
  });

  const exists = async (uri: vscode.Uri) =>
    vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );

  register('imrLint.createConfigFile', async () => {
    await refreshStatus();
    const folder = vscode.workspace.workspaceFolders?.[0];
    const uri = status?.configUri ? vscode.Uri.parse(status.configUri) : folder && vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
    if (!uri) {
      void vscode.window.showWarningMessage(`IMR Lint: open a folder first; ${CONFIG_FILE} goes in the workspace folder.`);
      return undefined;
    }
    if (await exists(uri)) {
      await vscode.window.showTextDocument(uri);
      return uri.toString();
    }
    const text = `{\n  "rules": {},\n  "words": []\n}\n`;
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true, contents: Buffer.from(text, 'utf8') });
    await vscode.workspace.applyEdit(edit);
    await vscode.window.showTextDocument(uri);
    statusSoon();
    return uri.toString();
  });

  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
