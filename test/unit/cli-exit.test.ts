/**
 * The end of a command-line run (cli/exit.ts): the process exits at once only when no stream
 * still holds bytes to write; the exit status is set either way.
 */
import * as assert from 'assert';
import { finishRun } from '../../server/src/cli/exit';

describe('finishRun (cli/exit.ts)', () => {
  const before = process.exitCode;
  afterEach(() => {
    process.exitCode = before;
  });

  it('exits with the code when every stream is written (a synchronous one has no queue)', () => {
    const exits: number[] = [];
    finishRun(1, [{}, { writableLength: 0 }], (code) => exits.push(code));
    assert.deepStrictEqual(exits, [1]);
    assert.strictEqual(process.exitCode, 1);
  });

  it('leaves the end to the event loop while a stream still holds bytes', () => {
    const exits: number[] = [];
    finishRun(0, [{}, { writableLength: 120 }], (code) => exits.push(code));
    assert.deepStrictEqual(exits, []);
    assert.strictEqual(process.exitCode, 0);
  });
});
