/**
 * The server under bad input (issue 13, docs/reliability.md): malformed frames end the process
 * with a clear message, invalid params give -32602, requests after shutdown give InvalidRequest,
 * a reused version with other text gives fresh results, stale edits are refused, quick fixes
 * are versioned and keep the document's line ending, and a huge paste does not stop the server.
 */
import * as assert from 'assert';
import { ChildProcess, fork, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { FrameError, FrameParser } from '../../server/src/transport';
import { applyFixes, getLanguageService } from '../../server/src/service';
import { readFixture, repoRoot } from '../util';
import { editsOf } from '../edits';
import { letterWithDates } from '../letters';
import { stopServer } from '../harness';

const serverPath = path.join(repoRoot, 'dist', 'server.js');
const defective = fs.readFileSync(path.join(repoRoot, 'examples', 'defective-letter.imr'), 'utf8');
const clean = fs.readFileSync(path.join(repoRoot, 'examples', 'clean-letter.imr'), 'utf8');
const uri = 'file:///robust/letter.imr';

function frame(body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'latin1'), bytes]);
}

const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

describe('server framing (FrameParser)', () => {
  it('reads frames split anywhere and several frames in one chunk', () => {
    const bytes = Buffer.concat([frame('{"a":1}'), frame('{"b":"\u00e9"}')]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const p = new FrameParser();
      const got = [...p.push(bytes.subarray(0, cut)), ...p.push(bytes.subarray(cut))];
      assert.deepStrictEqual(got, [{ a: 1 }, { b: '\u00e9' }], `cut at ${cut}`);
    }
  });

  it('keeps no bytes once every frame received is read (not even an empty view of a big one)', () => {
    const p = new FrameParser();
    const big = frame(JSON.stringify({ text: 'x'.repeat(1 << 20) }));
    assert.strictEqual(p.push(big.subarray(0, 1000)).length, 0);
    assert.strictEqual(p.push(big.subarray(1000)).length, 1);
    assert.strictEqual(p.heldBuffers, 0);
    assert.strictEqual(p.push(frame('{"a":1}')).length, 1);
    assert.strictEqual(p.heldBuffers, 0);
  });

  const cases: Array<[string, string | Buffer, RegExp]> = [
    ['a missing Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}', /no Content-Length/],
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}', /not a whole number/],
    ['a non-numeric Content-Length', 'Content-Length: ten\r\n\r\n{}', /not a whole number/],
    ['an LF-only header', 'Content-Length: 2\n\n{}', /line feed alone/],
    ['a too-short length', 'Content-Length: 5\r\n\r\n{"jsonrpc":"2.0","method":"x"}', /not valid JSON/],
    ['an endless header', 'X'.repeat(9000), /no end of header/],
  ];
  for (const [name, input, reason] of cases) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => new FrameParser().push(Buffer.from(input as string, 'latin1')),
        (e: unknown) => e instanceof FrameError && reason.test(e.message),
      );
    });
  }
});

describe('server process on a malformed frame', () => {
  const bad: Array<[string, Buffer]> = [
    ['missing Content-Length', Buffer.from(`Content-Type: application/vscode-jsonrpc\r\n\r\n${initialize}`)],
    ['negative Content-Length', Buffer.from(`Content-Length: -1\r\n\r\n${initialize}`)],
    ['non-numeric Content-Length', Buffer.from(`Content-Length: abc\r\n\r\n${initialize}`)],
    ['LF-only header', Buffer.from(`Content-Length: ${initialize.length}\n\n${initialize}`)],
    ['too-short length', Buffer.concat([Buffer.from(`Content-Length: 10\r\n\r\n${initialize}`), frame(initialize)])],
  ];
  for (const [name, bytes] of bad) {
    it(`exits with a clear message on stderr (${name}) instead of hanging`, async () => {
      const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const timer = setTimeout(() => child.kill(), 15000);
      child.stdin!.write(bytes);
      const code = await exited;
      clearTimeout(timer);
      assert.strictEqual(code, 1, 'exited by itself with status 1 (not killed by the timer)');
      assert.match(stderr, /imr-lint server: stopping: the editor sent a malformed message \(.+\)\. The editor restarts the server\./);
      assert.ok(!stderr.includes('jsonrpc'), 'the bytes received are not echoed');
    });
  }
});

interface Session {
  child: ChildProcess;
  connection: ProtocolConnection;
  published: PublishDiagnosticsParams[];
  stderr: string;
  logs: string[];
}

