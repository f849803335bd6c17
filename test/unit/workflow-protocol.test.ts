/**
 * The workflow over the language server protocol (dist/server.js over stdio): fix-all as a code
 * action and a request, the add-word quick fix, the workspace check with work-done progress and
 * file watching, imrLint.run = onSave, the status request and the plain-text detection request.
 */
import * as assert from 'assert';
import { editsOf } from '../edits';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyFixes } from '../../server/src/service';
import { repoRoot } from '../util';
import { waitFor } from '../harness';

const serverPath = path.join(repoRoot, 'dist', 'server.js');
const defective = fs.readFileSync(path.join(repoRoot, 'examples', 'defective-letter.imr'), 'utf8');
const clean = fs.readFileSync(path.join(repoRoot, 'examples', 'clean-letter.imr'), 'utf8');
const misspelled = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'rules', 'drug-misspelling', 'misspelled-names.imr'), 'utf8').split('--- expect')[0];

interface Session {
  child: ChildProcess;
  connection: ProtocolConnection;
  published: PublishDiagnosticsParams[];
  progress: Array<{ token: unknown; value: { kind: string; percentage?: number; message?: string; cancellable?: boolean } }>;
  settings: Record<string, unknown>;
}

async function startSession(folder: string, settings: Record<string, unknown> = {}, onCreateProgress?: (s: Session, token: unknown) => void): Promise<Session> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const session: Session = { child, connection, published: [], progress: [], settings };
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void session.published.push(p));
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('window/showMessage', () => undefined);
  connection.onNotification('$/progress', (p: Session['progress'][number]) => void session.progress.push(p));
  connection.onRequest('window/workDoneProgress/create', (p: { token: unknown }) => {
    onCreateProgress?.(session, p.token);
    return null;
  });
  connection.onRequest('workspace/configuration', () => [session.settings]);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'letters' }],
    capabilities: {
      textDocument: { publishDiagnostics: { versionSupport: true } },
      window: { workDoneProgress: true },
      workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
    },
  });
  await connection.sendNotification('initialized', {});
  return session;
}

async function stopSession(s: Session): Promise<void> {
  const exited = new Promise<void>((resolve) => s.child.on('exit', () => resolve()));
  await s.connection.sendRequest('shutdown');
  await s.connection.sendNotification('exit');
  await exited;
  s.connection.dispose();
}

const lastFor = (s: Session, uri: string) => [...s.published].reverse().find((p) => p.uri === uri);

/**
 * Waits until the server has applied the client's settings (they are asked for after
 * initialized, and answered later): polls imrLint/status instead of sleeping a fixed time.
 */
