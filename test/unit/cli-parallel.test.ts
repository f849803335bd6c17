// The CLI's parallel batch path (server/src/cli/parallel.ts): the same output as the sequential
// run, byte for byte, in input order, with a bounded reorder buffer, and no letter lost when a
// worker thread dies.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main, run, type CliDependencies } from '../../server/src/cli';
import { threadCount, type ParallelStats } from '../../server/src/cli/parallel';
import { corpusDir, repoRoot } from '../util';

const examples = path.join(repoRoot, 'examples');
const fixtures = path.join(repoRoot, 'test', 'fixtures');
const bin = path.join(repoRoot, 'bin', 'imr-lint.js');
const realWorker = path.join(repoRoot, 'out', 'server', 'src', 'cli', 'worker.js');

interface Outcome {
  code: number;
  out: string;
  err: string;
}

function sequential(args: string[]): Outcome {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    args,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function parallel(args: string[], parallelDeps: CliDependencies['parallel'] = {}): Promise<Outcome & { stats?: ParallelStats }> {
  const out: string[] = [];
  const err: string[] = [];
  let stats: ParallelStats | undefined;
  const code = await run(
    args,
    (s) => out.push(s),
    (s) => err.push(s),
    {
      parallel: { threshold: 0, workers: 2, ...parallelDeps, onStats: (s) => (stats = s) },
    },
  );
  return { code, out: out.join('\n'), err: err.join('\n'), stats };
}

describe('CLI parallel batch path', function () {
  this.timeout(120000);
  let tmp: string;
  const defective = fs.readFileSync(path.join(examples, 'defective-letter.imr'), 'utf8');
  const clean = fs.readFileSync(path.join(examples, 'clean-letter.imr'), 'utf8');
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-lint-parallel-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const format of ['json', 'text', 'sarif', 'html']) {
    it(`prints the same ${format} output as the sequential run on test/fixtures, byte for byte`, async () => {
      const args = ['--format', format, '--min-severity', 'hint', fixtures];
      const one = sequential(args);
      const many = await parallel(args, { batch: 3, mainChecks: false });
      assert.ok(many.stats && many.stats.jobsSent >= 81, 'the workers checked the letters');
      assert.strictEqual(many.code, one.code);
      assert.strictEqual(many.err, one.err);
      assert.ok(many.out === one.out, `the ${format} outputs differ`);
    });
  }

  it('prints the same JSON as the sequential run on the real letters (../shared/letters)', async function () {
    const dir = corpusDir();
    if (!dir) return this.skip();
    const args = ['--format', 'json', path.join(dir, 'letters')];
    const one = sequential(args);
    const many = await parallel(args);
    assert.ok(JSON.parse(one.out).length >= 50, 'the letters were checked');
    assert.strictEqual(many.code, one.code);
    // Compared as strings, never printed: a difference would quote letter text.
    assert.ok(many.out === one.out, 'the JSON outputs differ');
  });

  it('shares the letters between the main thread and the workers, with the same output', async () => {
    const args = ['--format', 'json', '--min-severity', 'hint', fixtures];
    const one = sequential(args);
    const many = await parallel(args, { batch: 2, workers: 1 });
    const { jobsSent, jobsLocal } = many.stats!;
    assert.ok(jobsLocal > 0, 'the main thread checked letters');
    assert.ok(jobsSent > 0, 'the worker checked letters');
    assert.ok(jobsSent <= JSON.parse(one.out).length - jobsLocal, 'no letter checked twice');
    assert.strictEqual(many.code, one.code);
    assert.strictEqual(many.err, one.err);
    assert.ok(many.out === one.out, 'the outputs differ');
  });

  it('checks on the main thread the letters of workers that cannot be replaced, except the one that stopped them', async () => {
    const dir = path.join(tmp, 'main-only');
    fs.mkdirSync(dir);
    for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(dir, `l${String(i).padStart(2, '0')}.imr`), i % 3 ? defective : clean);
    fs.writeFileSync(path.join(dir, 'l00-CRASH.imr'), defective);
    // Every worker stops on its first message, while checking its first letter.
    const wrapper = path.join(tmp, 'always-crashing-worker.js');
    fs.writeFileSync(
      wrapper,
      `const { parentPort, workerData } = require('worker_threads');\n` +
        `parentPort.on('message', (jobs) => { Atomics.store(new Int32Array(workerData.current), 0, jobs[0].seq); process.exit(9); });\n`,
    );
    const many = await parallel(['--format', 'json', dir], { workerFile: wrapper, batch: 1, workers: 1, window: 4 });
    const results = JSON.parse(many.out) as Array<{ file: string; failures?: string[] }>;
    assert.strictEqual(results.length, 13, 'every letter is in the output');
    const failed = results.filter((r) => r.failures);
    assert.ok(failed.length >= 1 && failed.every((r) => /stopped \(exit code 9\)|no worker thread could check/.test(r.failures![0])));
    fs.rmSync(path.join(dir, 'l00-CRASH.imr'));
    const others = JSON.parse(sequential(['--format', 'json', dir]).out) as Array<{ file: string }>;
    const checked = results.filter((r) => !r.failures);
    assert.deepStrictEqual(
      checked,
      others.filter((r) => checked.some((c) => c.file === r.file)),
      'the others were checked on the main thread',
    );
    assert.strictEqual(many.code, 2);
  });

  it('keeps the input order when later letters finish first, with at most `window` entries held', async () => {
    const dir = path.join(tmp, 'order');
    fs.mkdirSync(dir);
    // A long letter first: the workers finish the short ones after it long before it.
    const long = defective + '\n' + Array.from({ length: 60 }, () => defective.split('\n').slice(8).join('\n')).join('\n');
    fs.writeFileSync(path.join(dir, 'a-long.imr'), long);
    for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(dir, `b-${String(i).padStart(2, '0')}.imr`), i % 2 ? defective : clean);
    // Named files are checked in the order named, not sorted.
    const named = [path.join(dir, 'b-07.imr'), dir, path.join(dir, 'b-03.imr')];
    const many = await parallel(['--format', 'json', ...named], { window: 5, batch: 2 });
    const files = JSON.parse(many.out).map((r: { file: string }) => path.basename(r.file));
    const expected = ['b-07.imr', 'a-long.imr', ...Array.from({ length: 40 }, (_, i) => `b-${String(i).padStart(2, '0')}.imr`), 'b-03.imr'];
    assert.deepStrictEqual(files, expected);
    assert.ok(many.stats!.maxBuffered <= 5, `at most 5 entries held (held ${many.stats!.maxBuffered})`);
    assert.strictEqual(many.stats!.jobsSent + many.stats!.jobsLocal, 43, 'each letter checked once');
    assert.ok(many.stats!.messagesSent >= many.stats!.jobsSent / 2, 'letters go to the workers a few at a time');
    assert.strictEqual(many.out, sequential(['--format', 'json', ...named]).out);
  });

  it('reports notices (unreadable inputs) in their place, as the sequential run does', async () => {
    const dir = path.join(tmp, 'notices');
    fs.mkdirSync(dir);
    for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(dir, `l${i}.imr`), defective);
    // Over the 16 MiB limit: the worker cannot read it; the notice is written in its turn.
    fs.writeFileSync(path.join(dir, 'l3-big.imr'), Buffer.alloc(16 * 1024 * 1024 + 10, 'a'));
    fs.writeFileSync(path.join(dir, 'empty.imr'), '');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'shopping list\n');
    const args = ['--format', 'sarif', dir, path.join(tmp, 'missing.imr'), path.join(examples, 'clean-letter.imr')];
    const one = sequential(args);
    const many = await parallel(args, { batch: 1 });
    assert.strictEqual(one.code, 2);
    assert.match(one.err, /l3-big\.imr: .*16 MiB/);
    assert.match(one.err, /missing\.imr/);
    assert.strictEqual(many.code, one.code);
    assert.strictEqual(many.err, one.err);
    assert.strictEqual(many.out, one.out);
  });

  it('checks again the letters of a worker that dies, and reports a letter that stops two workers', async () => {
    const dir = path.join(tmp, 'crash');
    fs.mkdirSync(dir);
    for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(dir, `l${String(i).padStart(2, '0')}.imr`), i % 3 ? defective : clean);
    fs.writeFileSync(path.join(dir, 'l05-CRASH.imr'), defective);
    // A worker that stops (as on a fatal error) while it checks the letter named CRASH: it
    // registers its listener before the real worker's, marks that letter as the one being
    // checked (as the real worker does before each letter) and stops.
    const wrapper = path.join(tmp, 'crashing-worker.js');
    fs.writeFileSync(
      wrapper,
      `const { parentPort, workerData } = require('worker_threads');\n` +
        `parentPort.on('message', (jobs) => { for (const job of jobs) if (job.file.includes('CRASH')) { Atomics.store(new Int32Array(workerData.current), 0, job.seq); process.exit(7); } });\n` +
        `require(${JSON.stringify(realWorker)});\n`,
    );
    // The main thread does not check here: each letter goes to a worker (the one that stops).
    const many = await parallel(['--format', 'json', dir], { workerFile: wrapper, batch: 4, mainChecks: false });
    const results = JSON.parse(many.out) as Array<{ file: string; diagnostics: unknown[]; failures?: string[] }>;
    assert.strictEqual(results.length, 13, 'every letter is in the output');
    const crashed = results.find((r) => r.file.includes('CRASH'))!;
    assert.deepStrictEqual(crashed.failures, ['the worker thread checking this file stopped (exit code 7) twice, so nothing was checked in this file']);
    assert.strictEqual(many.code, 2);
    assert.match(many.err, /internal error: a worker thread stopped \(exit code 7\)/);
    assert.strictEqual(many.stats!.workerDeaths, 2);
    // The other letters were checked again: their results are those of the sequential run.
    fs.rmSync(path.join(dir, 'l05-CRASH.imr'));
    const others = JSON.parse(sequential(['--format', 'json', dir]).out);
    assert.deepStrictEqual(
      results.filter((r) => r !== crashed),
      others,
    );
  });

  it('recovers from a worker that dies once: every letter checked, exit status 2', async () => {
    const dir = path.join(tmp, 'once');
    fs.mkdirSync(dir);
    for (let i = 0; i < 10; i++) fs.writeFileSync(path.join(dir, `l${i}.imr`), defective);
    const marker = path.join(tmp, 'died-once');
    const wrapper = path.join(tmp, 'dies-once-worker.js');
    fs.writeFileSync(
      wrapper,
      `const fs = require('fs');\nconst { parentPort } = require('worker_threads');\n` +
        `parentPort.on('message', (jobs) => { if (jobs.some((j) => j.file.endsWith('l4.imr')) && !fs.existsSync(${JSON.stringify(marker)})) { fs.writeFileSync(${JSON.stringify(marker)}, ''); throw new RangeError('boom'); } });\n` +
        `require(${JSON.stringify(realWorker)});\n`,
    );
    const many = await parallel(['--format', 'json', dir], { workerFile: wrapper, batch: 3, mainChecks: false });
    assert.strictEqual(many.stats!.workerDeaths, 1);
    assert.match(many.err, /a worker thread stopped \(RangeError\); the \d+ letters? it held (is|are) checked again/);
    assert.ok(!/boom/.test(many.err), 'the error message is not printed (it could quote a letter)');
    assert.strictEqual(many.out, sequential(['--format', 'json', dir]).out);
    assert.strictEqual(many.code, 2);
  });

  it('stays on one thread for a few files and for --fix', async () => {
    const dir = path.join(tmp, 'few');
    fs.mkdirSync(dir);
    for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(dir, `l${i}.imr`), clean);
    let called = false;
    const onStats = () => (called = true);
    await run(
      [dir],
      () => undefined,
      () => undefined,
      { parallel: { threshold: 5, workers: 2, onStats } },
    );
    assert.strictEqual(called, false, '5 files, threshold 5: sequential');
    await run(
      [dir],
      () => undefined,
      () => undefined,
      { parallel: { threshold: 4, workers: 2, onStats } },
    );
    assert.strictEqual(called, true, '5 files, threshold 4: parallel');
    called = false;
    await run(
      ['--fix', dir],
      () => undefined,
      () => undefined,
      { parallel: { threshold: 0, workers: 2, onStats } },
    );
    assert.strictEqual(called, false, '--fix: sequential');
  });

  it('works from the bundle (bin/imr-lint.js, dist/cli-worker.js), standard input included', () => {
    const dir = path.join(tmp, 'bundle');
    fs.mkdirSync(dir);
    for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(dir, `l${String(i).padStart(2, '0')}.imr`), i % 2 ? defective : clean);
    assert.ok(fs.existsSync(path.join(repoRoot, 'dist', 'cli-worker.js')), 'the worker is bundled');
    const r = spawnSync(process.execPath, [bin, '--format', 'json', '-', dir], { input: defective, encoding: 'utf8' });
    assert.strictEqual(r.stderr, '');
    assert.strictEqual(r.status, 1);
    const results = JSON.parse(r.stdout);
    assert.strictEqual(results.length, 41);
    assert.strictEqual(results[0].file, '<stdin>');
    const one = JSON.parse(sequential(['--format', 'json', dir]).out);
    assert.deepStrictEqual(results.slice(1), one);
    assert.deepStrictEqual(results[0].diagnostics, one[1].diagnostics);
  });
});

describe('CLI thread count', () => {
  it('uses the cores less one (left to the compiler threads of V8), at most 8, or IMR_LINT_THREADS', () => {
    assert.strictEqual(threadCount({}, 1), 1);
    assert.strictEqual(threadCount({}, 2), 1, 'two cores: one thread (faster than two there)');
    assert.strictEqual(threadCount({}, 3), 2, 'three cores: the main thread and one worker');
    assert.strictEqual(threadCount({}, 4), 3);
    assert.strictEqual(threadCount({}, 16), 8);
    assert.strictEqual(threadCount({ IMR_LINT_THREADS: '4' }, 2), 4);
    assert.strictEqual(threadCount({ IMR_LINT_THREADS: '0' }, 2), 1);
    assert.strictEqual(threadCount({ IMR_LINT_THREADS: 'many' }, 4), 3, 'not a number: ignored');
  });
});