async function start(capabilities: object): Promise<Session> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const s: Session = { child, connection, published: [], stderr: '', logs: [] };
  child.stderr!.on('data', (d) => (s.stderr += d));
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void s.published.push(p));
  connection.onNotification('window/logMessage', (m: { message: string }) => void s.logs.push(m.message));
  connection.onNotification('window/showMessage', () => undefined);
  connection.onRequest('client/registerCapability', () => null);
  // No handler for workspace/diagnostic/refresh: the server must live with the error answer.
  connection.onRequest('workspace/configuration', () => [{}]);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities });
  await connection.sendNotification('initialized', {});
  return s;
}

const stop = stopServer;

async function errorOf(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: number; message: string };
  }
  throw new Error('the request succeeded');
}

const open = (s: Session, text: string, version: number, u = uri) =>
  s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'imr', version, text } });
const pull = async (s: Session, u = uri) =>
  ((await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } })) as { items: Diagnostic[] }).items;
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

describe('server under bad requests (pull diagnostics)', function () {
  let s: Session;
  before(async () => {
    s = await start({ textDocument: { diagnostic: {} }, workspace: { workspaceEdit: { documentChanges: true } } });
  });
  after(async () => {
    if (s && s.child.exitCode === null) s.child.kill();
  });

  it('a second didOpen reusing the version with other text gives fresh diagnostics', async () => {
    await open(s, defective, 1);
    assert.strictEqual((await pull(s)).length, 5);
    await open(s, clean, 1);
    assert.deepStrictEqual(await pull(s), []);
  });

  it('refuses a didChange for a version the server has not gone past, and one for a document not open', async () => {
    await open(s, clean, 3);
    const insert = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'X' };
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ ...insert, text: 'HEADER GARBAGE\n' }],
    });
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ ...insert, text: 'HEADER GARBAGE\n' }],
    });
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ range: null, text: 5 }] });
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.imr', version: 9 }, contentChanges: [insert] });
    assert.deepStrictEqual(await pull(s), [], 'the refused edits were not applied');
    // A newer version is applied.
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 4 },
      contentChanges: [{ range: { start: { line: 2, character: 22 }, end: { line: 2, character: 24 } }, text: '13' }],
    });
    assert.deepStrictEqual(codes(await pull(s)), ['IMR011']);
    assert.deepStrictEqual(await pull(s, 'file:///never-opened.imr'), []);
  });

  it('a null position or null params give -32602 (invalid params), not an internal error', async () => {
    await open(s, defective, 10);
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition']) {
      const e = await errorOf(s.connection.sendRequest(method, { textDocument: { uri }, position: null }));
      assert.strictEqual(e.code, -32602, method);
    }
    assert.strictEqual(
      (await errorOf(s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [] } }))).code,
      -32602,
    );
    assert.strictEqual((await errorOf(s.connection.sendRequest('imrLint/catalogDocument', null))).code, -32602);
    assert.strictEqual((await errorOf(s.connection.sendRequest('textDocument/documentSymbol', { textDocument: null }))).code, -32602);
    // Still serving.
    assert.strictEqual((await pull(s)).length, 5);
  });

  it('quick fixes are versioned documentChanges, so a stale fix is refused by the editor', async () => {
    await open(s, defective, 10);
    const diagnostic = (await pull(s)).find((d) => d.code === 'IMR005')!;
    const actions = (await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.strictEqual(preferred.edit!.changes, undefined);
    const change = preferred.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepStrictEqual(change.textDocument, { uri, version: 10 });
  });

  it('answers requests after shutdown with InvalidRequest, then exits 0 on exit', async () => {
    const exited = new Promise<number | null>((resolve) => s.child.on('exit', (code) => resolve(code)));
    await s.connection.sendRequest('shutdown');
    const e = await errorOf(s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }));
    assert.strictEqual(e.code, -32600);
    assert.match(e.message, /shut down/);
    assert.strictEqual((await errorOf(s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }))).code, -32600);
    await s.connection.sendNotification('exit');
    assert.strictEqual(await exited, 0);
    assert.ok(!s.stderr.includes('Case Number'), 'no letter text on stderr');
    assert.ok(!s.logs.some((m) => /Case Number|Cyclobenzaprine/.test(m)), 'no letter text in the log');
    assert.ok(!s.logs.some((m) => /unexpected failure/.test(m)), `no uncaught failure: ${s.logs.join(' | ')}`);
    assert.ok(
      s.logs.some((m) => /textDocument\/didChange refused: version 2 is not newer than the version the server holds \(3\)/.test(m)),
      'a refused edit is logged',
    );
    s.connection.dispose();
  });
});

