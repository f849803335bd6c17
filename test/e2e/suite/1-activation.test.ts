// Activation and the plain-text letter switch, in the real editor.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { DEFECTIVE } from '../expected';
import { EXAMPLES, EXTENSION_ID, FIXTURES, closeAll, current, hoverText, open, removeScratch, scratchCopy, setDetect, waitFor, waitForCodes } from '../helpers';

/** Resolves once the language server answers for `uri` (a hover on the first section heading, line 7). */
function served(uri: vscode.Uri): Promise<string> {
  return waitFor(`the language server to serve ${path.basename(uri.fsPath)}`, async () => {
    const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(6, 30));
    const text = h ? hoverText(h) : '';
    return /How the IMR final determination was made/.test(text) ? text : undefined;
  });
}

/** The command line of each child process of this extension host that runs a `server.js` (Linux: /proc). */
function serverCommandLines(): string[][] {
  const lines: string[][] = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (parent === process.pid && argv.some((a) => a.endsWith(`${path.sep}server.js`))) lines.push(argv);
    } catch {
      // a process that ended meanwhile
    }
  }
  return lines;
}

suite('activation and language switch', () => {
  suiteTeardown(async () => {
    await closeAll();
    await setDetect(undefined);
    removeScratch();
  });

  test('opening a .imr letter activates the extension', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the editor`);
    // Not asserted inactive first: activation on plaintext lets the workbench's own plain-text
    // models (e.g. output channels) activate it before any letter opens.
    const uri = scratchCopy(path.join(EXAMPLES, 'clean-letter.imr'));
    const doc = await open(uri);
    assert.strictEqual(doc.languageId, 'imr');
    await waitFor('the extension to activate', () => ext.isActive);
    await served(uri);
  });

  test('the server runs with V8 helper threads that leave it a core (client/src/server-process.ts)', async function () {
    if (!fs.existsSync('/proc/self/stat')) this.skip();
    const uri = scratchCopy(path.join(EXAMPLES, 'clean-letter.imr'));
    await open(uri);
    await served(uri);
    const servers = serverCommandLines();
    assert.strictEqual(servers.length, 1, `server processes of this editor: ${JSON.stringify(servers)}`);
    assert.ok(
      servers[0].some((a) => /^--v8-pool-size=[1-4]$/.test(a)),
      `the server's command line: ${servers[0].join(' ')}`,
    );
  });

  test('a plain .txt letter switches to imr; a .txt that is not a letter stays plaintext', async () => {
    const other = scratchCopy(path.join(FIXTURES, 'workspace', 'not-a-letter.txt'));
    const letter = scratchCopy(path.join(EXAMPLES, 'plain-letter.txt'));
    const otherDoc = await open(other);
    assert.strictEqual(otherDoc.languageId, 'plaintext');
    await open(letter);
    await waitFor(
      'plain-letter.txt to switch to imr',
      () => current(letter)?.languageId === 'imr',
      () => `languageId=${current(letter)?.languageId}`,
    );
    // The client handles documents in the order they open, so by now it has decided about the
    // non-letter opened first: it must still be plain text.
    assert.strictEqual(current(other)?.languageId, 'plaintext', 'not-a-letter.txt was switched');
    // The switched letter is served by the language server.
    await served(letter);
  });

  test('a defective letter saved as .txt switches to imr and gets its diagnostics', async () => {
    const uri = scratchCopy(path.join(EXAMPLES, 'defective-letter.imr'), 'defective-letter.txt');
    await open(uri);
    await waitFor('defective-letter.txt to switch to imr', () => current(uri)?.languageId === 'imr');
    await waitForCodes(
      uri,
      DEFECTIVE.map((e) => e.code),
    );
  });

  test('imrLint.detectPlainTextLetters=false leaves a .txt letter as plaintext', async () => {
    await setDetect(false);
    try {
      const letter = scratchCopy(path.join(EXAMPLES, 'plain-letter.txt'));
      const marker = scratchCopy(path.join(EXAMPLES, 'clean-letter.imr'));
      await open(letter);
      // Wait for something that happens after the client has seen the letter: it serves the .imr opened next.
      await open(marker);
      await served(marker);
      assert.strictEqual(current(letter)?.languageId, 'plaintext', 'the letter was switched although detection is off');
    } finally {
      await setDetect(undefined);
    }
  });
});
