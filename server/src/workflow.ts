/**
 * The reviewer's and QA lead's workflow over LSP (issue 12), wired by main.ts:
 *  - fix all: the `source.fixAll.imr-lint` code action (editor.codeActionsOnSave) and the
 *    `imrLint/fixAll` request behind the command "IMR Lint: Fix all auto-fixable problems";
 *  - the "Add 'X' to the workspace word list" quick fix on drug-misspelling diagnostics;
 *  - "Check all letters in the workspace" (`imrLint/checkWorkspace`) with work-done progress;
 *  - `imrLint/status` for the language status item, `imrLint/looksLikeLetter` for the client's
 *    plain-text switch (the client shares no source with the server).
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { CodeAction, CodeActionKind, type Diagnostic } from 'vscode-languageserver-types';
import type { CodeActionParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, looksLikeLetter, RULES } from './service';
import type { AcceptedWords, LanguageService, ResolvedRules } from './service';
import { addWordEdit } from './word-list';
import { WorkspaceCheck } from './workspace-check';

export const CONFIG_FILE = '.imr-lint.json';
const MISSPELLING_RULE = 'IMR028';

export interface WorkflowState {
  rules(): ResolvedRules;
  words(): AcceptedWords;
  /** Workspace folder URIs. */
  folders(): readonly string[];
  /** The .imr-lint.json in use, if any (a path). */
  configFile(): string | undefined;
  /** Which settings are set in the editor (for the status item). */
  settingsInUse(): boolean;
  runMode(): 'onType' | 'onSave';
  docsDir: string;
}

export interface StatusInfo {
  activeRules: number;
  totalRules: number;
  /** Where the configuration comes from, in words. */
  source: string;
  /** The .imr-lint.json in use (a file URI), if any. */
  configUri?: string;
  /** Where a new .imr-lint.json would go (the first workspace folder), if there is a folder on disk. */
  newConfigUri?: string;
  ruleIndexUri: string;
  run: 'onType' | 'onSave';
  words: number;
}

/** The word a misspelling diagnostic points at (as written in the letter). */
function wordOf(document: TextDocument, diagnostic: Diagnostic): string {
  return document.getText(diagnostic.range).trim();
}

function folderPathOf(uri: string, folders: readonly string[]): string | undefined {
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    return undefined;
  }
  const dirs = folders.flatMap((f) => {
    try {
      return [fileURLToPath(f)];
    } catch {
      return [];
    }
  });
  return dirs.find((dir) => !path.relative(dir, file).startsWith('..')) ?? dirs[0];
}

export function registerWorkflow(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: () => LanguageService,
  state: WorkflowState,
): WorkspaceCheck {
  const check = new WorkspaceCheck({
    lint: (uri, text) => {
      const diagnostics = service().doValidation({ uri, version: -1, getText: () => text }, state.rules(), state.words());
      service().forget(uri);
      return diagnostics;
    },
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    isOpen: (uri) => documents.get(uri) !== undefined,
  });

  connection.onRequest('imrLint/fixAll', (params: { uri: string; version?: number }) => {
    const document = documents.get(params.uri);
    if (!document || (params.version !== undefined && params.version !== document.version)) return null;
    const result = service().fixAll(document, state.rules(), state.words());
    return { version: document.version, edits: result.edits, fixed: result.fixed.length, refused: result.refused ?? null };
  });

  connection.onRequest('imrLint/checkWorkspace', async () => {
    const reporter = await connection.window.createWorkDoneProgress();
    let cancelled = false;
    reporter.token.onCancellationRequested(() => (cancelled = true));
    reporter.begin('IMR Lint: checking the letters of the workspace', 0, 'Finding letters ...', true);
    return check.run(state.folders(), {
      report: (percentage, message) => reporter.report(percentage, message),
      get cancelled() {
        return cancelled || reporter.token.isCancellationRequested;
      },
      done: () => reporter.done(),
    });
  });

  connection.onRequest('imrLint/looksLikeLetter', (params: { text: string }) => looksLikeLetter(params.text ?? ''));

  connection.onRequest('imrLint/status', (): StatusInfo => {
    const rules = state.rules();
    const activeRules = RULES.filter((r) => rules.get(r.id) !== 'off').length;
    const file = state.configFile();
    const parts = [file ? CONFIG_FILE : undefined, state.settingsInUse() ? 'settings (imrLint.rules, imrLint.words)' : undefined].filter(Boolean);
    const firstFolder = folderPathOf(state.folders()[0] ?? '', state.folders());
    return {
      activeRules,
      totalRules: RULES.length,
      source: parts.length ? parts.join(' + ') : 'defaults (no .imr-lint.json, no settings)',
      configUri: file ? pathToFileURL(file).href : undefined,
      newConfigUri: firstFolder ? pathToFileURL(path.join(firstFolder, CONFIG_FILE)).href : undefined,
      ruleIndexUri: pathToFileURL(path.join(state.docsDir, 'README.md')).href,
      run: state.runMode(),
      words: state.words().size,
    };
  });

  return check;
}

/** The workflow's code actions for a request: fix-all (source kinds) and add-word (quick fixes). */
export function workflowCodeActions(params: CodeActionParams, document: TextDocument, service: LanguageService, state: WorkflowState): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const wantsFixAll = only?.some((k) => k === CodeActionKind.Source || k === CodeActionKind.SourceFixAll || k === FIX_ALL_KIND) ?? false;
  if (wantsFixAll) {
    const action = service.getFixAllAction(document, state.rules(), state.words());
    if (action) actions.push(action);
  }
  const wantsQuickFix = !only || only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty);
  if (wantsQuickFix) {
    const folder = folderPathOf(document.uri, state.folders());
    if (folder) {
      const file = state.configFile() ?? path.join(folder, CONFIG_FILE);
      for (const diagnostic of params.context.diagnostics.filter((d) => d.code === MISSPELLING_RULE && d.source === 'imr-lint')) {
        const word = wordOf(document, diagnostic);
        if (!word) continue;
        let text: string | undefined;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch {
          text = undefined;
        }
        const edit = addWordEdit(pathToFileURL(file).href, text, word);
        if (!edit) continue;
        const action = CodeAction.create(`Add '${word}' to the workspace word list`, edit, CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
  }
  return actions;
}
