/**
 * The language server: owns the connection, the documents, the settings; calls the language
 * service for everything else. Runs over stdio (--stdio) or IPC (--node-ipc).
 *
 * Diagnostics are pulled (textDocument/diagnostic) when the client supports it, pushed
 * otherwise; pushes are debounced so a burst of keystrokes costs one analysis, and a result is
 * never published for a version the editor has already left. No letter text is ever logged.
 */
import * as path from 'path';
import { pathToFileURL, fileURLToPath } from 'url';
import {
  createConnection,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type DocumentDiagnosticReport,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DidChangeConfigurationNotification,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type MessageReader,
  type MessageWriter,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, getLanguageService, MAX_CONFIG_BYTES, parseConfigText, resolveRules, resolveWords, validateConfig } from './service';
import type { AcceptedWords, LanguageService, LintConfig, ResolvedRules } from './service';
import { CONFIG_FILE, registerWorkflow, workflowCodeActions, type WorkflowState } from './workflow';
import { decode, describeError, readRegularFile } from './io';
import { checkCatalogParams, checkDocumentParams, createGuard, errorName, refuseChange, refuseInitialize, validOpen } from './guard';
import { diagnosticJsonEncoder, FrameWriter, GatedReader, StrictStreamReader } from './transport';
import { pushDelay } from './push-delay';
import { boundOldGenerationGrowth, boundYoungGeneration, collectWithOldGenerationGrowth } from './young-generation';
import { setCompilerBudgets } from './compiler-budget';
import { pullReports } from './pull-reports';
import { idleScavenger } from './idle-scavenge';
import { idleMemory } from './idle-memory';
import { confineHelperThreads } from './helper-threads';

/**
 * The transport: over stdio, a strict frame reader (a malformed frame stops the server with a
 * clear message instead of a silent hang); on every transport, requests after `shutdown` are
 * answered with InvalidRequest (transport.ts).
 */
function openTransport(): { reader: MessageReader; writer: MessageWriter } {
  const ipc = process.argv.includes('--node-ipc');
  const writer: MessageWriter = ipc ? new IPCMessageWriter(process) : new FrameWriter(process.stdout, diagnosticJsonEncoder());
  const inner: MessageReader = ipc
    ? new IPCMessageReader(process)
    : new StrictStreamReader(process.stdin, (reason) => {
        process.stderr.write(`imr-lint server: stopping: the editor sent a malformed message (${reason}). The editor restarts the server.\n`);
        process.exit(1);
      });
  const reader = new GatedReader(
    inner,
    (message) => void writer.write(message).catch(() => undefined),
    (method, params) => (method === 'initialize' ? refuseInitialize(params) : undefined),
  );
  if (!ipc) {
    // stdout carries the protocol: stray console output goes to stderr.
    console.log = console.info = console.debug = (...args: unknown[]) => void process.stderr.write(args.map(String).join(' ') + '\n');
    const ended = () => process.exit(reader.shutdownReceived ? 0 : 1);
    process.stdin.on('end', ended);
    process.stdin.on('close', ended);
  }
  return { reader, writer };
}

/**
 * The young generation stops growing at 4 MB a semi-space, and the old generation is collected
 * when it has grown by 30% over what its last full collection kept (young-generation.ts): opening
 * 200 letters or a 5 MB document no longer leaves the process 32 MB of semi-spaces, nor an old
 * generation 2.5 times its live objects, for life (docs/performance-server.md).
 */
const OLD_GENERATION_GROWTH = 30;
const SEMI_SPACE_MB = 4;
boundYoungGeneration(SEMI_SPACE_MB);
boundOldGenerationGrowth(OLD_GENERATION_GROWTH);
/**
 * A quarter of V8's inlining budget and twice its interrupt budget (compiler-budget.ts): opening
 * 200 letters costs the process about 25% less CPU (its helper threads compile less) and keeps
 * about 2.5 MB less; warm code is as fast.
 */
setCompilerBudgets();
/**
 * V8's helper threads leave the first CPU to the main thread (helper-threads.ts): on two cores, the
 * slowest keystrokes of a first letter took about 4 ms instead of about 2.3.
 */
confineHelperThreads();

// --socket and --pipe (no client of ours uses them) keep the library's own transport.
const otherTransport = process.argv.slice(2).some((a) => /^--(socket|pipe)\b/.test(a));
const transport = otherTransport ? undefined : openTransport();
const connection: Connection = transport ? createConnection(ProposedFeatures.all, transport.reader, transport.writer) : createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const docsDir = path.resolve(__dirname, '..', 'docs', 'rules');
const reportedRuleErrors = new Set<string>();
/**
 * Results are kept for every open letter (closed ones are forgotten), models only for the few
 * letters last parsed or checked: the one being edited reuses its items and line results from
 * version to version, and 200 open letters do not hold 200 models (docs/performance-server.md).
 */
