/**
 * The bound on V8's young generation (server/src/young-generation.ts, issue 11): a burst of
 * surviving objects no longer grows the semi-spaces past the bound. Checked in a child process
 * (the flag is process-wide) by the young generation's size, never by timing.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';

const moduleFile = path.resolve(__dirname, '..', '..', 'server', 'src', 'young-generation.js');

/** The young generation's size in MB after a burst in which a third of the objects survive a while. */
function youngGenerationAfterBurst(semiSpaceMB: number | undefined, turns = 1, between = false, stopFirst = false): number {
  // The burst is cut into `turns` turns of the event loop (the server's messages), in which the
  // bound's observer runs.
  const script = `
    const y = require(${JSON.stringify(moduleFile)});
    const check = ${between} ? y.youngGenerationCheck(${semiSpaceMB ?? 0}) : () => {};
    if (${semiSpaceMB ?? 0} > 0 && !${between}) y.boundYoungGeneration(${semiSpaceMB ?? 0});
    if (${stopFirst}) check(true);
    const keep = [];
    let turn = 0;
    (function burst() {
      for (let i = 0; i < 3e6 / ${turns}; i++) { const o = { a: i, b: [i] }; if (i % 3 === 0) keep.push(o); if (keep.length > 200000) keep.splice(0, 100000); }
      check();
      if (++turn < ${turns}) setImmediate(burst);
      else process.stdout.write(String(y.youngGenerationBytes() / 1048576));
    })();`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

describe('young generation bound (sizes, not timings)', () => {
  it('keeps the semi-spaces at their starting size under boundYoungGeneration(1)', () => {
    const unbounded = youngGenerationAfterBurst(undefined);
    const bounded = youngGenerationAfterBurst(1);
    assert.ok(unbounded > 8, `without a bound the young generation grows (${unbounded} MB)`);
    assert.ok(bounded <= 2.5, `bounded: ${bounded} MB`);
  });

  it('lets them grow to the bound and at most one doubling further when the CLI looks between letters', () => {
    const bounded = youngGenerationAfterBurst(4, 100, true);
    assert.ok(bounded <= 16.5, `bounded: ${bounded} MB`);
  });

  it('stops the growth at once when the CLI asks before a letter large enough to grow them by itself', () => {
    const stopped = youngGenerationAfterBurst(4, 1, true, true);
    assert.ok(stopped <= 2.5, `stopped before the burst: ${stopped} MB`);
  });

  it('lets them grow to the bound and at most one doubling further when it is looked at between turns (the server)', () => {
    const bounded = youngGenerationAfterBurst(4, 100);
    assert.ok(bounded <= 16.5, `bounded: ${bounded} MB`);
  });

  it('lets them grow again when bounded anew (the server, after V8 shrank them while idle)', () => {
    // boundYoungGeneration(1) stops the growth at once; a later bound of 4 MB lifts that.
    const script = `
      const y = require(${JSON.stringify(moduleFile)});
      y.boundYoungGeneration(1);
      y.boundYoungGeneration(4);
      const keep = [];
      let turn = 0;
      (function burst() {
        for (let i = 0; i < 3e4; i++) { const o = { a: i, b: [i] }; if (i % 3 === 0) keep.push(o); if (keep.length > 200000) keep.splice(0, 100000); }
        if (++turn < 100) setImmediate(burst);
        else process.stdout.write(String(y.youngGenerationBytes() / 1048576));
      })();`;
    const regrown = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    assert.ok(regrown > 2.5 && regrown <= 16.5, `grown again, bounded: ${regrown} MB`);
  });
});

/**
 * The old generation's largest size in MB during a burst in which every object lives long enough
 * to be promoted (the young generation held at its starting size), then dies: 60,000 objects
 * alive at a time, 1.5 million made, over 150 turns of the event loop.
 */
function oldGenerationPeak(percent: number | undefined): number {
  const script = `
    const y = require(${JSON.stringify(moduleFile)});
    y.boundYoungGeneration(1);
    if (${percent ?? 0} > 0) y.boundOldGenerationGrowth(${percent ?? 0});
    const ring = new Array(60000);
    let turn = 0, made = 0, peak = 0;
    (function burst() {
      for (let i = 0; i < 10000; i++, made++) ring[made % ring.length] = { a: made, b: [made, turn], c: 'x' + made };
      peak = Math.max(peak, y.oldGenerationBytes());
      if (++turn < 150) setImmediate(burst);
      else process.stdout.write(String(peak / 1048576));
    })();`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

describe('old generation growth bound (sizes, not timings)', () => {
  it('collects the old generation before it grows far beyond what it keeps', () => {
    const unbounded = oldGenerationPeak(undefined);
    const bounded = oldGenerationPeak(30);
    // About 6 MB live: bounded, 29-34 MB at the peak here; unbounded, 54-56 MB.
    assert.ok(bounded <= 42, `bounded: ${bounded} MB`);
    assert.ok(unbounded >= bounded + 10, `unbounded ${unbounded} MB, bounded ${bounded} MB`);
  });
});
