// The system tools the suites need, checked where a test needs them: a missing tool fails the test with
// the command that installs it (never a silent skip), and a skip the machine itself justifies (root-only,
// one platform) says why in the output.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Debian packages and the commands of theirs the tests run. */
export const SYSTEM_TOOLS = {
  git: { command: 'git', aptPackage: 'git' },
  bwrap: { command: 'bwrap', aptPackage: 'bubblewrap' },
  chromium: { command: 'chromium', aptPackage: 'chromium' },
  python3: { command: 'python3', aptPackage: 'python3' },
} as const;

export type SystemTool = keyof typeof SYSTEM_TOOLS;

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of `command` (or of an absolute path given), or null when PATH has none. */
export function findExecutable(command: string, pathEnv: string = process.env.PATH ?? ''): string | null {
  if (isAbsolute(command)) return isExecutableFile(command) ? command : null;
  for (const dir of pathEnv.split(delimiter)) {
    if (dir && isExecutableFile(join(dir, command))) return join(dir, command);
  }
  return null;
}

/** What to tell someone whose machine lacks `tool`'s package. */
export function missingToolMessage(tool: SystemTool, what: string = SYSTEM_TOOLS[tool].command): string {
  const { aptPackage } = SYSTEM_TOOLS[tool];
  return (
    `${what} is not installed (Debian package ${aptPackage}). ` +
    `Fix: \`npm test\` installs it when run as root on Debian (scripts/system-packages.sh test), ` +
    `or run \`sudo apt-get install -y ${aptPackage}\`.`
  );
}

/** Fails the calling test, with the fix, when `tool` is not on PATH; else returns its path. */
export function requireSystemTool(tool: SystemTool): string {
  const found = findExecutable(SYSTEM_TOOLS[tool].command);
  if (found === null) throw new Error(missingToolMessage(tool));
  return found;
}

/** Skips the calling test or suite for a reason of the machine's, printing it (mocha shows only the title). */
export function skipBecause(ctx: Mocha.Context, reason: string): never {
  console.warn(`      SKIPPED (${ctx.currentTest?.title ?? ctx.test?.title ?? 'suite'}): ${reason}`);
  ctx.skip();
}
