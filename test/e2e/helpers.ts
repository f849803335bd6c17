// Helpers for the real-editor suite: fixtures copied to a private folder, polling with a timeout
// (no fixed sleeps), and small accessors for diagnostics.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

/** Repository root (out/test/e2e/helpers.js -> ../../..). */
export const ROOT = process.env.IMR_E2E_ROOT || path.resolve(__dirname, '..', '..', '..');
export const EXAMPLES = path.join(ROOT, 'examples');
export const FIXTURES = path.join(ROOT, 'test', 'e2e', 'fixtures');
export const EXTENSION_ID = 'imr-lint.imr-lint';
export const WAIT_MS = Number(process.env.E2E_WAIT_MS) || 20000;

/** Polls `probe` every 50 ms until it returns a truthy value; fails with `describe()` after `ms`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  describe: () => string = () => '',
  ms = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const extra = describe();
      assert.fail(
        `timed out after ${ms} ms waiting for ${what}${extra ? `; last state: ${extra}` : ''}${lastError ? `; last error: ${String(lastError)}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

let scratch: string | undefined;
/** Copies a file into a fresh per-run folder (its own subfolder, so names never clash) and returns its URI. */
export function scratchCopy(src: string, name = path.basename(src)): vscode.Uri {
  if (!scratch) scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-e2e-docs-'));
  const dir = fs.mkdtempSync(path.join(scratch, 'case-'));
  const dest = path.join(dir, name);
  fs.copyFileSync(src, dest);
  return vscode.Uri.file(dest);
}
export function removeScratch(): void {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

export async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The document as the editor knows it now (its language may have changed since it was opened). */
export function current(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

export async function closeAll(): Promise<void> {
  // Revert so that no dirty scratch document is left behind, then close.
  for (;;) {
    const dirty = vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.scheme === 'file');
    if (!dirty) break;
    await vscode.window.showTextDocument(dirty);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'imr-lint');
}

export function show(diags: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(
    diags.map((d) => ({
      code: codeOf(d),
      severity: vscode.DiagnosticSeverity[d.severity],
      range: `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
      message: d.message,
    })),
  );
}

/** Waits until the document's imr-lint diagnostics have exactly these codes (any order). */
export function waitForCodes(uri: vscode.Uri, codes: string[], ms = WAIT_MS): Promise<vscode.Diagnostic[]> {
  const want = [...codes].sort().join(',');
  return waitFor(
    `diagnostics [${want}] on ${path.basename(uri.fsPath)}`,
    () => {
      const got = ours(uri);
      return got.map(codeOf).sort().join(',') === want ? got : undefined;
    },
    () => show(ours(uri)),
    ms,
  );
}

export function range(sl: number, sc: number, el: number, ec: number): vscode.Range {
  return new vscode.Range(sl, sc, el, ec);
}

/** Sets a user (global) setting of the extension and waits until the extension host sees it. */
async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('imrLint').update(key, value, vscode.ConfigurationTarget.Global);
  const want = JSON.stringify(value === undefined ? null : value);
  await waitFor(`setting imrLint.${key} = ${want}`, () => {
    const got = vscode.workspace.getConfiguration('imrLint').inspect(key)?.globalValue;
    return JSON.stringify(got === undefined ? null : got) === want;
  });
}

export function setRules(value: Record<string, unknown> | undefined): Promise<void> {
  return setSetting('rules', value);
}

export function setDetect(value: boolean | undefined): Promise<void> {
  return setSetting('detectPlainTextLetters', value);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}
