// ensureSystemPackages(profile): runs scripts/system-packages.sh for `npm test`, `npm start` and
// `npm run test:e2e` before they do anything else, and stops the command with the script's own exit
// code (3 not root, 4 not Debian, 5 apt-get failed) when a package is missing and cannot be installed.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = join(dirname(fileURLToPath(import.meta.url)), 'system-packages.sh');

/** @param {'test' | 'start' | 'e2e'} profile */
export function ensureSystemPackages(profile) {
  const result = spawnSync('bash', [script, profile], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status === 0) return;
  if (result.error) console.error(`[system-packages] could not run ${script}: ${result.error.message}`);
  process.exit(result.status ?? 1);
}
