// /init: the AGENTS.md scaffold (no `vscode` import). AGENTS.md is the file Codex reads for a
// project's instructions; the scaffold has the usual sections with guidance in HTML comments (not
// shown when rendered), pre-filled with the build/test commands the folder's manifests reveal
// (package.json scripts, Cargo, Go, Python, Make). An existing AGENTS.md is never overwritten.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** What the folder says about how to build and test it. */
export interface ProjectFacts {
  readonly name: string;
  /** Commands with what they do, in the order they should be listed. */
  readonly commands: readonly { readonly command: string; readonly purpose: string }[];
}

const exists = async (path: string): Promise<boolean> => (await stat(path).catch(() => null)) !== null;

/** The package manager a Node project uses, from its lock file. */
async function nodeRunner(folder: string): Promise<string> {
  if (await exists(join(folder, 'pnpm-lock.yaml'))) return 'pnpm';
  if (await exists(join(folder, 'yarn.lock'))) return 'yarn';
  if (await exists(join(folder, 'bun.lockb'))) return 'bun run';
  return 'npm run';
}

const SCRIPT_PURPOSES: readonly [string, string][] = [
  ['build', 'build'],
  ['typecheck', 'type-check'],
  ['lint', 'lint'],
  ['test', 'run the tests'],
  ['test:unit', 'run the unit tests'],
  ['format', 'format the code'],
];

export async function detectProjectFacts(folder: string): Promise<ProjectFacts> {
  const commands: { command: string; purpose: string }[] = [];
  let name = basename(folder);
  const pkgText = await readFile(join(folder, 'package.json'), 'utf8').catch(() => null);
  if (pkgText !== null) {
    try {
      const pkg = JSON.parse(pkgText) as { name?: unknown; scripts?: Record<string, unknown> };
      if (typeof pkg.name === 'string' && pkg.name !== '') name = pkg.name;
      const runner = await nodeRunner(folder);
      for (const [script, purpose] of SCRIPT_PURPOSES) {
        if (typeof pkg.scripts?.[script] === 'string') commands.push({ command: `${runner} ${script}`, purpose });
      }
    } catch {
      // not JSON: nothing to learn from it
    }
  }
  if (await exists(join(folder, 'Cargo.toml'))) {
    commands.push({ command: 'cargo build', purpose: 'build' }, { command: 'cargo test', purpose: 'run the tests' }, { command: 'cargo clippy', purpose: 'lint' });
  }
  if (await exists(join(folder, 'go.mod'))) {
    commands.push({ command: 'go build ./...', purpose: 'build' }, { command: 'go test ./...', purpose: 'run the tests' }, { command: 'go vet ./...', purpose: 'lint' });
  }
  if ((await exists(join(folder, 'pyproject.toml'))) || (await exists(join(folder, 'requirements.txt')))) {
    commands.push({ command: 'pytest', purpose: 'run the tests' });
  }
  if (commands.length === 0 && (await exists(join(folder, 'Makefile')))) {
    commands.push({ command: 'make', purpose: 'build' }, { command: 'make test', purpose: 'run the tests' });
  }
  return { name, commands };
}

export function agentsMdScaffold(facts: ProjectFacts): string {
  const commandLines =
    facts.commands.length > 0
      ? facts.commands.map((c) => `- \`${c.command}\`: ${c.purpose}`).join('\n')
      : '<!-- e.g. - `npm test`: run the tests -->';
  return `# AGENTS.md — ${facts.name}

<!--
Instructions for coding agents (Codex reads this file at the start of every task in this folder
and below; a nested AGENTS.md adds to it for its subtree). Keep it short and concrete: what an agent
must know to make a change that you would accept. Delete the comments you do not need.
-->

## Project overview

<!-- What this project is, its main parts and where they live (e.g. "src/ the app, test/ the tests"). -->

## Build and test

${commandLines}

<!-- Which checks must pass before a change is done; how to run a single test. -->

## Code style

<!-- Language version, formatting, naming, patterns to follow or avoid, files never to edit by hand. -->

## Testing

<!-- Where tests go, what a new feature needs (unit, integration), fixtures and test data. -->

## Pull requests and commits

<!-- Commit message style, branch naming, what a PR description should contain. -->

## Security and boundaries

<!-- Secrets and credentials never to touch, commands not to run, folders that are off limits. -->
`;
}

/** Writes AGENTS.md into the folder unless it exists; returns its path and whether it was created. */
export async function ensureAgentsMd(folder: string): Promise<{ path: string; created: boolean }> {
  const path = join(folder, 'AGENTS.md');
  if (await exists(path)) return { path, created: false };
  const text = agentsMdScaffold(await detectProjectFacts(folder));
  try {
    await writeFile(path, text, { flag: 'wx' });
    return { path, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { path, created: false };
    throw error;
  }
}
