/**
 * V8's helper threads kept off the first CPU (server/src/helper-threads.ts, issue 11: the
 * didChange p99). The CPU lists are parsed without a system; the affinity itself is read back
 * from /proc in a child process (Linux with two CPUs or more and util-linux's taskset), never timed.
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { allowedCpus, confineHelperThreads, helperCpuList, parseCpuList } from '../../server/src/helper-threads';

const moduleFile = path.resolve(__dirname, '..', '..', 'server', 'src', 'helper-threads.js');

describe('helper threads kept off the first CPU', () => {
  it('reads Linux CPU lists', () => {
    assert.deepStrictEqual(parseCpuList('0-1'), [0, 1]);
    assert.deepStrictEqual(parseCpuList('0,2-3\n'), [0, 2, 3]);
    assert.deepStrictEqual(parseCpuList('4,1,1-2'), [1, 2, 4]);
    assert.deepStrictEqual(parseCpuList('7'), [7]);
    for (const bad of ['', 'a', '3-1', '0-', '1,,2', '0-99999']) assert.deepStrictEqual(parseCpuList(bad), [], bad);
    const status = 'Name:\tnode\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\nMems_allowed_list:\t0\n';
    assert.deepStrictEqual(allowedCpus(status), [0, 1]);
    assert.deepStrictEqual(allowedCpus('Name:\tnode\n'), []);
  });

  it('gives the helpers every allowed CPU but the first, and nothing with one CPU', () => {
    assert.strictEqual(helperCpuList([0, 1]), '1');
    assert.strictEqual(helperCpuList([2, 5, 6, 7]), '5,6,7');
    assert.strictEqual(helperCpuList([3]), undefined);
    assert.strictEqual(helperCpuList([]), undefined);
  });

  it('does nothing when asked not to, off Linux, with one CPU, or when /proc cannot be read', () => {
    const status = (list: string) => () => `Cpus_allowed_list:\t${list}\n`;
    const threads = () => [String(process.pid), '999999'];
    assert.deepStrictEqual(confineHelperThreads({ env: { IMR_LINT_HELPER_CPUS: ' ALL ' }, platform: 'linux', readText: status('0-1'), listThreads: threads }), {
      skipped: 'IMR_LINT_HELPER_CPUS=all',
    });
    assert.deepStrictEqual(confineHelperThreads({ env: {}, platform: 'darwin', readText: status('0-1'), listThreads: threads }), { skipped: 'not Linux' });
    assert.deepStrictEqual(confineHelperThreads({ env: {}, platform: 'linux', readText: status('0'), listThreads: threads }), {
      skipped: 'fewer than two CPUs',
    });
    assert.deepStrictEqual(confineHelperThreads({ env: {}, platform: 'linux', readText: status('0-1'), listThreads: () => [String(process.pid)] }), {
      skipped: 'no other thread',
    });
    const unreadable = () => {
      throw Object.assign(new Error('no /proc'), { name: 'ENOENT' });
    };
    assert.deepStrictEqual(confineHelperThreads({ env: {}, platform: 'linux', readText: unreadable, listThreads: threads }), {
      skipped: 'cannot read /proc: ENOENT',
    });
  });

  it('sets the affinity of every thread but the main one, which keeps every CPU', function () {
    this.timeout(20000);
    const linux = process.platform === 'linux' && fs.existsSync('/proc/self/status');
    const allowed = linux ? allowedCpus(fs.readFileSync('/proc/self/status', 'utf8')) : [];
    const taskset = linux && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;
    if (allowed.length < 2 || !taskset) this.skip();
    const script = `
      const fs = require('fs');
      const h = require(${JSON.stringify(moduleFile)});
      const affinity = () => Object.fromEntries(fs.readdirSync('/proc/self/task').map((t) => [t, (/^Cpus_allowed_list:\\s*(\\S+)/m.exec(fs.readFileSync('/proc/self/task/' + t + '/status', 'utf8')) || [])[1]]));
      const alive = setTimeout(() => {}, 15000); // the shell is unref'd: the test waits for it
      const result = h.confineHelperThreads({ env: {}, done: (code) => { clearTimeout(alive); process.stdout.write(JSON.stringify({ pid: process.pid, result, code, affinity: affinity() })); } });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, IMR_LINT_HELPER_CPUS: '' } })) as {
      pid: number;
      result: { threads: number[]; cpus: string };
      code: number;
      affinity: Record<string, string>;
    };
    const helpers = helperCpuList(allowed);
    assert.strictEqual(out.code, 0);
    assert.strictEqual(out.result.cpus, helpers);
    assert.ok(out.result.threads.length >= 1, 'node has helper threads');
    assert.ok(!out.result.threads.includes(out.pid), 'the main thread is not confined');
    assert.deepStrictEqual(parseCpuList(out.affinity[String(out.pid)]), allowed, 'the main thread keeps every CPU');
    for (const tid of out.result.threads) {
      if (out.affinity[String(tid)] === undefined) continue; // ended meanwhile
      assert.deepStrictEqual(parseCpuList(out.affinity[String(tid)]), parseCpuList(helpers!), `thread ${tid}`);
    }
  });
});