const OPEN_LETTERS_KEPT = 1024;
const MODELS_KEPT = 4;
/**
 * The quotation search remembers the tokens and passages of 2,048 sentences, as in a batch:
 * boilerplate sentences repeat across letters. Until a sentence was kept as numbers (session of
 * 2026-12-01) the server kept 256, which cost 3-8% more CPU when opening 200 letters but saved
 * about 5 MB; kept as numbers, 2,048 cost 0.5-1.3 MB more after the 200 letters and open them
 * faster: `lsp-perf.js open` 374-403 against 422-434 ms, the bench 388-400 against 406-421 ms
 * (docs/performance-server.md).
 */
const QUOTATION_SENTENCES_KEPT = 2048;
let languageService: LanguageService | undefined;
/**
 * The language service, made on first use or as soon as the server is idle after `initialized`:
 * building its catalog indexes (tens of ms) no longer delays the answer to `initialize`.
 */
function service(): LanguageService {
  return (languageService ??= getLanguageService({
    cacheSize: OPEN_LETTERS_KEPT,
    modelCacheSize: MODELS_KEPT,
    cacheBounds: { quotationSentences: QUOTATION_SENTENCES_KEPT },
    docsBaseUri: pathToFileURL(docsDir).href,
    onRuleError: (ruleId, error) => {
      const key = `${ruleId}:${errorName(error)}`;
      if (reportedRuleErrors.has(key)) return;
      reportedRuleErrors.add(key);
      connection.console.error(`imr-lint: rule ${ruleId} failed: ${errorName(error)} (the rule was skipped)`);
    },
  }));
}
const guard = createGuard((message) => connection.console.error(message));

// Last resort: a failure nobody caught is logged by name and the server keeps serving the other
// letters (every handler is guarded; reaching this is a bug to report).
process.on('uncaughtException', (error) => connection.console.error(`imr-lint: unexpected failure: ${errorName(error)} (the server keeps running)`));

