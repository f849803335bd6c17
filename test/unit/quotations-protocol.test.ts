/**
 * Quotations through the built server (dist/server.js) over stdio, as an editor sees them: the
 * misquotation diagnostic, its quick fix applied as the client would (the exact quotation is
 * back and re-checking reports nothing), and quotation completion with its documentation.
 */
import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { CodeAction, CompletionList, Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { repoRoot } from '../util';
import { editsOf } from '../edits';

const serverPath = path.join(repoRoot, 'dist', 'server.js');
const fixturePath = path.join(repoRoot, 'test', 'fixtures', 'rules', 'misquoted-wording', 'drug-name-added-word-changed.imr');
const raw = fs.readFileSync(fixturePath, 'utf8');
const letter = raw.slice(0, raw.indexOf('\n--- expect\n') + 1);
const uri = pathToFileURL(path.join(repoRoot, 'test', 'fixtures', 'quotations-protocol.imr')).href;

describe('quotations over the language server protocol', function () {
  let child: ChildProcess;
  let connection: ProtocolConnection;
  let document = TextDocument.create(uri, 'imr', 1, letter);

  before(async () => {
    if (!fs.existsSync(serverPath)) throw new Error('dist/server.js is missing: run npm run build');
    child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification('textDocument/publishDiagnostics', () => undefined);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onRequest('workspace/configuration', () => [{}]);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onNotification('window/showMessage', () => undefined);
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
    });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'imr', version: 1, text: letter } });
  });

  after(async () => {
    if (!connection) return;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await exited;
    connection.dispose();
  });

  const pull = async () =>
    ((await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items.filter((d) =>
      /^IMR03/.test(String(d.code)),
    );

  it('reports the misquotations; each preferred quick fix restores the source words, and re-checking reports nothing', async () => {
    let diagnostics = await pull();
    assert.deepStrictEqual(
      diagnostics.map((d) => d.code),
      ['IMR031', 'IMR031'],
    );
    for (let round = 0; diagnostics.length && round < 4; round++) {
      const diagnostic = diagnostics[0];
      const actions = (await connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })) as CodeAction[];
      const preferred = actions.find((a) => a.isPreferred && a.diagnostics?.some((d) => d.code === diagnostic.code));
      assert.ok(preferred, `a preferred fix for ${diagnostic.message}`);
      const edits = editsOf(preferred!, uri);
      const version = document.version + 1;
      document = TextDocument.update(
        document,
        edits.map((e) => ({ range: e.range, text: e.newText })),
        version,
      );
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
      });
      diagnostics = await pull();
    }
    assert.deepStrictEqual(diagnostics, []);
    const text = document.getText().replace(/\s+/g, ' ');
    assert.ok(text.includes('"benzodiazepines are not recommended for long-term use because long-term efficacy is unproven'), 'the drug name is gone');
    assert.ok(text.includes('evidence of nerve dysfunction should be obtained before ordering an imaging study.'), "'study' is back");
  });

  it('completes a quotation in the rationale, the fitting one first, with its source in the documentation', async () => {
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('Decision rationale:'));
    const list = (await connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: 'Decision rationale: '.length },
    })) as CompletionList;
    const first = [...list.items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)))[0];
    assert.strictEqual(first.label, 'Benzodiazepines');
    assert.match((first.documentation as { value: string }).value, /Source: CPMTG 2009 p\.24/);
    assert.match(first.textEdit!.newText, /^"Not recommended for long-term use because/);
  });
});