async function settingsApplied(
  session: { connection: { sendRequest(method: string): Promise<unknown> } },
  applied: (status: { run: string; words: number }) => boolean,
): Promise<void> {
  const deadline = Date.now() + 10000;
  for (;;) {
    const status = (await session.connection.sendRequest('imrLint/status')) as { run: string; words: number };
    if (applied(status)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for the settings to apply: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('workflow over the language server protocol', function () {
  let dir: string;
  let s: Session | undefined;
  beforeEach(function () {
    if (!fs.existsSync(serverPath)) throw new Error('dist/server.js is missing: run npm run build');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-lint-ws-'));
  });
  afterEach(async () => {
    if (s) await stopSession(s);
    s = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fix-all: a source.fixAll.imr-lint code action and the imrLint/fixAll request give the same fixed text', async () => {
    s = await startSession(dir);
    const uri = pathToFileURL(path.join(dir, 'a.imr')).href;
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'imr', version: 1, text: defective } });
    const diagnostics = (await waitFor('diagnostics', () => lastFor(s!, uri))).diagnostics;
    const actions = (await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.imr-lint'] },
    })) as CodeAction[];
    assert.deepStrictEqual(
      actions.map((a) => [a.kind, a.title]),
      [['source.fixAll.imr-lint', 'Fix all auto-fixable problems']],
    );
    const viaAction = applyFixes(defective, editsOf(actions[0], uri)).text;
    const viaRequest = (await s.connection.sendRequest('imrLint/fixAll', { uri, version: 1 })) as { edits: TextEdit[]; fixed: number; version: number };
    assert.strictEqual(viaRequest.fixed, 2);
    assert.strictEqual(applyFixes(defective, viaRequest.edits).text, viaAction);
    assert.ok(viaAction.includes('CLINICAL CASE SUMMARY'));
    // A quick-fix request does not return fix-all; a stale version gets nothing.
    const quick = (await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[1].range,
      context: { diagnostics: [diagnostics[1]], only: ['quickfix'] },
    })) as CodeAction[];
    assert.ok(quick.length > 0 && quick.every((a) => a.kind === 'quickfix'));
    assert.strictEqual(await s.connection.sendRequest('imrLint/fixAll', { uri, version: 99 }), null);
  });

  it('add word: the quick fix creates .imr-lint.json, then appends to its list; the server honours it', async () => {
    s = await startSession(dir);
    const uri = pathToFileURL(path.join(dir, 'm.imr')).href;
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'imr', version: 1, text: misspelled } });
    const ds = (await waitFor('misspellings', () => lastFor(s!, uri))).diagnostics.filter((d) => d.code === 'IMR028');
    assert.strictEqual(ds.length, 3);
    const ask = async (d: Diagnostic) =>
      (
        (await s!.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[]
      ).find((a) => a.title.startsWith('Add '))!;
    const configPath = path.join(dir, '.imr-lint.json');
    const configUri = pathToFileURL(configPath).href;
    const first = await ask(ds[0]);
    assert.strictEqual(first.title, "Add 'Vallium' to the workspace word list");
    const changes = (first.edit as WorkspaceEdit).documentChanges!;
    assert.deepStrictEqual(changes[0], { kind: 'create', uri: configUri, options: { ignoreIfExists: true } });
    const created = (changes[1] as { edits: TextEdit[] }).edits[0].newText;
    assert.deepStrictEqual(JSON.parse(created), { words: ['Vallium'] });
    fs.writeFileSync(configPath, created);
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 1 }] });
    const after = await waitFor('Vallium accepted', () => {
      const p = lastFor(s!, uri);
      return p && !p.diagnostics.some((d) => String(d.message).includes("'Vallium'")) ? p : undefined;
    });
    const next = after.diagnostics.find((d) => d.code === 'IMR028')!;
    const second = await ask(next);
    const edit = (second.edit as WorkspaceEdit).documentChanges![0] as { textDocument: { uri: string }; edits: TextEdit[] };
    assert.strictEqual(edit.textDocument.uri, configUri);
    const updated = applyFixes(created, edit.edits).text;
    assert.deepStrictEqual(JSON.parse(updated), { words: ['Vallium', 'Ketaprofen'] });
    const status = (await s.connection.sendRequest('imrLint/status')) as { words: number; configUri: string; source: string };
    assert.strictEqual(status.words, 1);
    assert.strictEqual(status.configUri, configUri);
    assert.strictEqual(status.source, '.imr-lint.json');
  });

  it('checks the whole workspace with progress, publishing problems of closed letters only, and keeps them current', async () => {
    fs.writeFileSync(path.join(dir, 'one.imr'), defective);
    fs.writeFileSync(path.join(dir, 'two.imr.txt'), clean);
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'plain-letter.txt'), defective);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'Shopping list: milk, eggs.\n');
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'node_modules', 'skip.imr'), defective);
    fs.writeFileSync(path.join(dir, 'open.imr'), defective);
    s = await startSession(dir);
    const openUri = pathToFileURL(path.join(dir, 'open.imr')).href;
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: openUri, languageId: 'imr', version: 1, text: clean } });
    await waitFor('open letter checked', () => lastFor(s!, openUri));
    const summary = (await s.connection.sendRequest('imrLint/checkWorkspace')) as { letters: number; problems: number; cancelled: boolean };
    assert.deepStrictEqual(summary, { letters: 4, problems: 10, cancelled: false });
    const oneUri = pathToFileURL(path.join(dir, 'one.imr')).href;
    const uris = new Set(s.published.map((p) => p.uri));
    assert.ok(
      uris.has(oneUri) &&
        uris.has(pathToFileURL(path.join(dir, 'sub', 'plain-letter.txt')).href) &&
        uris.has(pathToFileURL(path.join(dir, 'two.imr.txt')).href),
    );
    assert.ok(!uris.has(pathToFileURL(path.join(dir, 'notes.txt')).href) && !uris.has(pathToFileURL(path.join(dir, 'node_modules', 'skip.imr')).href));
    assert.deepStrictEqual(lastFor(s, openUri)!.diagnostics, [], 'the open letter keeps the editor text diagnostics (its disk text is not published)');
    assert.strictEqual(lastFor(s, oneUri)!.diagnostics.length, 5);
    const kinds = s.progress.map((p) => p.value.kind);
    assert.strictEqual(kinds[0], 'begin');
    assert.strictEqual(s.progress[0].value.cancellable, true);
    assert.strictEqual(kinds[kinds.length - 1], 'end');
    assert.ok(s.progress.some((p) => p.value.kind === 'report' && p.value.percentage === 100 && p.value.message === '4 of 4 letters'));
    // Kept current: the file is fixed on disk, then deleted.
    const before = s.published.length;
    fs.writeFileSync(path.join(dir, 'one.imr'), clean);
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: oneUri, type: 2 }] });
    await waitFor('the changed file re-checked', () => s!.published.slice(before).find((p) => p.uri === oneUri && p.diagnostics.length === 0));
    fs.writeFileSync(path.join(dir, 'one.imr'), defective);
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: oneUri, type: 2 }] });
    await waitFor('problems back', () => (lastFor(s!, oneUri)!.diagnostics.length === 5 ? true : undefined));
    fs.rmSync(path.join(dir, 'one.imr'));
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: oneUri, type: 3 }] });
    await waitFor('deleted file cleared', () => (lastFor(s!, oneUri)!.diagnostics.length === 0 ? true : undefined));
    // Opening a checked letter hands it to the editor; closing it publishes its file again.
    const twoUri = pathToFileURL(path.join(dir, 'sub', 'plain-letter.txt')).href;
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: twoUri, languageId: 'imr', version: 1, text: clean } });
    await waitFor('open clears', () => (lastFor(s!, twoUri)!.diagnostics.length === 0 ? true : undefined));
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: twoUri } });
    await waitFor('closed letter published from disk', () => (lastFor(s!, twoUri)!.diagnostics.length === 5 ? true : undefined));
  });

  it('stops the workspace check when the progress is cancelled', async () => {
    for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(dir, `letter-${String(i).padStart(2, '0')}.imr`), defective);
    s = await startSession(dir, {}, (session, token) => {
      // Cancel as soon as the first letters are reported.
      const timer = setInterval(() => {
        if (session.progress.some((p) => p.value.kind === 'report' && /^\d+ of/.test(p.value.message ?? ''))) {
          clearInterval(timer);
          void session.connection.sendNotification('window/workDoneProgress/cancel', { token });
        }
      }, 1);
    });
    const summary = (await s.connection.sendRequest('imrLint/checkWorkspace')) as { letters: number; cancelled: boolean };
    assert.strictEqual(summary.cancelled, true);
    assert.ok(summary.letters < 40, `checked ${summary.letters} letters after the cancel`);
    assert.strictEqual(s.progress[s.progress.length - 1].value.kind, 'end');
  });

  it('imrLint.run = onSave checks the saved text only', async () => {
    s = await startSession(dir, { run: 'onSave' });
    const uri = pathToFileURL(path.join(dir, 'a.imr')).href;
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'imr', version: 1, text: defective } });
    await waitFor('first check on open', () => lastFor(s!, uri));
    await settingsApplied(s, (status) => status.run === 'onSave');
    const line = defective.split('\n').findIndex((l) => l.endsWith(': Overturn'));
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 34 }, end: { line, character: 34 } }, text: 'ed' }],
    });
    const countBefore = s.published.filter((p) => p.uri === uri && p.version === 2).length;
    await s.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const saved = await waitFor('checked on save', () => [...s!.published].reverse().find((p) => p.uri === uri && p.version === 2));
    assert.strictEqual(countBefore, 0, 'a change was checked before it was saved');
    assert.ok(!saved.diagnostics.some((d) => d.code === 'IMR005'));
  });

  it('honours the setting imrLint.words', async () => {
    s = await startSession(dir, { words: ['vallium', 'NEURONTEN'] });
    const uri = pathToFileURL(path.join(dir, 'm.imr')).href;
    await settingsApplied(s, (status) => status.words === 2);
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'imr', version: 1, text: misspelled } });
    const p = await waitFor('settings words applied', () => {
      const last = lastFor(s!, uri);
      return last && last.diagnostics.filter((d) => d.code === 'IMR028').length === 1 ? last : undefined;
    });
    assert.ok(String(p.diagnostics.find((d) => d.code === 'IMR028')!.message).includes("'Ketaprofen'"));
    const status = (await s.connection.sendRequest('imrLint/status')) as { words: number; source: string };
    assert.strictEqual(status.words, 2);
    assert.strictEqual(status.source, 'settings (imrLint.rules, imrLint.words)');
  });

  it('answers imrLint/status and imrLint/looksLikeLetter', async () => {
    fs.writeFileSync(path.join(dir, '.imr-lint.json'), JSON.stringify({ rules: { IMR029: 'off', 'missing-space': false } }));
    s = await startSession(dir);
    const status = (await s.connection.sendRequest('imrLint/status')) as { activeRules: number; totalRules: number; ruleIndexUri: string; run: string };
    assert.strictEqual(status.totalRules, 33);
    assert.strictEqual(status.activeRules, 31);
    assert.ok(status.ruleIndexUri.endsWith('/docs/rules/README.md'));
    assert.strictEqual(status.run, 'onType');
    assert.strictEqual(await s.connection.sendRequest('imrLint/looksLikeLetter', { text: 'Case Number: CM16-0000001\n' }), true);
    assert.strictEqual(await s.connection.sendRequest('imrLint/looksLikeLetter', { text: 'Dear diary\n' }), false);
  });
});
