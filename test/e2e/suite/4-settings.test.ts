// imrLint.rules in the user settings takes effect without reopening the letter.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { DATE_RULE, DEFECTIVE } from '../expected';
import { EXAMPLES, closeAll, codeOf, open, ours, removeScratch, scratchCopy, setRules, waitFor, show, waitForCodes } from '../helpers';

const ALL = DEFECTIVE.map((e) => e.code);

suite('settings', () => {
  suiteTeardown(async () => {
    await setRules(undefined);
    await closeAll();
    removeScratch();
  });

  test('turning a rule off removes its diagnostics; changing its severity and restoring take effect', async () => {
    const uri = scratchCopy(path.join(EXAMPLES, 'defective-letter.imr'));
    await open(uri);
    await waitForCodes(uri, ALL);

    await setRules({ [DATE_RULE.alias]: 'off' });
    await waitForCodes(
      uri,
      ALL.filter((c) => c !== DATE_RULE.id),
    );

    await setRules({ [DATE_RULE.id]: 'warning', IMR006: false });
    const d = await waitFor(
      `${DATE_RULE.id} back as a warning, IMR006 gone`,
      () => {
        const got = ours(uri);
        const date = got.find((x) => codeOf(x) === DATE_RULE.id);
        return date && date.severity === vscode.DiagnosticSeverity.Warning && !got.some((x) => codeOf(x) === 'IMR006') ? got : undefined;
      },
      () => show(ours(uri)),
    );
    assert.deepStrictEqual(d.map(codeOf).sort(), ALL.filter((c) => c !== 'IMR006').sort());

    await setRules(undefined);
    const back = await waitFor(
      'all diagnostics back as errors',
      () => {
        const got = ours(uri);
        return got.length === ALL.length && got.every((x) => x.severity === vscode.DiagnosticSeverity.Error) ? got : undefined;
      },
      () => show(ours(uri)),
    );
    assert.deepStrictEqual(back.map(codeOf).sort(), [...ALL].sort());
  });
});
