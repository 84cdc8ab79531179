// `npm run bench`: builds the bundles (the bench spawns dist/server/cli.js), then runs every bench
// scenario against our server and the real `codex app-server` (test/bench/run-all.ts, through tsx).
// Extra arguments are passed on: `npm run bench -- --quick`, `--only spawn,chat,threads,fuzzy`, `--strict`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(['esbuild.mjs']);
run(['--import', 'tsx', 'test/bench/run-all.ts', ...process.argv.slice(2)]);
