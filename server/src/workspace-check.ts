/**
 * "Check all letters in the workspace": finds the letters of the workspace folders (the CLI's
 * rules, letter-files.ts), checks those that are not open in the editor and publishes their
 * problems, so the Problems panel lists them without opening them. Reports work-done progress
 * (cancellable). Afterwards it keeps the results current as files change on disk; open letters
 * are left to the editor's own diagnostics.
 */
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { findLetterFiles, isLetterFile, LETTER_NAME, readLetter, SKIP_DIRS } from './letter-files';

export interface CheckProgress {
  report(percentage: number, message: string): void;
  readonly cancelled: boolean;
  done(): void;
}

export interface WorkspaceCheckHost {
  /** Diagnostics of a letter's text (the server's current rules and words). */
  lint(uri: string, text: string): Diagnostic[];
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** Is the document open in the editor (its diagnostics come from the editor then)? */
  isOpen(uri: string): boolean;
}

export interface CheckSummary {
  letters: number;
  problems: number;
  cancelled: boolean;
}

export class WorkspaceCheck {
  /** Letters whose problems this check published (uri -> number of problems). */
  private readonly published = new Map<string, number>();
  private active = false;
  private folders: string[] = [];

  constructor(private readonly host: WorkspaceCheckHost) {}

  get isActive(): boolean {
    return this.active;
  }

  async run(folderUris: readonly string[], progress: CheckProgress): Promise<CheckSummary> {
    this.active = true;
    this.folders = [];
    const files: string[] = [];
    try {
      progress.report(0, 'Finding letters ...');
      for (const folder of folderUris) {
        let dir: string;
        try {
          dir = fileURLToPath(folder);
        } catch {
          continue; // a virtual folder: nothing on disk
        }
        this.folders.push(dir);
        files.push(...(await findLetterFiles(dir, () => progress.cancelled)));
      }
      let problems = 0;
      let done = 0;
      let lastPercentage = -1;
      for (const file of files) {
        if (progress.cancelled) return { letters: done, problems, cancelled: true };
        problems += await this.checkFile(pathToFileURL(file).href, file);
        done++;
        // At most one report per percent (a folder of 2,000 letters sends about 100).
        const percentage = Math.floor((done / Math.max(1, files.length)) * 100);
        if (percentage !== lastPercentage || done === files.length) progress.report(percentage, `${done} of ${files.length} letters`);
        lastPercentage = percentage;
        // Let cancellation and other requests through between letters.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return { letters: done, problems, cancelled: false };
    } finally {
      progress.done();
    }
  }

  /** Checks one file from disk (unless open) and publishes its problems; returns their number. */
  private async checkFile(uri: string, file: string): Promise<number> {
    if (this.host.isOpen(uri)) return 0;
    let text: string;
    try {
      text = await readLetter(file);
    } catch {
      this.clear(uri);
      return 0;
    }
    if (this.host.isOpen(uri)) return 0;
    const diagnostics = this.host.lint(uri, text);
    this.host.publish(uri, diagnostics);
    this.published.set(uri, diagnostics.length);
    return diagnostics.length;
  }

  private clear(uri: string): void {
    if (this.published.delete(uri)) this.host.publish(uri, []);
  }

  /** A file changed on disk (created, changed or deleted): keep its problems current. */
  async fileChanged(uri: string, deleted: boolean): Promise<void> {
    if (!this.active) return;
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return;
    }
    const inside = this.folders.find((dir) => !path.relative(dir, file).startsWith('..') && !path.isAbsolute(path.relative(dir, file)));
    if (!inside || !LETTER_NAME.test(file)) return;
    const parts = path.relative(inside, file).split(path.sep);
    if (parts.slice(0, -1).some((part) => SKIP_DIRS.has(part) || part.startsWith('.'))) return;
    if (deleted) return this.clear(uri);
    if (this.host.isOpen(uri)) return;
    let letter = false;
    try {
      letter = await isLetterFile(file);
    } catch {
      letter = false;
    }
    if (letter) await this.checkFile(uri, file);
    else this.clear(uri);
  }

  /** A document was opened: the editor's diagnostics replace the published ones. */
  opened(uri: string): void {
    if (this.published.has(uri)) {
      this.published.delete(uri);
      this.host.publish(uri, []);
    }
  }

  /** A document was closed: its file's problems are published again (when the check is on). */
  async closed(uri: string): Promise<void> {
    await this.fileChanged(uri, false);
  }

  /** The rules or words changed: re-check every published letter. */
  async recheckAll(): Promise<void> {
    for (const uri of [...this.published.keys()]) await this.fileChanged(uri, false);
  }
}
