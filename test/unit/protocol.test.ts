/**
 * Drives the built server (dist/server.js) over stdio as a real LSP client would: initialize,
 * didOpen, didChange, diagnostics (pushed and pulled), hover, symbols, code actions, completion,
 * settings, shutdown.
 */
import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { repoRoot } from '../util';
import { editsOf } from '../edits';
import { stopServer, waitFor } from '../harness';

const serverPath = path.join(repoRoot, 'dist', 'server.js');
const examplePath = path.join(repoRoot, 'examples', 'defective-letter.imr');
const uri = pathToFileURL(examplePath).href;
const exampleText = fs.readFileSync(examplePath, 'utf8');

interface Session {
  child: ChildProcess;
  connection: ProtocolConnection;
  published: PublishDiagnosticsParams[];
  settings: unknown;
}

async function startSession(capabilities: object, settings: unknown = {}): Promise<Session> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const session: Session = { child, connection, published: [], settings };
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    session.published.push(p);
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('window/showMessage', () => undefined);
  connection.onRequest('workspace/configuration', () => [session.settings]);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(path.join(repoRoot, 'examples')).href, capabilities });
  await connection.sendNotification('initialized', {});
  return session;
}

const stopSession = stopServer;

function open(s: Session, text = exampleText, version = 1): Promise<void> {
  return s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'imr', version, text } });
}

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
const overturnLine = exampleText.split('\n').findIndex((l) => l.endsWith(': Overturn'));

describe('language server over stdio (push diagnostics)', function () {
  let s: Session;
  before(async function () {
    if (!fs.existsSync(serverPath)) throw new Error('dist/server.js is missing: run npm run build');
    s = await startSession({ textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } } });
    await open(s);
  });
  after(async () => {
    if (s) assert.strictEqual(await stopSession(s), 0, 'the server exits cleanly after shutdown/exit');
  });

  it('publishes the diagnostics of the opened letter, with codes, sources and offline doc links', async () => {
    const p = await waitFor('diagnostics for version 1', () => s.published.find((x) => x.uri === uri && x.version === 1));
    assert.deepStrictEqual(codes(p.diagnostics), ['IMR011', 'IMR001', 'IMR005', 'IMR006', 'IMR009']);
    for (const d of p.diagnostics) {
      assert.strictEqual(d.source, 'imr-lint');
      const docs = fileURLToPath(d.codeDescription!.href);
      assert.ok(fs.existsSync(docs), `the rule doc exists: ${docs}`);
    }
    assert.deepStrictEqual(p.diagnostics[2].range, { start: { line: overturnLine, character: 26 }, end: { line: overturnLine, character: 34 } });
  });

  it('after a burst of edits publishes in version order and ends on the last version', async () => {
    const before = s.published.length;
    for (let v = 2; v <= 6; v++) {
      const edit = v < 6 ? ' ' : 'ed';
      const at = v < 6 ? { line: 0, character: 34 } : { line: overturnLine, character: 34 };
      await s.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: at, end: at }, text: edit }],
      });
    }
    const last = await waitFor('diagnostics for version 6', () => s.published.find((x) => x.uri === uri && x.version === 6));
    const versions = s.published.slice(before).map((x) => x.version!);
    assert.deepStrictEqual(
      [...versions].sort((a, b) => a - b),
      versions,
      'never an older version after a newer one',
    );
    assert.ok(versions.length < 5, `a burst is not analysed once per keystroke (published ${versions.join(',')})`);
    assert.deepStrictEqual(codes(last.diagnostics), ['IMR011', 'IMR001', 'IMR006', 'IMR009'], 'the fixed decision is no longer reported');
  });

  it('answers hover on a heading, the outline, and folding', async () => {
    const issuesLine = exampleText.split('\n').findIndex((l) => l.includes('IMR ISSUES, DECISIONS AND RATIONALES'));
    const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: issuesLine, character: 30 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /IMR issues, decisions and rationales/);
    const symbols = (await s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepStrictEqual(
      symbols.map((x) => x.name),
      ['Header', 'HOW THE IMR FINAL DETERMINATION WAS MADE', 'IMR ISSUES, DECISIONS AND RATIONALES'],
    );
    assert.deepStrictEqual(
      symbols[2].children!.map((x) => x.name),
      ['Item 1: Cyclobenzaprine 10mg #90', 'Item 2: Chiropractic care, 8 sessions', 'Item 3: Home interferential unit'],
    );
    const folds = (await s.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as Array<{ startLine: number }>;
    assert.ok(folds.some((f) => f.startLine === issuesLine));
  });
});

