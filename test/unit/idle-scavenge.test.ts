/**
 * The scavenge between keystrokes (server/src/idle-scavenge.ts, issue 11): counted, never timed.
 * The young generation's use and the collection are injected, except in the last test, which
 * runs V8's own in a child process (the flag is process-wide).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { idleScavenger } from '../../server/src/idle-scavenge';

const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * For the child processes: `waitFor(done, then)` runs `then` once `done()` holds (or after 5 s, when
 * the assertions then fail), plus 30 ms for anything more to show. Waiting for the event, not a
 * fixed time: V8 reports a collection on a later turn, and a loaded machine may run the idle look
 * and a fixed timer in the same turn, before the report.
 */
const WAIT_FOR = `
      function waitFor(done, then) {
        const start = Date.now();
        const poll = () => (done() || Date.now() - start > 5000 ? setTimeout(then, 30) : setTimeout(poll, 5));
        setTimeout(poll, 5);
      }`;

function fake(used: number) {
  const calls: string[] = [];
  return { calls, collect: (o?: { type: 'minor' }) => void calls.push(o?.type ?? 'major'), use: () => ({ used, capacity: 100 }) };
}

describe('idle scavenge: the young generation collected between keystrokes', () => {
  it('looks once after a burst of edits and checks, and scavenges when the space is fuller than the bound', async () => {
    const f = fake(80);
    const s = idleScavenger({ idleMs: 5, fullness: 0.6, collect: f.collect, use: f.use });
    for (let i = 0; i < 5; i++) {
      s.afterEdit();
      s.afterWork();
    }
    assert.strictEqual(s.looks, 0, 'nothing while checks follow each other');
    await idle(40);
    assert.strictEqual(s.looks, 1);
    assert.strictEqual(s.scavenges, 1);
    assert.deepStrictEqual(f.calls, ['minor']);
    await idle(20);
    assert.strictEqual(s.looks, 1, 'nothing more without another edit');
  });

  it('is not armed by checks alone (opened letters)', async () => {
    const f = fake(80);
    const s = idleScavenger({ idleMs: 5, fullness: 0.6, collect: f.collect, use: f.use });
    for (let i = 0; i < 5; i++) s.afterWork();
    await idle(40);
    assert.strictEqual(s.looks, 0);
    assert.deepStrictEqual(f.calls, []);
  });

  it('leaves a young generation that is not that full alone', async () => {
    const f = fake(40);
    const s = idleScavenger({ idleMs: 5, fullness: 0.6, collect: f.collect, use: f.use });
    s.afterEdit();
    await idle(40);
    assert.strictEqual(s.looks, 1);
    assert.strictEqual(s.scavenges, 0);
  });

  it('collects the whole heap once after start-up, when idle, whatever the young generation holds', async () => {
    const f = fake(0);
    const s = idleScavenger({ idleMs: 5, fullness: 0.6, collect: f.collect, use: f.use });
    s.afterStart();
    for (let i = 0; i < 3; i++) s.afterWork();
    assert.strictEqual(s.looks, 0, 'nothing while checks follow each other');
    await idle(40);
    assert.strictEqual(s.fullCollections, 1);
    assert.deepStrictEqual(f.calls, ['major']);
    await idle(20);
    assert.strictEqual(s.looks, 1, 'once');
  });

  it('takes an edit before the start-up collection into it (one full collection, no scavenge)', async () => {
    const f = fake(80);
    const s = idleScavenger({ idleMs: 5, fullness: 0.6, collect: f.collect, use: f.use });
    s.afterStart();
    s.afterEdit();
    await idle(40);
    assert.deepStrictEqual(f.calls, ['major']);
    s.afterEdit();
    await idle(40);
    assert.deepStrictEqual(f.calls, ['major', 'minor'], 'later edits scavenge as before');
  });

  it('runs the start-up collection through `fullCollection` (the server widens the first old-generation limit), scavenges directly', async () => {
    const f = fake(80);
    const wrapped: string[] = [];
    const s = idleScavenger({
      idleMs: 5,
      fullness: 0.6,
      collect: f.collect,
      use: f.use,
      fullCollection: (collectFully) => {
        wrapped.push('before');
        collectFully();
        wrapped.push('after');
      },
    });
    s.afterStart();
    await idle(40);
    s.afterEdit();
    await idle(40);
    assert.deepStrictEqual(f.calls, ['major', 'minor']);
    assert.deepStrictEqual(wrapped, ['before', 'after'], 'only the full collection is wrapped');
  });

  it('does nothing where the runtime gives no collection function', async () => {
    const s = idleScavenger({ idleMs: 5, collect: undefined, use: () => ({ used: 100, capacity: 100 }) });
    s.afterEdit();
    s.afterStart();
    await idle(40);
    assert.strictEqual(s.looks, 0);
  });

  it("scavenges with V8's own function, which the script's global does not get", () => {
    const moduleFile = path.resolve(__dirname, '..', '..', 'server', 'src', 'idle-scavenge.js');
    // V8 reports each collection; one made by the gc function is flagged "forced".
    const script = `
      const { PerformanceObserver, constants } = require('perf_hooks');
      const { idleScavenger } = require(${JSON.stringify(moduleFile)});
      let forced = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MINOR && e.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) forced++;
      }).observe({ entryTypes: ['gc'] });
      const s = idleScavenger({ idleMs: 5, fullness: 0 });
      s.afterEdit();
      ${WAIT_FOR}
      waitFor(() => s.scavenges >= 1 && forced >= 1, () => process.stdout.write(JSON.stringify({ scavenges: s.scavenges, forced, global: typeof globalThis.gc })));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { scavenges: number; forced: number; global: string };
    assert.strictEqual(out.scavenges, 1);
    assert.strictEqual(out.forced, 1, 'V8 reports one forced scavenge');
    assert.strictEqual(out.global, 'undefined');
  });

  it("collects the whole heap after start-up with V8's own function", () => {
    const moduleFile = path.resolve(__dirname, '..', '..', 'server', 'src', 'idle-scavenge.js');
    const script = `
      const { PerformanceObserver, constants } = require('perf_hooks');
      const { idleScavenger } = require(${JSON.stringify(moduleFile)});
      let forcedMajor = 0, forcedMinor = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (!(e.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED)) continue;
          if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) forcedMajor++;
          if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MINOR) forcedMinor++;
        }
      }).observe({ entryTypes: ['gc'] });
      const s = idleScavenger({ idleMs: 5, fullness: 0 });
      s.afterStart();
      ${WAIT_FOR}
      waitFor(() => s.fullCollections >= 1 && forcedMajor >= 1, () => {
        s.afterEdit();
        waitFor(() => s.scavenges >= 1 && forcedMinor >= 1, () => process.stdout.write(JSON.stringify({ full: s.fullCollections, scavenges: s.scavenges, forcedMajor, forcedMinor })));
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as {
      full: number;
      scavenges: number;
      forcedMajor: number;
      forcedMinor: number;
    };
    assert.strictEqual(out.full, 1);
    assert.strictEqual(out.forcedMajor, 1, 'V8 reports one forced full collection');
    // The start-up's collection does not keep V8's function (it keeps its context alive): an edit takes it again.
    assert.strictEqual(out.scavenges, 1);
    assert.strictEqual(out.forcedMinor, 1, 'then one forced scavenge after an edit');
  });
});
