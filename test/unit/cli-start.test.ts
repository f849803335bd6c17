// The command line's start (server/src/cli/start.ts): the CLI bundle loaded through V8's code
// cache, in the user's cache folder only, keyed by the exact bundle, with the same output.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CACHES_KEPT, cacheFileOf, cacheFolder, cacheKey, loadWithCodeCache, placeTag } from '../../server/src/cli/start';
import { repoRoot } from '../util';

const bin = path.join(repoRoot, 'bin', 'imr-lint.js');
const examples = path.join(repoRoot, 'examples');

describe('CLI start: the code cache', function () {
  this.timeout(60000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-lint-start-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('lives in IMR_LINT_CACHE_DIR, else $XDG_CACHE_HOME/imr-lint, else ~/.cache/imr-lint; off when asked', () => {
    assert.strictEqual(
      cacheFolder({ IMR_LINT_CACHE_DIR: '/x/y' }, () => '/home/u'),
      '/x/y',
    );
    assert.strictEqual(
      cacheFolder({ IMR_LINT_CACHE_DIR: 'off' }, () => '/home/u'),
      undefined,
    );
    assert.strictEqual(
      cacheFolder({ IMR_LINT_CACHE_DIR: '' }, () => '/home/u'),
      undefined,
    );
    assert.strictEqual(
      cacheFolder({ XDG_CACHE_HOME: '/c' }, () => '/home/u'),
      path.join('/c', 'imr-lint'),
    );
    assert.strictEqual(
      cacheFolder({ XDG_CACHE_HOME: 'relative' }, () => '/home/u'),
      path.join('/home/u', '.cache', 'imr-lint'),
    );
    assert.strictEqual(
      cacheFolder({}, () => ''),
      undefined,
      'no home folder: no cache',
    );
  });

  it('is made once, used by the next load, and made again for another bundle', () => {
    const bundle = path.join(tmp, 'bundle.js');
    const folder = path.join(tmp, 'cache');
    const write = (answer: number) =>
      fs.writeFileSync(
        bundle,
        `const p = require('path');\nexports.answer = () => ${answer};\nexports.dir = __dirname;\nexports.base = p.basename(__filename);\n`,
      );
    write(41);
    const first = loadWithCodeCache(bundle, folder);
    assert.strictEqual(first.status, 'none');
    assert.strictEqual((first.exports.answer as () => number)(), 41);
    assert.strictEqual(first.exports.dir, tmp);
    assert.strictEqual(first.exports.base, 'bundle.js');
    first.save();
    const file = cacheFileOf(bundle, folder);
    const key = cacheKey(fs.readFileSync(bundle));
    assert.ok(fs.readFileSync(file).subarray(0, key.length).equals(key), 'keyed by the bundle');
    assert.deepStrictEqual(fs.readdirSync(folder), [path.basename(file)], 'one file, no temporary left');
    const second = loadWithCodeCache(bundle, folder);
    assert.strictEqual(second.status, 'used');
    assert.strictEqual((second.exports.answer as () => number)(), 41);
    // The same length, another text: V8 would take the old cache; the key does not.
    write(42);
    const third = loadWithCodeCache(bundle, folder);
    assert.strictEqual(third.status, 'stale');
    assert.strictEqual((third.exports.answer as () => number)(), 42);
    third.save();
    assert.strictEqual(loadWithCodeCache(bundle, folder).status, 'used');
    assert.deepStrictEqual(fs.readdirSync(folder), [path.basename(file)], 'still one file');
    // A cache others may write is not used (V8 runs what it holds): it is made again, privately.
    fs.chmodSync(file, 0o666);
    const shared = loadWithCodeCache(bundle, folder);
    assert.strictEqual(shared.status, 'stale');
    assert.strictEqual((shared.exports.answer as () => number)(), 42);
    shared.save();
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    assert.strictEqual(loadWithCodeCache(bundle, folder).status, 'used');
  });

  it('keeps one cache per install of a bundle, the most recent CACHES_KEPT, and drops the untagged name', () => {
    const folder = path.join(tmp, 'installs');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'bundle.js.v8cache'), "an earlier version's cache");
    fs.writeFileSync(path.join(folder, 'other.js.0123abcd.v8cache'), 'another bundle');
    const installs = Array.from({ length: CACHES_KEPT + 2 }, (_, i) => {
      const dir = path.join(tmp, `install-${i}`, 'dist');
      fs.mkdirSync(dir, { recursive: true });
      const bundle = path.join(dir, 'bundle.js');
      fs.writeFileSync(bundle, 'exports.same = true;\n');
      return bundle;
    });
    assert.strictEqual(new Set(installs.map((b) => placeTag(b))).size, installs.length, 'a tag per folder');
    assert.match(path.basename(cacheFileOf(installs[0], folder)), /^bundle\.js\.[0-9a-f]{8}\.v8cache$/);
    const made = Date.now() / 1000 - 1000;
    installs.forEach((bundle, i) => {
      const loaded = loadWithCodeCache(bundle, folder);
      assert.strictEqual(loaded.status, 'none', `install ${i} finds no cache of its own`);
      loaded.save();
      fs.utimesSync(cacheFileOf(bundle, folder), made + i, made + i); // made in this order
    });
    const recent = installs.slice(-CACHES_KEPT);
    assert.deepStrictEqual(
      fs.readdirSync(folder).sort(),
      [...recent.map((b) => path.basename(cacheFileOf(b, folder))), 'other.js.0123abcd.v8cache'].sort(),
      'the most recent installs, and the other bundle untouched',
    );
    // Installs used alternately each keep using their own.
    for (const bundle of [...recent, ...recent]) assert.strictEqual(loadWithCodeCache(bundle, folder).status, 'used');
  });

  it('writes nothing when off, and a folder it cannot write only means no cache', () => {
    const bundle = path.join(tmp, 'small.js');
    fs.writeFileSync(bundle, "exports.ok = true;\nexports.word = 'caf\u00e9 \u2122';\n"); // not ASCII: decoded as UTF-8
    const blocked = path.join(tmp, 'a-file');
    fs.writeFileSync(blocked, '');
    const before = fs.readdirSync(tmp).sort();
    const off = loadWithCodeCache(bundle, undefined);
    assert.strictEqual(off.status, 'off');
    assert.strictEqual(off.exports.word, 'caf\u00e9 \u2122');
    off.save();
    const cannot = loadWithCodeCache(bundle, path.join(blocked, 'cache'));
    assert.strictEqual(cannot.exports.ok, true);
    assert.doesNotThrow(() => cannot.save());
    assert.deepStrictEqual(fs.readdirSync(tmp).sort(), before, 'nothing written');
  });

  it('runs the CLI (bin/imr-lint.js) with the same output, the cache made by the first run and used by the next', function () {
    if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli-start.js'))) return this.skip();
    const folder = path.join(tmp, 'cli-cache');
    const args = [bin, '--format', 'json', path.join(examples, 'defective-letter.imr'), path.join(examples, 'clean-letter.imr')];
    const plain = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, IMR_LINT_CACHE_DIR: 'off' } });
    const env = { ...process.env, IMR_LINT_CACHE_DIR: folder };
    const first = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    const cache = cacheFileOf(path.join(repoRoot, 'dist', 'cli.js'), folder);
    assert.deepStrictEqual(fs.readdirSync(folder), [path.basename(cache)]);
    const made = fs.statSync(cache).mtimeMs;
    const second = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    assert.strictEqual(fs.statSync(cache).mtimeMs, made, 'used, not made again');
    for (const r of [first, second]) {
      assert.strictEqual(r.status, plain.status);
      assert.strictEqual(r.stderr, plain.stderr);
      assert.ok(r.stdout === plain.stdout, 'the outputs differ');
    }
    assert.strictEqual(plain.status, 1);
  });

  it('starts the worker threads from the bundle through the same cache, with the same output', function () {
    if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli-worker-start.js'))) return this.skip();
    const dir = path.join(tmp, 'many');
    fs.mkdirSync(dir);
    const letters = ['defective-letter.imr', 'clean-letter.imr'].map((n) => fs.readFileSync(path.join(examples, n), 'utf8'));
    // More than PARALLEL_THRESHOLD (400) files: the main thread and one worker (IMR_LINT_THREADS=2).
    for (let i = 0; i < 410; i++) fs.writeFileSync(path.join(dir, `l${String(i).padStart(3, '0')}.imr`), letters[i % 2]);
    const folder = path.join(tmp, 'threads-cache');
    const args = [bin, '--format', 'json', dir];
    const one = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, IMR_LINT_CACHE_DIR: 'off', IMR_LINT_THREADS: '1' } });
    assert.strictEqual(JSON.parse(one.stdout).length, 410);
    for (let run = 0; run < 2; run++) {
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, IMR_LINT_CACHE_DIR: folder, IMR_LINT_THREADS: '2' } });
      assert.strictEqual(r.stderr, one.stderr);
      assert.strictEqual(r.status, one.status);
      assert.ok(r.stdout === one.stdout, `run ${run + 1}: the outputs differ`);
      assert.deepStrictEqual(
        fs.readdirSync(folder),
        [path.basename(cacheFileOf(path.join(repoRoot, 'dist', 'cli.js'), folder))],
        "one cache, the workers use the main thread's",
      );
    }
  });
});