describe('language server over stdio (pull diagnostics, settings, quick fixes)', function () {
  let s: Session;
  before(async () => {
    s = await startSession(
      {
        textDocument: { diagnostic: { dynamicRegistration: false } },
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
      },
      { rules: {} },
    );
    await open(s);
  });
  after(async () => {
    if (s) assert.strictEqual(await stopSession(s), 0);
  });

  const pull = async () =>
    ((await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items: Diagnostic[] }).items;

  it('returns the diagnostics on request and pushes none', async () => {
    assert.deepStrictEqual(codes(await pull()), ['IMR011', 'IMR001', 'IMR005', 'IMR006', 'IMR009']);
    assert.deepStrictEqual(s.published, []);
  });

  it('offers the preferred quick fix, which removes its diagnostic once applied', async () => {
    const diagnostic = (await pull()).find((d) => d.code === 'IMR005')!;
    const actions = (await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.strictEqual(preferred.title, "Change 'Overturn' to 'Overturned'");
    const edits = editsOf(preferred, uri, 1);
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    assert.deepStrictEqual(codes(await pull()), ['IMR011', 'IMR001', 'IMR006', 'IMR009']);
  });

  it('completes the decision after an item colon', async () => {
    const list = (await s.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: overturnLine, character: 26 },
    })) as CompletionList;
    assert.deepStrictEqual(
      list.items.map((i) => i.label),
      ['Upheld', 'Overturned'],
    );
  });

  it('hovers a cited section, goes to its catalog entry and serves that read-only view', async () => {
    const lines = exampleText.split('\n');
    const line = lines.findIndex((l) => l.startsWith('Cyclobenzaprine (Flexeril), Muscle relaxants'));
    const position = { line, character: 5 };
    const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as Hover;
    assert.match((hover.contents as { value: string }).value, /\*\*Cyclobenzaprine \(Flexeril\)\*\*, Chronic Pain Medical Treatment Guidelines 2016/);
    const location = (await s.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position })) as {
      uri: string;
      range: { start: { line: number } };
    };
    assert.strictEqual(location.uri, 'imr-catalog:/parts/cpmtg.md');
    const text = (await s.connection.sendRequest('imrLint/catalogDocument', { uri: location.uri })) as string;
    assert.match(text, /^# Chronic Pain Medical Treatment Guidelines/);
    assert.match(text.split('\n')[location.range.start.line], /^- Cyclobenzaprine \(Flexeril\) \(unconfirmed/);
  });

  it('completes guideline parts after "Decision based on MTUS " and sections inside "Section(s):"', async () => {
    const lines = exampleText.split('\n');
    const line = lines.findIndex((l) => l.startsWith('Claims Administrator guideline: Decision based on MTUS Chronic Pain'));
    const character = lines[line].indexOf('MTUS ') + 'MTUS '.length;
    const parts = (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as CompletionList;
    assert.ok(parts.items.some((i) => i.label === 'Chronic Pain Medical Treatment 2016'));
    assert.ok(parts.items.some((i) => i.label === 'Low Back Complaints 2004'));
    const sectionLine = lines.findIndex((l) => l.startsWith('Cyclobenzaprine (Flexeril), Muscle relaxants'));
    const sections = (await s.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: sectionLine, character: 3 },
    })) as CompletionList;
    const first = [...sections.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0];
    assert.ok(['Cyclobenzaprine (Flexeril)', 'Muscle relaxants (for pain)'].includes(String(first.label)), `the item's drug first, got ${first.label}`);
  });

  it('applies rule settings from the client (turning a rule off removes its diagnostics)', async () => {
    s.settings = { rules: { 'header-invalid-date': 'off', IMR001: 'warning' } };
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = await (async () => {
      for (let i = 0; i < 200; i++) {
        const got = await pull();
        if (!got.some((d) => d.code === 'IMR011')) return got;
        await new Promise((r) => setTimeout(r, 20));
      }
      return pull();
    })();
    assert.deepStrictEqual(codes(after), ['IMR001', 'IMR006', 'IMR009']);
    assert.strictEqual(after[0].severity, 2, 'IMR001 now a warning');
  });

  it('answers "unchanged" (LSP resultId) while the diagnostics stay the same, in full once they change', async () => {
    const other = uri.replace('defective-letter', 'defective-letter-pull');
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'imr', version: 1, text: exampleText } });
    type Report = { kind: string; resultId?: string; items?: Diagnostic[] };
    const report = async (previousResultId?: string) =>
      (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: other }, previousResultId })) as Report;
    const change = (version: number, line: number, character: number, text: string) =>
      s.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: other, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }],
      });
    const first = await report();
    assert.strictEqual(first.kind, 'full');
    assert.ok(first.resultId && first.items && first.items.length > 0);
    assert.deepStrictEqual(await report(first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // A word typed at the end of a rationale line that has no diagnostic: nothing changes.
    const line = exampleText.split('\n').findIndex((l) => l.startsWith('Decision rationale: The MTUS supports cyclobenzaprine'));
    assert.ok(!first.items!.some((d) => d.range.start.line <= line && d.range.end.line >= line), 'no diagnostic on the edited line');
    await change(2, line, exampleText.split('\n')[line].length, ' indeed');
    assert.deepStrictEqual(await report(first.resultId), { kind: 'unchanged', resultId: first.resultId });
    assert.strictEqual((await report('an id this server never gave')).kind, 'full', 'an unknown id gets the full list');
    // A line inserted above the later items moves their diagnostics: the full list, under a new id.
    await change(3, line, 0, '\n');
    const moved = await report(first.resultId);
    assert.strictEqual(moved.kind, 'full');
    assert.notStrictEqual(moved.resultId, first.resultId);
    assert.notDeepStrictEqual(moved.items, first.items);
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: other } });
  });
});
