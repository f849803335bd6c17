/**
 * The language server: owns the connection, the documents, the settings; calls the language
 * service for everything else. Runs over stdio (--stdio) or IPC (--node-ipc).
 *
 * Diagnostics are pulled (textDocument/diagnostic) when the client supports it, pushed
 * otherwise; pushes are debounced so a burst of keystrokes costs one analysis, and a result is
 * never published for a version the editor has already left. No letter text is ever logged.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL, fileURLToPath } from 'url';
import {
  createConnection,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, parseConfigText, resolveRules, validateConfig } from './service';
import type { LintConfig, ResolvedRules } from './service';

const PUSH_DELAY_MS = 120;
const CONFIG_FILE = '.imr-lint.json';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const docsDir = path.resolve(__dirname, '..', 'docs', 'rules');
const service = getLanguageService({
  docsBaseUri: pathToFileURL(docsDir).href,
  onRuleError: (ruleId, error) => connection.console.error(`imr-lint: rule ${ruleId} failed: ${(error as Error)?.name ?? 'error'} (the rule was skipped)`),
});

let pullDiagnostics = false;
let configurationSupport = false;
let workspaceFolders: string[] = [];
let settingsRules: LintConfig = {};
let fileConfig: LintConfig = {};
let rules: ResolvedRules = resolveRules();
const reportedConfigErrors = new Set<string>();
const pending = new Map<string, NodeJS.Timeout>();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
  configurationSupport = caps.workspace?.configuration === true;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.rootUri && !params.workspaceFolders ? [params.rootUri] : []);
  const initial = (params.initializationOptions as { rules?: unknown } | undefined)?.rules;
  if (initial !== undefined) applySettingsRules(initial);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      diagnosticProvider: pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
      hoverProvider: true,
      completionProvider: { triggerCharacters: [':'] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      definitionProvider: true,
    },
    serverInfo: { name: 'imr-lint' },
  };
});

connection.onInitialized(() => {
  if (configurationSupport) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'imrLint' }).catch(() => undefined);
  }
  loadConfigFile();
  void refreshSettings();
});

function reportConfigError(message: string): void {
  connection.console.warn(`imr-lint: ${message}`);
  if (reportedConfigErrors.has(message)) return;
  reportedConfigErrors.add(message);
  void connection.window.showWarningMessage(`IMR Lint: ${message} The other settings still apply.`);
}

function applySettingsRules(value: unknown): void {
  const { config, errors } = validateConfig({ rules: value ?? {} }, 'Setting imrLint.rules');
  errors.forEach(reportConfigError);
  settingsRules = config;
}

function loadConfigFile(): void {
  fileConfig = {};
  for (const folder of workspaceFolders) {
    let dir: string;
    try {
      dir = fileURLToPath(folder);
    } catch {
      continue; // virtual workspace: no file to read
    }
    const file = path.join(dir, CONFIG_FILE);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const { config, errors } = parseConfigText(text, file);
    errors.forEach(reportConfigError);
    fileConfig = config;
    break;
  }
  rules = resolveRules(fileConfig, settingsRules);
}

async function refreshSettings(): Promise<void> {
  if (configurationSupport) {
    try {
      const section = await connection.workspace.getConfiguration('imrLint');
      applySettingsRules(section?.rules);
    } catch {
      // The client could not answer: keep the settings we have.
    }
  }
  rules = resolveRules(fileConfig, settingsRules);
  revalidateAll();
}

function revalidateAll(): void {
  if (pullDiagnostics) connection.languages.diagnostics.refresh();
  else documents.all().forEach(schedulePush);
}

connection.onDidChangeConfiguration((change) => {
  if (!configurationSupport) {
    const settings = (change.settings as { imrLint?: { rules?: unknown } } | undefined)?.imrLint;
    applySettingsRules(settings?.rules);
  }
  void refreshSettings();
});

connection.onDidChangeWatchedFiles(() => {
  loadConfigFile();
  revalidateAll();
});

function schedulePush(document: TextDocument): void {
  if (pullDiagnostics) return;
  const uri = document.uri;
  clearTimeout(pending.get(uri));
  pending.set(
    uri,
    setTimeout(() => {
      pending.delete(uri);
      const current = documents.get(uri);
      if (!current) return;
      const version = current.version;
      const diagnostics = service.doValidation(current, rules);
      // Never publish for a version the editor has already left.
      if (documents.get(uri)?.version !== version) return;
      void connection.sendDiagnostics({ uri, version, diagnostics });
    }, PUSH_DELAY_MS),
  );
}

documents.onDidOpen((e) => schedulePush(e.document));
documents.onDidChangeContent((e) => schedulePush(e.document));
documents.onDidClose((e) => {
  clearTimeout(pending.get(e.document.uri));
  pending.delete(e.document.uri);
  service.forget(e.document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.languages.diagnostics.on((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  return { kind: DocumentDiagnosticReportKind.Full, items: service.doValidation(document, rules) };
});

connection.onHover((params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.doHover(document, params.position) : null;
});

connection.onCompletion((params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.doComplete(document, params.position) : null;
});

connection.onDocumentSymbol((params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.findDocumentSymbols(document) : [];
});

connection.onFoldingRanges((params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.getFoldingRanges(document) : [];
});

connection.onCodeAction((params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.getCodeActions(document, params.range, rules) : [];
});

connection.onDefinition((params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.findDefinition(document, params.position) : null;
});

/** The text of a read-only catalog view (`imr-catalog:` URI), for the client's content provider. */
connection.onRequest('imrLint/catalogDocument', (params: { uri: string }) => service.getCatalogDocument(params.uri) ?? null);

documents.listen(connection);
connection.listen();
