/**
 * The CLI's standard output (cli.ts stdoutWriter): into a file or pipe, lines are written in
 * blocks (one write per block, not per letter), nothing is lost or reordered, and the rest is
 * written by flush; on a terminal every line is written at once.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stdoutTarget, stdoutWriter } from '../../server/src/cli';
import { repoRoot } from '../util';
import { createReporter, JSON_GROUP, type FileResult } from '../../server/src/cli/output';
import type { Problem } from '../../server/src/service';

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

  it('writes into a regular file through its descriptor, and leaves anything else to process.stdout', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-stdout-'));
    try {
      const file = path.join(dir, 'out.txt');
      const fd = fs.openSync(file, 'w');
      try {
        const target = stdoutTarget(fd);
        assert.notStrictEqual(target, process.stdout);
        const w = stdoutWriter(target, 8);
        for (const l of ['first line', 'a “two-byte” line', 'last']) w.out(l);
        w.flush();
      } finally {
        fs.closeSync(fd);
      }
      assert.strictEqual(fs.readFileSync(file, 'utf8'), 'first line\na “two-byte” line\nlast\n');
      assert.strictEqual(stdoutTarget(-1), process.stdout, 'no such descriptor');
      const folder = fs.openSync(dir, 'r');
      assert.strictEqual(stdoutTarget(folder), process.stdout, 'a folder is not a file');
      fs.closeSync(folder);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same output into a file as into a pipe (bin/imr-lint.js)', () => {
    const bin = path.join(repoRoot, 'bin', 'imr-lint.js');
    const args = [bin, '--format', 'json', path.join(repoRoot, 'examples', 'defective-letter.imr'), path.join(repoRoot, 'examples', 'clean-letter.imr')];
    const piped = spawnSync(process.execPath, args, { encoding: 'utf8' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-stdout-'));
    try {
      const file = path.join(dir, 'out.json');
      const fd = fs.openSync(file, 'w');
      let status: number | null;
      try {
        status = spawnSync(process.execPath, args, { stdio: ['ignore', fd, 'pipe'] }).status;
      } finally {
        fs.closeSync(fd);
      }
      assert.strictEqual(status, piped.status);
      assert.ok(fs.readFileSync(file, 'utf8') === piped.stdout, 'the outputs differ');
      assert.ok(piped.stdout.length > 1000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes every line at once on a terminal', () => {
    const { stream, writes } = sink(true);
    const w = stdoutWriter(stream, 100);
    w.out('a');
    w.out('b');
    assert.deepStrictEqual(writes, ['a\n', 'b\n']);
  });
});

describe('CLI JSON output in pieces', () => {
  const problem = (i: number): Problem => ({
    ruleId: `IMR0${10 + (i % 20)}`,
    alias: i % 3 ? 'some-alias' : 'other',
    severity: i % 2 ? 'warning' : 'error',
    message: `message ${i} with “quotes”, a \\ and a "quote"\n`,
    range: { start: { line: i, character: i % 7 }, end: { line: i + 1, character: 0 } },
  });
  const reporter = () => {
    const lines: string[] = [];
    return { lines, reporter: createReporter('json', (s) => lines.push(s), { version: '0', docsBaseUri: 'file:///d', readmeUri: 'file:///r', cwd: '/' }) };
  };

  it('writes what JSON.stringify writes, byte for byte, for files of any size (a large file in groups of diagnostics)', () => {
    const sizes = [0, 1, JSON_GROUP - 1, JSON_GROUP, JSON_GROUP + 1, 2 * JSON_GROUP, 3 * JSON_GROUP + 5];
    const results: FileResult[] = [];
    for (const n of sizes) {
      results.push({ file: `letter-${n}.imr`, problems: Array.from({ length: n }, (_, i) => problem(i)) });
      results.push({
        file: `failed-${n}".imr`,
        problems: Array.from({ length: n }, (_, i) => problem(i + 1)),
        failures: ['rule IMR010 failed (TypeError) and was skipped'],
      });
    }
    results.push({ file: 'blank.imr', problems: [], notLetter: 'the file is empty or blank, so it is not a letter' });
    const expected = (rs: FileResult[]) =>
      JSON.stringify(
        rs.map((r) => ({
          file: r.file,
          diagnostics: r.problems.map((p) => ({ rule: p.ruleId, alias: p.alias, severity: p.severity, message: p.message, range: p.range })),
          ...(r.notLetter ? { notLetter: r.notLetter } : {}),
          ...(r.failures?.length ? { failures: r.failures } : {}),
        })),
        null,
        2,
      ) + '\n';
    for (const rs of [[], results.slice(0, 1), results.slice(-1), results]) {
      const { lines, reporter: r } = reporter();
      for (const result of rs) r.file(result);
      r.end([]);
      assert.strictEqual(lines.map((l) => l + '\n').join(''), expected(rs));
    }
  });

  it('never writes a large file as one piece', () => {
    const { lines, reporter: r } = reporter();
    r.file({ file: 'big.imr', problems: Array.from({ length: 10 * JSON_GROUP }, (_, i) => problem(i)) });
    r.end([]);
    assert.ok(lines.length >= 10, `${lines.length} pieces`);
    const longest = Math.max(...lines.map((l) => l.length));
    assert.ok(longest < 2 * JSON_GROUP * 300, `longest piece ${longest} characters`);
  });
});
