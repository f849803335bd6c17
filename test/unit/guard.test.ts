import * as assert from 'assert';
import { ResponseError } from 'vscode-languageserver/node';
import { checkCatalogParams, checkDocumentParams, createGuard, refuseChange, refuseInitialize } from '../../server/src/guard';

describe('server request guard', () => {
  it('answers a failing handler with the fallback and logs the error name once, never its message', () => {
    const logs: string[] = [];
    const guard = createGuard((m) => logs.push(m));
    const hover = guard(
      'textDocument/hover',
      () => null,
      (text: string) => {
        throw new RangeError(`cannot read ${text}`);
      },
    );
    assert.strictEqual(hover('Patient Jane Roe'), null);
    assert.strictEqual(hover('Patient Jane Roe'), null);
    assert.deepStrictEqual(logs, ['imr-lint: textDocument/hover failed: RangeError (answered with an empty result; the server keeps running)']);
  });

  it('lets a ResponseError (invalid params) through', () => {
    const guard = createGuard(() => undefined);
    const hover = guard(
      'textDocument/hover',
      () => null,
      (params: unknown) => checkDocumentParams('textDocument/hover', params, 'position'),
    );
    assert.throws(
      () => hover({ textDocument: { uri: 'x' }, position: null }),
      (e: unknown) => e instanceof ResponseError && e.code === -32602,
    );
    assert.throws(
      () => hover(null),
      (e: unknown) => e instanceof ResponseError && e.code === -32602,
    );
    assert.throws(() => hover({ textDocument: { uri: 'x' }, position: { line: -1, character: 0 } }), ResponseError);
    assert.throws(() => hover({ textDocument: { uri: 'x' }, position: { line: 1.5, character: 0 } }), ResponseError);
    assert.doesNotThrow(() => hover({ textDocument: { uri: 'x' }, position: { line: 0, character: 0 } }));
    assert.throws(() => checkCatalogParams('imrLint/catalogDocument', null), ResponseError);
    assert.throws(() => checkCatalogParams('imrLint/catalogDocument', { uri: 3 }), ResponseError);
  });

  it('refuses a change that is stale, for a closed document, or malformed', () => {
    const change = (version: unknown, contentChanges: unknown = [{ text: 'x' }]) => ({ textDocument: { uri: 'u', version }, contentChanges });
    assert.strictEqual(refuseChange(change(4), 3), undefined);
    assert.match(refuseChange(change(3), 3)!, /not newer/);
    assert.match(refuseChange(change(4), undefined)!, /not open/);
    assert.match(refuseChange(change(null), 3)!, /no version/);
    assert.match(refuseChange(change(4, [{ range: null, text: 'x' }]), 3)!, /malformed range/);
    assert.match(refuseChange(change(4, [{ text: 5 }]), 3)!, /no text/);
    assert.match(refuseChange(null, 3)!, /malformed/);
  });

  it('refuses initialize params the library cannot read (null, no capabilities, bad workspace folders)', () => {
    assert.match(refuseInitialize(null)!, /must be an object/);
    assert.match(refuseInitialize([])!, /must be an object/);
    assert.match(refuseInitialize({ processId: null })!, /capabilities/);
    assert.match(refuseInitialize({ capabilities: {}, workspaceFolders: {} })!, /workspaceFolders/);
    assert.match(refuseInitialize({ capabilities: {}, workspaceFolders: [{ name: 'x' }] })!, /workspaceFolders/);
    assert.strictEqual(refuseInitialize({ capabilities: {}, workspaceFolders: null }), undefined);
    assert.strictEqual(refuseInitialize({ processId: 1, capabilities: {}, workspaceFolders: [{ uri: 'file:///w', name: 'w' }] }), undefined);
  });
});
