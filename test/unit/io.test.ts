/**
 * Reading files (server/src/io.ts): readRegularText, which reads letters into one kept buffer,
 * gives what decode(readRegularFile(...)) gives, whatever was read before it.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decode, readRegularFile, readRegularText } from '../../server/src/io';

describe('io: readRegularText', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-lint-io-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const write = (name: string, content: string | Buffer) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it('gives the text decode(readRegularFile) gives, one file after another (a larger one before a smaller one)', () => {
    const files = [
      write('large.imr', 'Large letter line\n'.repeat(8000)),
      write('small.imr', 'Small letter\n'),
      write('bom.imr', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('With a byte order mark: é\n')])),
      write('empty.imr', ''),
      write('huge.imr', 'x'.repeat(1024 * 1024 + 10)),
      write('after-huge.imr', 'After the huge one\n'),
    ];
    for (const file of files)
      assert.strictEqual(readRegularText(file, 16 * 1024 * 1024, '16 MiB'), decode(readRegularFile(file, 16 * 1024 * 1024, '16 MiB')), file);
  });

  it('refuses what readRegularFile refuses: a file over the limit, a folder, a missing file', () => {
    const big = write('big.imr', 'y'.repeat(100));
    assert.throws(() => readRegularText(big, 50, '50 bytes'), /larger than 50 bytes \(100 bytes\): skipped/);
    assert.throws(
      () => readRegularText(tmp, 50, '50 bytes'),
      (e: Error) => e.name === 'ReadError' || (e as NodeJS.ErrnoException).code === 'EISDIR',
    );
    assert.throws(
      () => readRegularText(path.join(tmp, 'missing.imr'), 50, '50 bytes'),
      (e: NodeJS.ErrnoException) => e.code === 'ENOENT',
    );
  });

  it('refuses a named pipe without waiting for a writer', function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(tmp, 'pipe.imr');
    execFileSync('mkfifo', [fifo]);
    assert.throws(() => readRegularText(fifo, 50, '50 bytes'), /a named pipe \(FIFO\), not a file to read: skipped/);
  });
});
