// Pull diagnostics answered as "unchanged" when the list is the one last reported (server/src/pull-reports.ts).
import * as assert from 'assert';
import type { Diagnostic } from 'vscode-languageserver';
import { pullReports } from '../../server/src/pull-reports';

const diagnostic = (line: number, message: string): Diagnostic => ({
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  message,
});

describe('pull reports (resultId)', () => {
  it('is unchanged only for the id last given and the same objects in the same order', () => {
    const reports = pullReports('t-');
    const a = diagnostic(1, 'a');
    const b = diagnostic(2, 'b');
    const first = reports.report('u', [a, b], undefined);
    assert.deepStrictEqual(first, { kind: 'full', resultId: 't-1', items: [a, b] });
    assert.deepStrictEqual(reports.report('u', [a, b], 't-1'), { kind: 'unchanged', resultId: 't-1' });
    // A new array of the same objects is unchanged; equal but other objects are reported in full.
    assert.strictEqual(reports.report('u', [a, b].slice(), 't-1').kind, 'unchanged');
    const copy = reports.report('u', [a, diagnostic(2, 'b')], 't-1');
    assert.deepStrictEqual(copy.kind, 'full');
    assert.strictEqual(copy.resultId, 't-2');
    // The older id no longer matches; the order and the length count.
    assert.strictEqual(reports.report('u', [a, b], 't-1').kind, 'full');
    assert.strictEqual(reports.report('u', [b, a], 't-3').kind, 'full');
    assert.strictEqual(reports.report('u', [b], 't-4').kind, 'full');
    assert.strictEqual(reports.report('u', [b], undefined).kind, 'full', 'no previous id: full');
  });

  it('keeps one report per open document, and forgets a closed one', () => {
    const reports = pullReports('t-');
    const a = diagnostic(1, 'a');
    const one = reports.report('one', [a], undefined);
    const two = reports.report('two', [a], undefined);
    assert.notStrictEqual(one.resultId, two.resultId);
    assert.strictEqual(reports.report('two', [a], one.resultId as string).kind, 'full', "another document's id never matches");
    assert.strictEqual(reports.size, 2);
    reports.forget('one');
    assert.strictEqual(reports.size, 1);
    assert.strictEqual(reports.report('one', [a], one.resultId as string).kind, 'full');
  });

  it('gives ids that a restarted server does not give again', () => {
    const first = pullReports().report('u', [], undefined);
    const again = pullReports().report('u', [], undefined);
    assert.notStrictEqual(first.resultId, again.resultId);
  });
});
