/**
 * The stdio writer's JSON encoder (transport.ts, diagnosticJsonEncoder): the same bytes as
 * JSON.stringify, with each diagnostic serialised once while it is the same object (counted).
 */
import * as assert from 'assert';
import type { Message } from 'vscode-languageserver/node';
import { PassThrough } from 'stream';
import { diagnosticJsonEncoder, FrameWriter } from '../../server/src/transport';

const diagnostic = (line: number, message: string) => ({
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  message,
  severity: 2,
  code: 'IMR028',
  source: 'imr-lint',
  codeDescription: { href: 'file:///docs/rules/drug-misspelling.md' },
});
const pull = (items: unknown[], id: number | string = 7) => ({ jsonrpc: '2.0', id, result: { kind: 'full', items } }) as unknown as Message;
const push = (uri: string, diagnostics: unknown[]) =>
  ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 3, diagnostics } }) as unknown as Message;

async function text(encoder: ReturnType<typeof diagnosticJsonEncoder>, message: Message): Promise<string> {
  return Buffer.from(await encoder.encode(message, { charset: 'utf-8' })).toString('utf8');
}

describe('diagnosticJsonEncoder', () => {
  it('writes the bytes JSON.stringify writes, for answers, pushes and other messages', async () => {
    const encoder = diagnosticJsonEncoder();
    const list = [diagnostic(1, 'Quoted "word" \u00e9\u2028'), diagnostic(2, 'two')];
    for (const message of [
      pull(list),
      pull([]),
      push('file:///a%20b.imr', list),
      push('file:///a.imr', []),
      { jsonrpc: '2.0', id: 1, result: null } as unknown as Message,
      { jsonrpc: '2.0', id: 2, result: { items: 'not a list' } } as unknown as Message,
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } } as unknown as Message,
    ]) {
      const before = JSON.stringify(message);
      assert.strictEqual(await text(encoder, message), before);
      assert.strictEqual(JSON.stringify(message), before, 'the message is left as it was');
    }
  });

  it('serialises a diagnostic once while it is the same object', async () => {
    const encoder = diagnosticJsonEncoder();
    const kept = Array.from({ length: 50 }, (_, i) => diagnostic(i, `problem ${i}`));
    await text(encoder, pull(kept));
    assert.strictEqual(encoder.serialised, 50);
    const next = [...kept.slice(0, 49), diagnostic(49, 'changed')];
    assert.strictEqual(await text(encoder, pull(next)), JSON.stringify(pull(next)));
    assert.strictEqual(encoder.serialised, 51, 'only the new diagnostic');
  });

  it('a uri or id that holds the mark is written the plain way', async () => {
    const encoder = diagnosticJsonEncoder();
    const list = [diagnostic(1, 'one')];
    const mark = '\u0000imr-lint diagnostics\u0000';
    for (const message of [push(`file:///${mark}`, list), pull(list, mark)]) assert.strictEqual(await text(encoder, message), JSON.stringify(message));
  });
});

describe('FrameWriter', () => {
  it('writes each message as one frame in one write, in order', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new FrameWriter(stream);
    const messages = [pull([diagnostic(1, 'Quoted "word" \u00e9')]), push('file:///a.imr', []), pull([], 'x')];
    await Promise.all(messages.map((m) => writer.write(m)));
    assert.strictEqual(writer.writes, 3);
    assert.strictEqual(chunks.length, 3, 'one write per message');
    chunks.forEach((chunk, i) => {
      const body = Buffer.from(JSON.stringify(messages[i]), 'utf8');
      assert.strictEqual(chunk.toString('utf8'), `Content-Length: ${body.length}\r\n\r\n${body.toString('utf8')}`);
    });
  });
});
