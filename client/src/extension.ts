/**
 * The VS Code client: starts the language server, forwards the settings, and switches plain-text
 * documents that are IMR letters to the `imr` language. Nothing else lives here.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { looksLikeLetter } from '../../server/src/service/detect';

let client: LanguageClient | undefined;

function detectLetter(document: vscode.TextDocument): void {
  if (document.languageId !== 'plaintext') return;
  if (!vscode.workspace.getConfiguration('imrLint', document.uri).get<boolean>('detectPlainTextLetters', true)) return;
  const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 80), 0));
  if (looksLikeLetter(head)) void vscode.languages.setTextDocumentLanguage(document, 'imr');
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'imr' }],
    synchronize: {
      configurationSection: 'imrLint',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.imr-lint.json'),
    },
    initializationOptions: { rules: vscode.workspace.getConfiguration('imrLint').get('rules') },
  };
  client = new LanguageClient('imrLint', 'IMR Lint', serverOptions, clientOptions);
  await client.start();

  // "Go to definition" on a citation opens the catalog entry as a read-only virtual document.
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider('imr-catalog', {
      provideTextDocumentContent: async (uri) => (await client?.sendRequest<string | null>('imrLint/catalogDocument', { uri: uri.toString() })) ?? 'This catalog entry does not exist.',
    }),
  );
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(detectLetter));
  vscode.workspace.textDocuments.forEach(detectLetter);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
