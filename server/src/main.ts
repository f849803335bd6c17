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
import { FIX_ALL_KIND, getLanguageService, parseConfigText, resolveRules, resolveWords, validateConfig } from './service';
import type { AcceptedWords, LintConfig, ResolvedRules } from './service';
import { CONFIG_FILE, registerWorkflow, workflowCodeActions, type WorkflowState } from './workflow';

const PUSH_DELAY_MS = 120;

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
let words: AcceptedWords = resolveWords();
let configFile: string | undefined;
/** imrLint.run: check as you type, or only the saved text. */
let runMode: 'onType' | 'onSave' = 'onType';
/** The text of each open document as last saved (opened), for imrLint.run = onSave. */
const savedText = new Map<string, TextDocument>();
const workflowState: WorkflowState = {
  rules: () => rules,
  words: () => words,
  folders: () => workspaceFolders,
  configFile: () => configFile,
  settingsInUse: () => Object.keys(settingsRules.rules ?? {}).length > 0 || (settingsRules.words?.length ?? 0) > 0,
  runMode: () => runMode,
  docsDir,
};
const reportedConfigErrors = new Set<string>();
const pending = new Map<string, NodeJS.Timeout>();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
  configurationSupport = caps.workspace?.configuration === true;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.rootUri && !params.workspaceFolders ? [params.rootUri] : []);
  const initial = params.initializationOptions as { rules?: unknown; words?: unknown; run?: unknown } | undefined;
  if (initial !== undefined) applySettingsRules(initial.rules, initial.words, initial.run);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      diagnosticProvider: pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
      hoverProvider: true,
      completionProvider: { triggerCharacters: [':'] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
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

function applySettingsRules(value: unknown, wordList?: unknown, run?: unknown): void {
  const { config, errors } = validateConfig({ rules: value ?? {} }, 'Setting imrLint.rules');
  const accepted = validateConfig({ words: wordList ?? [] }, 'Setting imrLint.words');
  [...errors, ...accepted.errors].forEach(reportConfigError);
  settingsRules = { ...config, words: accepted.config.words };
  runMode = run === 'onSave' ? 'onSave' : 'onType';
}

function loadConfigFile(): void {
  fileConfig = {};
  configFile = undefined;
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
    configFile = file;
    break;
  }
  rules = resolveRules(fileConfig, settingsRules);
  words = resolveWords(fileConfig, settingsRules);
}

async function refreshSettings(): Promise<void> {
  if (configurationSupport) {
    try {
      const section = await connection.workspace.getConfiguration('imrLint');
      applySettingsRules(section?.rules, section?.words, section?.run);
    } catch {
      // The client could not answer: keep the settings we have.
    }
  }
  rules = resolveRules(fileConfig, settingsRules);
  words = resolveWords(fileConfig, settingsRules);
  revalidateAll();
}

function revalidateAll(): void {
  if (pullDiagnostics) connection.languages.diagnostics.refresh();
  else documents.all().forEach((d) => schedulePush(d, true));
  void workspaceCheck.recheckAll();
}

/** The text to check: the document itself, or (imrLint.run = onSave) its last saved text. */
function checkedText(document: TextDocument): TextDocument {
  return runMode === 'onSave' ? savedText.get(document.uri) ?? document : document;
}

connection.onDidChangeConfiguration((change) => {
  if (!configurationSupport) {
    const settings = (change.settings as { imrLint?: { rules?: unknown; words?: unknown; run?: unknown } } | undefined)?.imrLint;
    applySettingsRules(settings?.rules, settings?.words, settings?.run);
  }
  void refreshSettings();
});

connection.onDidChangeWatchedFiles((params) => {
  const letters = params.changes.filter((c) => !c.uri.endsWith(`/${CONFIG_FILE}`));
  for (const change of letters) void workspaceCheck.fileChanged(change.uri, change.type === 3 /* Deleted */);
  if (letters.length === params.changes.length) return;
  loadConfigFile();
  revalidateAll();
});

function schedulePush(document: TextDocument, force = false): void {
  if (pullDiagnostics) return;
  if (runMode === 'onSave' && !force && savedText.get(document.uri)?.version !== document.version) return;
  const uri = document.uri;
  clearTimeout(pending.get(uri));
  pending.set(
    uri,
    setTimeout(() => {
      pending.delete(uri);
      const current = documents.get(uri);
      if (!current) return;
      const version = current.version;
      const diagnostics = service.doValidation(checkedText(current), rules, words);
      // Never publish for a version the editor has already left.
      if (documents.get(uri)?.version !== version) return;
      void connection.sendDiagnostics({ uri, version, diagnostics });
    }, PUSH_DELAY_MS),
  );
}

const workspaceCheck = registerWorkflow(connection, documents, service, workflowState);

/** A copy: the documents' own objects change in place as the user types. */
const snapshot = (d: TextDocument) => TextDocument.create(d.uri, d.languageId, d.version, d.getText());

documents.onDidOpen((e) => {
  savedText.set(e.document.uri, snapshot(e.document));
  workspaceCheck.opened(e.document.uri);
  schedulePush(e.document, true);
});
documents.onDidChangeContent((e) => schedulePush(e.document));
documents.onDidSave((e) => {
  savedText.set(e.document.uri, snapshot(e.document));
  if (runMode !== 'onSave') return;
  if (pullDiagnostics) connection.languages.diagnostics.refresh();
  else schedulePush(e.document, true);
});
documents.onDidClose((e) => {
  clearTimeout(pending.get(e.document.uri));
  pending.delete(e.document.uri);
  savedText.delete(e.document.uri);
  service.forget(e.document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  // After a workspace check, a closed letter keeps its problems in the Problems panel.
  void workspaceCheck.closed(e.document.uri);
});

connection.languages.diagnostics.on((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  return { kind: DocumentDiagnosticReportKind.Full, items: service.doValidation(checkedText(document), rules, words) };
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
  if (!document) return [];
  const only = params.context.only;
  const quickFixes = !only || only.some((k) => k === 'quickfix' || k === '') ? service.getCodeActions(document, params.range, rules, words) : [];
  return [...quickFixes, ...workflowCodeActions(params, document, service, workflowState)];
});

connection.onDefinition((params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.findDefinition(document, params.position) : null;
});

/** The text of a read-only catalog view (`imr-catalog:` URI), for the client's content provider. */
connection.onRequest('imrLint/catalogDocument', (params: { uri: string }) => service.getCatalogDocument(params.uri) ?? null);

documents.listen(connection);
connection.listen();
