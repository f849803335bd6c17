// Entry point that VS Code (desktop or code-server) loads as --extensionTestsPath.
// Loads out/test/e2e/suite/*.test.js into mocha and writes {passes, failures} to
// $E2E_RESULT_FILE so scripts/e2e/run-e2e.js can print the summary on both paths.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

function writeResult(passes: number, failures: number): void {
  if (process.env.E2E_RESULT_FILE) fs.writeFileSync(process.env.E2E_RESULT_FILE, JSON.stringify({ passes, failures }));
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: Number(process.env.E2E_TEST_TIMEOUT_MS) || 60000,
    ...(process.env.E2E_GREP ? { grep: process.env.E2E_GREP } : {}),
  });
  const suiteDir = path.join(__dirname, 'suite');
  for (const f of fs
    .readdirSync(suiteDir)
    .filter((n) => n.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(suiteDir, f));
  }
  return new Promise((resolve, reject) => {
    try {
      const runner: Mocha.Runner = mocha.run((failures) => {
        const passes = runner.stats?.passes ?? 0;
        writeResult(passes, failures);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (err) {
      writeResult(0, 1);
      reject(err);
    }
  });
}
