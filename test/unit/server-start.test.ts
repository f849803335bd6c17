/**
 * The server's start (server/src/server-start.ts): dist/server.js runs the server bundle through
 * V8's code cache, made when a server that checked a letter exits, and used (not made again) by
 * the next server: the flags the server sets at run time are set back to V8's own values first.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../util';
import { stopServer } from '../harness';
import { cacheFileOf } from '../../server/src/cli/start';

const serverPath = path.join(repoRoot, 'dist', 'server.js');
const letter = fs.readFileSync(path.join(repoRoot, 'examples', 'defective-letter.imr'), 'utf8');

/** One server with its cache in `folder`: initialize, and with `check` one letter pulled; then shutdown and exit. */
async function session(folder: string, check: boolean): Promise<number> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, IMR_LINT_CACHE_DIR: folder } });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onNotification('window/logMessage', () => undefined);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { diagnostic: {} } } });
  await connection.sendNotification('initialized', {});
  let count = -1;
  if (check) {
    const uri = 'file:///start/letter.imr';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'imr', version: 1, text: letter } });
    const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: unknown[] };
    count = report.items.length;
  }
  assert.strictEqual(await stopServer({ child, connection }), 0);
  return count;
}

describe('server start (V8 code cache)', function () {
  this.timeout(30000);
  let folder: string;
  before(function () {
    if (!fs.existsSync(serverPath)) this.skip();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-server-cache-'));
  });
  after(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });
  const cacheFile = () => cacheFileOf(path.join(repoRoot, 'dist', 'server-main.js'), folder);

  it('makes no cache when no letter was checked', async () => {
    await session(folder, false);
    assert.ok(!fs.existsSync(cacheFile()));
  });

  it('makes the cache at exit once a letter was checked; the next server uses it as it is, with the same diagnostics', async () => {
    const first = await session(folder, true);
    assert.ok(first > 0);
    const made = fs.statSync(cacheFile());
    assert.ok(made.size > 100000, `a cache of ${made.size} bytes`);
    // A cache V8 rejected (other flags) or a stale one would be made again: a new file, by rename.
    assert.strictEqual(await session(folder, true), first);
    const after = fs.statSync(cacheFile());
    assert.strictEqual(after.ino, made.ino, 'the second server used the cache and did not make it again');
    assert.strictEqual(after.mtimeMs, made.mtimeMs);
  });
});
