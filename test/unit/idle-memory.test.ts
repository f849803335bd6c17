/**
 * Memory given back once a burst of checks is over (server/src/idle-memory.ts, issue 11): counted,
 * never timed. The heap's size and the collection are injected, except in the last test, which
 * asks V8 for its low-memory collection in a child process (it changes the whole process's heap).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { idleMemory, type Reduce } from '../../server/src/idle-memory';

const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * `ms` of idle time, then one more turn: a reduction's end comes on the turn after its look
 * (`setImmediate`, as V8's answer does), and a loaded machine may run the idle look and this
 * timer in the same turn.
 */
const settle = async (ms: number) => {
  await idle(ms);
  await new Promise((resolve) => setImmediate(resolve));
};
const MB = 1024 * 1024;

function fake(sizes: number[]) {
  let size = sizes[0];
  const heap = { set: (n: number) => (size = n), size: () => size };
  let reduced = 0;
  const reduce: Reduce = (done) => {
    reduced++;
    size = sizes[0];
    setImmediate(done);
  };
  return { heap, reduce, reduced: () => reduced };
}

describe('idle memory: the heap given back after a burst of checks', () => {
  it('reduces once, after the burst, when the old generation has grown enough', async () => {
    const f = fake([10 * MB]);
    let after = 0;
    const m = idleMemory({ idleMs: 5, growthBytes: 8 * MB, minIntervalMs: 0, reduce: f.reduce, size: f.heap.size, afterReduce: () => after++ });
    for (let i = 0; i < 20; i++) {
      m.afterWork();
      f.heap.set(10 * MB + i * MB);
    }
    assert.strictEqual(m.looks, 0, 'nothing while checks follow each other');
    await settle(40);
    assert.strictEqual(m.looks, 1);
    assert.strictEqual(m.reductions, 1);
    assert.strictEqual(after, 1, 'the server is told (the young generation may grow again)');
    await settle(20);
    assert.strictEqual(m.looks, 1, 'nothing more without another check');
  });

  it('measures the growth from start-up when told, not from a first check that came later', async () => {
    const f = fake([10 * MB]);
    const m = idleMemory({ idleMs: 5, growthBytes: 8 * MB, minIntervalMs: 0, reduce: f.reduce, size: f.heap.size });
    m.afterStart(); // 10 MB after start-up's collection
    f.heap.set(15 * MB); // the first letter's code and caches
    for (let i = 1; i <= 5; i++) {
      m.afterWork();
      f.heap.set(15 * MB + i * MB); // 20 MB: 5 MB over the first check, 10 over start-up
    }
    await settle(40);
    assert.strictEqual(m.reductions, 1, 'grown by 10 MB since start-up');
    // Without afterStart the same burst is measured from its first check: 5 MB, nothing given back.
    const g = fake([10 * MB]);
    const n = idleMemory({ idleMs: 5, growthBytes: 8 * MB, minIntervalMs: 0, reduce: g.reduce, size: g.heap.size });
    g.heap.set(15 * MB);
    for (let i = 1; i <= 5; i++) {
      n.afterWork();
      g.heap.set(15 * MB + i * MB);
    }
    await settle(40);
    assert.strictEqual(n.reductions, 0);
    // Told after a check (start-up's collection waits for an idle moment), it keeps the check's baseline.
    n.afterStart();
    n.afterWork();
    await settle(40);
    assert.strictEqual(n.reductions, 0, 'still 5 MB over the first check');
  });

  it('leaves a heap that grew little alone (a keystroke)', async () => {
    const f = fake([10 * MB]);
    const m = idleMemory({ idleMs: 5, growthBytes: 8 * MB, minIntervalMs: 0, reduce: f.reduce, size: f.heap.size });
    m.afterWork();
    f.heap.set(12 * MB);
    m.afterWork();
    await settle(40);
    assert.strictEqual(m.looks, 1);
    assert.strictEqual(m.reductions, 0);
  });

  it('gives nothing back after typing, however the heap grew (a 5 MB letter), and does after a burst with no edit', async () => {
    const f = fake([10 * MB]);
    const m = idleMemory({ idleMs: 5, growthBytes: 8 * MB, minIntervalMs: 0, reduce: f.reduce, size: f.heap.size });
    m.afterWork();
    for (let i = 0; i < 5; i++) {
      m.afterEdit();
      m.afterWork();
      f.heap.set(10 * MB + (i + 1) * 4 * MB);
    }
    await settle(40);
    assert.strictEqual(m.looks, 1);
    assert.strictEqual(m.reductions, 0, 'the checks were the typing');
    m.afterWork();
    await settle(40);
    assert.strictEqual(m.looks, 2);
    assert.strictEqual(m.reductions, 1, 'a check with no edit before it (a letter opened) ends a burst');
  });

  it('measures growth from the last reduction, and waits the interval between two', async () => {
    const f = fake([10 * MB]);
    let clock = 0;
    const m = idleMemory({ idleMs: 5, growthBytes: 8 * MB, minIntervalMs: 1000, reduce: f.reduce, size: f.heap.size, now: () => clock });
    m.afterWork();
    f.heap.set(30 * MB);
    await settle(40);
    assert.strictEqual(m.reductions, 1);
    f.heap.set(30 * MB);
    clock = 500;
    m.afterWork();
    await settle(40);
    assert.strictEqual(m.reductions, 1, 'too soon after the last one');
    clock = 2000;
    m.afterWork();
    await settle(40);
    assert.strictEqual(m.reductions, 2);
    assert.strictEqual(m.looks, 3);
  });

  it('does nothing where the runtime gives no way to reduce', async () => {
    const m = idleMemory({ idleMs: 5, growthBytes: 0, reduce: undefined, size: () => 100 * MB });
    m.afterWork();
    await settle(40);
    assert.strictEqual(m.looks, 0);
  });

  it("shrinks V8's young generation and old generation with its low-memory collection", () => {
    const moduleFile = path.resolve(__dirname, '..', '..', 'server', 'src', 'idle-memory.js');
    const script = `
      const v8 = require('v8');
      const { idleMemory, oldGenerationCommitted } = require(${JSON.stringify(moduleFile)});
      const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
      let keep = [];
      for (let i = 0; i < 400000; i++) { keep.push({ a: i, b: 'x' + i }); if (keep.length > 60000) keep = keep.slice(30000); }
      keep = null;
      const before = { young: young(), old: oldGenerationCommitted() };
      // The idle timer does not keep a process alive (the server's stdin does): this interval does.
      const alive = setInterval(() => {}, 1000);
      // size: a constant, so that the reduction is due whatever V8 collected meanwhile.
      const m = idleMemory({ idleMs: 5, growthBytes: 0, minIntervalMs: 0, size: () => 1, afterReduce: () => {
        process.stdout.write(JSON.stringify({ before, after: { young: young(), old: oldGenerationCommitted() }, reductions: m.reductions }));
        clearInterval(alive);
      } });
      m.afterWork();`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 15000 })) as {
      before: { young: number; old: number };
      after: { young: number; old: number };
      reductions: number;
    };
    assert.strictEqual(out.reductions, 1);
    assert.ok(out.before.young >= 4 * MB, `the burst grew the young generation (${out.before.young / MB} MB)`);
    assert.ok(out.after.young <= 2 * MB, `shrunk to its starting size (${out.after.young / MB} MB)`);
    assert.ok(out.after.old < out.before.old, `the old generation compacted (${out.before.old / MB} -> ${out.after.old / MB} MB)`);
  });
});
