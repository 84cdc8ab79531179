// Test entry for the extension host (`extensionTestsPath`): VS Code calls run() inside the real Node
// extension host of code-server; it runs every bundled *.test.js next to it with mocha and settles
// when they finish. Bundled by test/support/vscode/run-host-tests.ts into dist/test/e2e-host/.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      const resultsFile = process.env.CODEX_TS_E2E_HOST_RESULTS;
      if (resultsFile) writeFileSync(resultsFile, JSON.stringify({ passed: passes, failed: failures, skipped: pending }));
      console.log(`${passes} passed, ${failures} failed, ${pending} skipped`);
      if (failures > 0) reject(new Error(`${failures} extension host tests failed`));
      else resolve();
    });
  });
}