let pullDiagnostics = false;
let documentChangesSupport = false;
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
/** How long each open document's last push check took (ms). */
const checkMs = new Map<string, number>();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
  configurationSupport = caps.workspace?.configuration === true;
  documentChangesSupport = caps.workspace?.workspaceEdit?.documentChanges === true;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.rootUri && !params.workspaceFolders ? [params.rootUri] : []);
  const initial = params.initializationOptions as { rules?: unknown; words?: unknown; run?: unknown } | null | undefined;
  if (typeof initial === 'object' && initial !== null) applySettingsRules(initial.rules, initial.words, initial.run);
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
  // The service, then the quotation index (the catalog's one index built on first use, 15-30 ms),
  // each in its own turn: a message that arrives meanwhile waits for one of them at most; then,
  // once idle, one full collection (idle-scavenge.ts, afterStart).
  setImmediate(() => {
    service();
    setImmediate(() => {
      void service().catalog.quotations();
      idleScavenge.afterStart();
    });
  });
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
      // A regular file of at most 1 MiB: a FIFO named .imr-lint.json cannot block the server.
      text = decode(readRegularFile(file, MAX_CONFIG_BYTES, '1 MiB, which is not a configuration'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') reportConfigError(`${CONFIG_FILE} in the workspace cannot be read: ${describeError(e)}.`);
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
  // A client that does not take the refresh request answers with an error: that is no failure.
  if (pullDiagnostics) void connection.languages.diagnostics.refresh().catch(() => undefined);
  else documents.all().forEach((d) => schedulePush(d, true));
  void workspaceCheck.recheckAll();
}

/** The text to check: the document itself, or (imrLint.run = onSave) its last saved text. */
function checkedText(document: TextDocument): TextDocument {
  return runMode === 'onSave' ? (savedText.get(document.uri) ?? document) : document;
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

function schedulePush(document: TextDocument, force = false, opening = false): void {
  if (pullDiagnostics) return;
  if (runMode === 'onSave' && !force && savedText.get(document.uri)?.version !== document.version) return;
  const uri = document.uri;
  clearTimeout(pending.get(uri));
  const delay = pushDelay(checkMs.get(uri), opening);
  pending.set(
    uri,
    setTimeout(() => {
      pending.delete(uri);
      const current = documents.get(uri);
      if (!current) return;
      const version = current.version;
      // What is checked: the document, or under imrLint.run = onSave its saved text.
      const checked = checkedText(current);
      const started = performance.now();
      const diagnostics = diagnose(checked);
      checkMs.set(uri, performance.now() - started);
      // Never publish for a version the editor has already left.
      if (documents.get(uri)?.version !== version) return;
      // Labelled with the version of the text they describe (the saved one under onSave).
      void connection.sendDiagnostics({ uri, version: checked.version, diagnostics });
    }, delay),
  );
}

/**
 * Scavenges the young generation between keystrokes rather than during one, and collects the heap
 * once start-up is done, leaving the old generation room for 2.5 times what start-up keeps before
 * its next full collection (idle-scavenge.ts, afterStart).
 */
const FIRST_OLD_GENERATION_GROWTH = 150;
const idleScavenge = idleScavenger({
  fullCollection: (collectFully) => {
    collectWithOldGenerationGrowth(collectFully, FIRST_OLD_GENERATION_GROWTH, OLD_GENERATION_GROWTH);
    idleReduce.afterStart();
  },
});
/**
 * Gives memory back once a burst of checks is over (idle-memory.ts), the growth measured from what
 * start-up's collection kept: measured from the first letter checked, a burst of 200 letters grew
 * the old generation by 5-9 MB, around the 8 MB that makes a reduction worth it, and one that left
 * less garbage (an optimisation elsewhere) kept 84 MB instead of 75. The young generation may then
 * grow again to its bound.
 */
const idleReduce = idleMemory({ afterReduce: () => boundYoungGeneration(SEMI_SPACE_MB) });

let lettersChecked = 0;
/** Letters checked so far: the start makes V8's code cache only once the check has run (server-start.ts). */
export const checkedLetters = (): number => lettersChecked;

/**
 * The diagnostics of a document; when the analysis itself fails, one diagnostic that says so
 * (never an empty list that would pass for a clean letter).
 */
function diagnose(document: TextDocument): Diagnostic[] {
  try {
    const diagnostics = service().doValidation(document, rules, words);
    lettersChecked++;
    idleScavenge.afterWork();
    idleReduce.afterWork();
    return diagnostics;
  } catch (error) {
    connection.console.error(`imr-lint: could not check a letter: ${errorName(error)}`);
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Warning,
        source: 'imr-lint',
        code: 'internal-error',
        message: `IMR Lint could not check this letter: an internal error (${errorName(error)}) stopped the analysis, so problems may be missing. The other letters are still checked; please report this.`,
      },
    ];
  }
}

const workspaceCheck = registerWorkflow(connection, documents, service, workflowState);
/** The last pull report of each open letter: diagnostics that did not change are answered as unchanged (pull-reports.ts). */
const pulled = pullReports();

/** A copy: the documents' own objects change in place as the user types. */
const snapshot = (d: TextDocument) => TextDocument.create(d.uri, d.languageId, d.version, d.getText());