describe('server under a bad initialize', function () {
  it('"params": null on the wire gives -32602 (invalid params), not -32603 (internal error)', async () => {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      let out = '';
      const answered = new Promise<string>((resolve) => child.stdout!.on('data', (d) => /\}$/.test((out += d)) && resolve(out)));
      child.stdin!.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: null })));
      const answer = JSON.parse((await answered).slice(out.indexOf('\r\n\r\n') + 4)) as { id: number; error: { code: number; message: string } };
      assert.strictEqual(answer.id, 1);
      assert.strictEqual(answer.error.code, -32602);
      assert.match(answer.error.message, /^initialize: the parameters must be an object/);
    } finally {
      child.kill();
    }
  });

  it('null params, params without capabilities or with bad workspace folders give -32602, then a good initialize is answered', async () => {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();
    try {
      for (const params of [null, 5, {}, { processId: null, rootUri: null, capabilities: null }, { capabilities: {}, workspaceFolders: [null] }]) {
        const e = await errorOf(connection.sendRequest('initialize', params));
        assert.strictEqual(e.code, -32602, JSON.stringify(params));
        assert.match(e.message, /^initialize: /);
      }
      const init = await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: null });
      assert.ok((init as { capabilities: object }).capabilities, 'initialized after the refused attempts');
      await connection.sendNotification('initialized', {});
      assert.strictEqual(await stop({ child, connection }), 0);
    } finally {
      if (child.exitCode === null) child.kill();
    }
  });
});

describe('server over node IPC (the transport VS Code uses)', function () {
  it('serves a letter, refuses requests after shutdown and exits 0', async () => {
    const child = fork(serverPath, ['--node-ipc'], { silent: true });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.onNotification('window/logMessage', () => undefined);
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    assert.strictEqual((await errorOf(connection.sendRequest('initialize', null))).code, -32602);
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { diagnostic: {} } } });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'imr', version: 1, text: defective } });
    const items = ((await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items;
    assert.strictEqual(items.length, 5);
    assert.strictEqual((await errorOf(connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: null }))).code, -32602);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await connection.sendRequest('shutdown');
    assert.strictEqual((await errorOf(connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }))).code, -32600);
    await connection.sendNotification('exit');
    assert.strictEqual(await exited, 0);
    connection.dispose();
  });
});

describe('server in push mode with a huge paste', function () {
  it('a rationale of 130,000 dates is analysed and published; the server keeps serving', async () => {
    const s = await start({ textDocument: { publishDiagnostics: { versionSupport: true } } });
    const other = 'file:///robust/other.imr';
    await open(s, letterWithDates(130000), 1);
    await open(s, defective, 1, other);
    const deadline = Date.now() + 60000;
    while (!(s.published.some((p) => p.uri === uri) && s.published.some((p) => p.uri === other)) && Date.now() < deadline && s.child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.strictEqual(s.child.exitCode, null, 'the server is still running');
    assert.deepStrictEqual(s.published.find((p) => p.uri === uri)!.diagnostics, []);
    assert.strictEqual(s.published.find((p) => p.uri === other)!.diagnostics.length, 5);
    assert.strictEqual(await stop(s), 0);
  });
});

describe('quick fixes in the service', () => {
  const service = getLanguageService();
  const fixture = readFixture('rules', 'missing-section', 'no-summary.imr');
  const letter = fixture.slice(0, fixture.indexOf('\n--- expect\n') + 1);

  for (const [name, eol] of [
    ['CRLF', '\r\n'],
    ['CR-only', '\r'],
  ] as const) {
    it(`"Insert the heading" uses the document's own line ending (${name}) and the fix converges`, () => {
      const text = letter.replace(/\n/g, eol);
      const document = { uri: `mem://eol-${name}`, version: 7, getText: () => text };
      const problem = service.validate(document).find((p) => p.ruleId === 'IMR001')!;
      const action = service.getCodeActions(document, problem.range).find((a) => /^Insert the heading/.test(a.title))!;
      const edits = editsOf(action, document.uri, 7);
      assert.ok(
        edits.some((e) => e.newText.includes(eol)),
        "the inserted text breaks lines with the document's ending",
      );
      const fixed = applyFixes(text, edits);
      assert.strictEqual(fixed.refused, undefined);
      const rest = eol === '\r\n' ? fixed.text.replace(/\r\n/g, '') : fixed.text.replace(/\r/g, '');
      assert.ok(!/[\r\n]/.test(rest), 'no other line break was inserted');
      const after = service.validate({ uri: document.uri, version: 8, getText: () => fixed.text }).filter((p) => p.ruleId === 'IMR001');
      assert.deepStrictEqual(after, []);
    });
  }

  it('the parse cache is keyed by the text: the same uri and version with other text gives fresh results', () => {
    const u = 'mem://cache';
    assert.strictEqual(service.validate({ uri: u, version: 1, getText: () => defective }).length, 5);
    assert.deepStrictEqual(service.validate({ uri: u, version: 1, getText: () => clean }), []);
  });
});
