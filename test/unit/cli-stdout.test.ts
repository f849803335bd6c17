/**
 * The CLI's standard output (cli.ts stdoutWriter): into a file or pipe, lines are written in
 * blocks (one write per block, not per letter), nothing is lost or reordered, and the rest is
 * written by flush; on a terminal every line is written at once.
 */
import * as assert from 'assert';
import { stdoutWriter } from '../../server/src/cli';

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (chunk: string) => writes.push(chunk) }, writes };
}

describe('CLI standard output', () => {
  it('gathers lines into blocks when stdout is a file or pipe, and flush writes the rest', () => {
    const { stream, writes } = sink(false);
    const w = stdoutWriter(stream, 100);
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i} ${'x'.repeat(i % 7)}`);
    for (const l of lines) w.out(l);
    const beforeFlush = writes.length;
    w.flush();
    assert.ok(beforeFlush >= 1 && beforeFlush < lines.length / 3, `${beforeFlush} writes for ${lines.length} lines`);
    assert.ok(writes.slice(0, beforeFlush).every((chunk) => chunk.length >= 100));
    assert.strictEqual(writes.join(''), lines.map((l) => l + '\n').join(''));
    w.flush();
    assert.strictEqual(writes.join(''), lines.map((l) => l + '\n').join(''), 'a second flush writes nothing');
  });

  it('writes every line at once on a terminal', () => {
    const { stream, writes } = sink(true);
    const w = stdoutWriter(stream, 100);
    w.out('a');
    w.out('b');
    assert.deepStrictEqual(writes, ['a\n', 'b\n']);
  });
});
