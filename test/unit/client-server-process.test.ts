/**
 * How the client starts the server's process (client/src/server-process.ts): the environment and
 * node's V8 helper-thread option. The option is also given to a real node, whose threads are
 * counted in /proc (Linux): a misspelt or ignored option fails here, never timed.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { helperPoolSize, serverProcess } from '../../client/src/server-process';

/** The number of threads of a node started with `execArgv`, read from its own /proc/self/task. */
function threadsOfNode(execArgv: string[]): number {
  const run = spawnSync(process.execPath, [...execArgv, '-e', "process.stdout.write(String(require('fs').readdirSync('/proc/self/task').length))"], {
    encoding: 'utf8',
  });
  assert.strictEqual(run.status, 0, run.stderr);
  return Number(run.stdout);
}

describe('the server process the client starts', () => {
  it('leaves one core to the server: one helper thread on two cores, the cores less one up to four', () => {
    assert.strictEqual(helperPoolSize(1), 1);
    assert.strictEqual(helperPoolSize(2), 1);
    assert.strictEqual(helperPoolSize(3), 2);
    assert.strictEqual(helperPoolSize(4), 3);
    assert.strictEqual(helperPoolSize(5), 4);
    assert.strictEqual(helperPoolSize(64), 4);
    for (const odd of [0, -1, NaN, Infinity]) assert.strictEqual(helperPoolSize(odd), 1, String(odd));
  });

  it('sets two malloc arenas unless the user chose a number, and keeps the rest of the environment', () => {
    const mine = serverProcess({ PATH: '/bin', HOME: '/h' }, 2);
    assert.deepStrictEqual(mine.env, { PATH: '/bin', HOME: '/h', MALLOC_ARENA_MAX: '2' });
    assert.strictEqual(serverProcess({ MALLOC_ARENA_MAX: '8' }, 2).env.MALLOC_ARENA_MAX, '8');
    assert.deepStrictEqual(serverProcess({}, 2).execArgv, ['--v8-pool-size=1']);
    assert.deepStrictEqual(serverProcess({}, 16).execArgv, ['--v8-pool-size=4']);
  });

  it('node takes the option and starts that many helper threads', function () {
    if (!fs.existsSync('/proc/self/task')) this.skip();
    const usual = threadsOfNode([]);
    const two = threadsOfNode(serverProcess({}, 2).execArgv);
    const four = threadsOfNode(serverProcess({}, 5).execArgv);
    assert.strictEqual(usual - two, 3, `node's four helper threads down to one: ${usual} threads -> ${two}`);
    assert.strictEqual(four, usual, `four helper threads are node's default: ${usual} threads -> ${four}`);
  });
});
