/**
 * Request hygiene for the server (docs/reliability.md): parameters are checked before the
 * service sees them (bad ones give -32602 InvalidParams), and a failure inside a handler is
 * caught, logged by method and error name only (never text), and answered with a safe result.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function invalid(method: string, what: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${what}`);
}

export function isPosition(v: unknown): boolean {
  return isObject(v) && isIndex(v.line) && isIndex(v.character);
}

export function isRange(v: unknown): boolean {
  return isObject(v) && isPosition(v.start) && isPosition(v.end);
}

/** The params of a textDocument request: `{ textDocument: { uri } }`, plus a position or range when asked. */
export function checkDocumentParams(method: string, params: unknown, needs: 'none' | 'position' | 'range' = 'none'): void {
  if (!isObject(params)) throw invalid(method, 'the parameters are missing.');
  if (!isObject(params.textDocument) || typeof params.textDocument.uri !== 'string') throw invalid(method, 'textDocument.uri must be a string.');
  if (needs === 'position' && !isPosition(params.position)) throw invalid(method, 'position must be { line, character } with whole numbers of 0 or more.');
  if (needs === 'range' && !isRange(params.range)) throw invalid(method, 'range must be { start, end } positions with whole numbers of 0 or more.');
}

/** The params of imrLint/catalogDocument: `{ uri: string }`. */
export function checkCatalogParams(method: string, params: unknown): void {
  if (!isObject(params) || typeof params.uri !== 'string') throw invalid(method, 'the parameters must be { "uri": string }.');
}

/**
 * Why an `initialize` request must be refused with -32602, or undefined when it can be taken:
 * the params must be an object with a `capabilities` object (LSP: both are required), and
 * `workspaceFolders`, when given, null or an array of `{ uri }`. The library reads these
 * before any handler of ours runs, so a bad one used to surface as -32603 (internal error).
 */
export function refuseInitialize(params: unknown): string | undefined {
  if (!isObject(params)) return 'the parameters must be an object (InitializeParams).';
  if (!isObject(params.capabilities)) return 'capabilities must be an object.';
  const folders = params.workspaceFolders;
  if (folders !== undefined && folders !== null && (!Array.isArray(folders) || folders.some((f) => !isObject(f) || typeof f.uri !== 'string')))
    return 'workspaceFolders must be null or an array of { uri, name }.';
  return undefined;
}

/** A didOpen the server can take: a uri, a whole version and the text. */
export function validOpen(params: unknown): boolean {
  if (!isObject(params) || !isObject(params.textDocument)) return false;
  const td = params.textDocument;
  return typeof td.uri === 'string' && Number.isInteger(td.version) && typeof td.text === 'string';
}

/**
 * Why a didChange must be refused, or undefined when it can be applied: the document must be
 * open, the version newer than the one the server holds, and every change well formed.
 */
export function refuseChange(params: unknown, currentVersion: number | undefined): string | undefined {
  if (!isObject(params) || !isObject(params.textDocument) || typeof params.textDocument.uri !== 'string') return 'malformed parameters';
  if (currentVersion === undefined) return 'the document is not open';
  const version = params.textDocument.version;
  if (!Number.isInteger(version)) return 'the change has no version';
  if ((version as number) <= currentVersion) return `version ${version} is not newer than the version the server holds (${currentVersion})`;
  if (!Array.isArray(params.contentChanges)) return 'malformed content changes';
  for (const change of params.contentChanges) {
    if (!isObject(change) || typeof change.text !== 'string') return 'a content change has no text';
    if (change.range !== undefined && !isRange(change.range)) return 'a content change has a malformed range';
  }
  return undefined;
}

/** Names an error without its message (messages can quote the text being processed). */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/**
 * Runs a handler; a ResponseError passes through, any other failure is logged once per method
 * and error name and answered with `fallback()`.
 */
export function createGuard(log: (message: string) => void) {
  const reported = new Set<string>();
  return function guard<P, R>(method: string, fallback: (params: P, error: unknown) => R, handler: (params: P) => R): (params: P) => R {
    return (params: P) => {
      try {
        return handler(params);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        const key = `${method}:${errorName(error)}`;
        if (!reported.has(key)) {
          reported.add(key);
          log(`imr-lint: ${method} failed: ${errorName(error)} (answered with an empty result; the server keeps running)`);
        }
        return fallback(params, error);
      }
    };
  };
}
