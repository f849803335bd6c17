/**
 * imr-lint --fix: applies every unambiguous fix to each letter file with the service's fix-all
 * routine and writes the result atomically (a temporary file in the same folder, same mode, then a
 * rename). The file keeps its line endings (applyFixes), its byte order mark and its encoding
 * (UTF-8 or UTF-16 LE with a BOM; anything else is left alone). A file is never touched when its
 * fixes would overlap, or when its text on disk changed while it was being checked.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { AcceptedWords, FixedProblem, LanguageService, ResolvedRules } from '../service';

export type FixStatus = 'fixed' | 'nothing-to-fix' | 'overlap' | 'changed-on-disk' | 'unsupported-encoding' | 'write-failed';

export interface FixOutcome {
  file: string;
  status: FixStatus;
  fixed: FixedProblem[];
  /** The text to report on: the fixed text when written, else the text that was checked. */
  text: string;
  /** The reason, for 'write-failed'. */
  detail?: string;
}

interface Decoded {
  text: string;
  bom: boolean;
  encoding: 'utf8' | 'utf16le';
}

/** Decodes a letter file; undefined when it is neither valid UTF-8 nor UTF-16 LE with a BOM. */
export function decodeLetter(bytes: Buffer): Decoded | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), bom: true, encoding: 'utf16le' };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const text = body.toString('utf8');
  // A round trip that changes the bytes means the file is not UTF-8 (e.g. Latin-1): writing it back would damage it.
  if (!Buffer.from(text, 'utf8').equals(body)) return undefined;
  return { text, bom, encoding: 'utf8' };
}

export function encodeLetter(decoded: Decoded, text: string): Buffer {
  if (decoded.encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const body = Buffer.from(text, 'utf8');
  return decoded.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Writes `bytes` to `file` through a temporary file in the same folder and a rename, keeping the mode. */
export function writeAtomically(file: string, bytes: Buffer, mode: number): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.imr-lint-${process.pid}-${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', mode & 0o7777);
    try {
      fs.writeFileSync(fd, bytes);
      fs.fchmodSync(fd, mode & 0o7777);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (e) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // already gone
    }
    throw e;
  }
}

export interface FixContext {
  service: LanguageService;
  rules: ResolvedRules;
  words: AcceptedWords;
  uriOf(file: string): string;
  /** Test hook: runs after the fixes are computed and before the file is re-read and replaced. */
  beforeWrite?(file: string): void;
}

/** Fixes one file whose checked text is `checked` (as the CLI decoded it). */
export function fixFile(file: string, checked: string, context: FixContext): FixOutcome {
  let bytes: Buffer;
  let mode: number;
  try {
    bytes = fs.readFileSync(file);
    mode = fs.statSync(file).mode;
  } catch (e) {
    return { file, status: 'write-failed', fixed: [], text: checked, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
  const decoded = decodeLetter(bytes);
  if (!decoded) return { file, status: 'unsupported-encoding', fixed: [], text: checked };
  if (decoded.text !== checked) return { file, status: 'changed-on-disk', fixed: [], text: checked };
  const uri = context.uriOf(file);
  const result = context.service.fixAll({ uri, version: 0, getText: () => decoded.text }, context.rules, context.words);
  context.service.forget(uri);
  if (result.refused) return { file, status: 'overlap', fixed: [], text: checked };
  if (result.fixed.length === 0 || result.text === decoded.text) return { file, status: 'nothing-to-fix', fixed: [], text: checked };
  context.beforeWrite?.(file);
  try {
    // The file must still hold exactly the bytes that were checked.
    if (!fs.readFileSync(file).equals(bytes)) return { file, status: 'changed-on-disk', fixed: [], text: checked };
    writeAtomically(file, encodeLetter(decoded, result.text), mode);
  } catch (e) {
    return { file, status: 'write-failed', fixed: [], text: checked, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
  return { file, status: 'fixed', fixed: result.fixed, text: result.text };
}

/** One line per file that was fixed or left alone for a reason (files with nothing to fix are not listed). */
export function describeOutcome(outcome: FixOutcome): string | undefined {
  switch (outcome.status) {
    case 'fixed': {
      const byRule = new Map<string, number>();
      for (const f of outcome.fixed) byRule.set(`${f.ruleId} ${f.alias}`, (byRule.get(`${f.ruleId} ${f.alias}`) ?? 0) + 1);
      const list = [...byRule].map(([rule, n]) => `${rule} x${n}`).join(', ');
      return `${outcome.file}: fixed ${outcome.fixed.length} problem${outcome.fixed.length === 1 ? '' : 's'} (${list}).`;
    }
    case 'overlap':
      return `${outcome.file}: not changed: two of its fixes would change the same text; fix it in the editor.`;
    case 'changed-on-disk':
      return `${outcome.file}: not changed: the file changed while it was being checked; run again.`;
    case 'unsupported-encoding':
      return `${outcome.file}: not changed: it is not UTF-8 text, and rewriting it could damage it.`;
    case 'write-failed':
      return `${outcome.file}: not changed: cannot write it (${outcome.detail}).`;
    default:
      return undefined;
  }
}