documents.onDidOpen((e) => {
  savedText.set(e.document.uri, snapshot(e.document));
  workspaceCheck.opened(e.document.uri);
  schedulePush(e.document, true, true);
});
documents.onDidChangeContent((e) => schedulePush(e.document));
documents.onDidSave((e) => {
  savedText.set(e.document.uri, snapshot(e.document));
  if (runMode !== 'onSave') return;
  if (pullDiagnostics) void connection.languages.diagnostics.refresh().catch(() => undefined);
  else schedulePush(e.document, true);
});
documents.onDidClose((e) => {
  clearTimeout(pending.get(e.document.uri));
  pending.delete(e.document.uri);
  checkMs.delete(e.document.uri);
  savedText.delete(e.document.uri);
  pulled.forget(e.document.uri);
  service().forget(e.document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  // After a workspace check, a closed letter keeps its problems in the Problems panel.
  void workspaceCheck.closed(e.document.uri);
});

connection.languages.diagnostics.on(
  guard(
    'textDocument/diagnostic',
    (): DocumentDiagnosticReport => ({ kind: DocumentDiagnosticReportKind.Full, items: [] }),
    (params) => {
      checkDocumentParams('textDocument/diagnostic', params);
      const document = documents.get(params.textDocument.uri);
      if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      return pulled.report(document.uri, diagnose(checkedText(document)), params.previousResultId);
    },
  ),
);

connection.onHover(
  guard(
    'textDocument/hover',
    () => null,
    (params) => {
      checkDocumentParams('textDocument/hover', params, 'position');
      const document = documents.get(params.textDocument.uri);
      return document ? service().doHover(document, params.position) : null;
    },
  ),
);

connection.onCompletion(
  guard(
    'textDocument/completion',
    () => null,
    (params) => {
      checkDocumentParams('textDocument/completion', params, 'position');
      const document = documents.get(params.textDocument.uri);
      return document ? service().doComplete(document, params.position) : null;
    },
  ),
);

connection.onDocumentSymbol(
  guard(
    'textDocument/documentSymbol',
    () => [],
    (params) => {
      checkDocumentParams('textDocument/documentSymbol', params);
      const document = documents.get(params.textDocument.uri);
      return document ? service().findDocumentSymbols(document) : [];
    },
  ),
);

connection.onFoldingRanges(
  guard(
    'textDocument/foldingRange',
    () => [],
    (params) => {
      checkDocumentParams('textDocument/foldingRange', params);
      const document = documents.get(params.textDocument.uri);
      return document ? service().getFoldingRanges(document) : [];
    },
  ),
);

/** Versioned edits when the client takes them (a stale fix is refused); plain changes otherwise. */
function forClient(actions: CodeAction[]): CodeAction[] {
  if (documentChangesSupport) return actions;
  return actions.map((action) => {
    const documentChanges = action.edit?.documentChanges;
    // Only text edits can become plain changes; an edit that creates a file stays as it is.
    if (!documentChanges || documentChanges.some((c) => !('edits' in c))) return action;
    const changes: Record<string, TextEdit[]> = {};
    for (const change of documentChanges as TextDocumentEdit[]) changes[change.textDocument.uri] = change.edits as TextEdit[];
    return { ...action, edit: { changes } };
  });
}

connection.onCodeAction(
  guard(
    'textDocument/codeAction',
    () => [],
    (params) => {
      checkDocumentParams('textDocument/codeAction', params, 'range');
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const only = params.context?.only;
      const quickFixes = !only || only.some((k) => k === 'quickfix' || k === '') ? service().getCodeActions(document, params.range, rules, words) : [];
      return forClient([...quickFixes, ...workflowCodeActions(params, document, service(), workflowState)]);
    },
  ),
);

connection.onDefinition(
  guard(
    'textDocument/definition',
    () => null,
    (params) => {
      checkDocumentParams('textDocument/definition', params, 'position');
      const document = documents.get(params.textDocument.uri);
      return document ? service().findDefinition(document, params.position) : null;
    },
  ),
);

/** The text of a read-only catalog view (`imr-catalog:` URI), for the client's content provider. */
connection.onRequest(
  'imrLint/catalogDocument',
  guard(
    'imrLint/catalogDocument',
    () => null,
    (params: { uri: string }) => {
      checkCatalogParams('imrLint/catalogDocument', params);
      return service().getCatalogDocument(params.uri) ?? null;
    },
  ),
);

/**
 * Document sync through a guard: a didOpen without uri, version or text, and a didChange for a
 * document that is not open, for a version not newer than the one held, or with malformed
 * changes are refused (logged without text), so the server's copy never silently diverges.
 */
const refused = (what: string, reason: string) => connection.console.warn(`imr-lint: ${what} refused: ${reason}.`);
const syncedConnection = {
  onWillSaveTextDocument: connection.onWillSaveTextDocument.bind(connection),
  onWillSaveTextDocumentWaitUntil: connection.onWillSaveTextDocumentWaitUntil.bind(connection),
  onDidSaveTextDocument: connection.onDidSaveTextDocument.bind(connection),
  onDidOpenTextDocument: (handler: (p: never) => void) =>
    connection.onDidOpenTextDocument(
      guard(
        'textDocument/didOpen',
        () => undefined,
        (params) => {
          if (!validOpen(params)) return refused('textDocument/didOpen', 'it needs a uri, a whole version and the text');
          handler(params as never);
        },
      ),
    ),
  onDidChangeTextDocument: (handler: (p: never) => void) =>
    connection.onDidChangeTextDocument(
      guard(
        'textDocument/didChange',
        () => undefined,
        (params) => {
          const reason = refuseChange(params, documents.get((params as { textDocument?: { uri?: string } })?.textDocument?.uri ?? '')?.version);
          if (reason) return refused('textDocument/didChange', reason);
          handler(params as never);
          idleScavenge.afterEdit();
          idleReduce.afterEdit();
        },
      ),
    ),
  onDidCloseTextDocument: (handler: (p: never) => void) =>
    connection.onDidCloseTextDocument(
      guard(
        'textDocument/didClose',
        () => undefined,
        (params) => handler(params as never),
      ),
    ),
} as unknown as Connection;
documents.listen(syncedConnection);
connection.listen();
