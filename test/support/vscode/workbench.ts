// One e2e session in a real VS Code: code-server with the packaged VSIX installed in a fresh
// profile, a temporary workspace folder, and headless chromium showing the workbench. Tests get
// { page, workspaceDir, serverUrl, logs, screenshot(name), close() }.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { type CodeServer, createProfile, installExtension, startCodeServer, TEST_SETTINGS } from './codeServer';
import { newSessionDir, packagedVsix, TEST_RESULTS_DIR } from './paths';
import { withTimeout } from './processes';

export interface WorkbenchOptions {
  /** names the session directory under .tools/e2e-runs/<run>/ */
  readonly label?: string;
  /** VSIX to install; defaults to the one `npm run package` built. */
  readonly vsix?: string;
  /** files of the temporary workspace (relative path → content); defaults to a tiny JS project */
  readonly workspaceFiles?: Readonly<Record<string, string>>;
  /** User settings added to the test profile's defaults. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Extra environment for code-server and the extension host it forks (e.g. CODEX_HOME). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface E2eLogs {
  /** code-server's stdout/stderr lines */
  readonly server: readonly string[];
  /** browser console messages and page errors, from the workbench and from webview frames */
  readonly browser: readonly string[];
  /** the extension's "Codex TS" log channel as the extension host wrote it ('' if not there yet) */
  extension(): string;
  /** everything above, for a failure report */
  dump(): string;
}

export interface WorkbenchSession {
  readonly page: Page;
  readonly workspaceDir: string;
  readonly serverUrl: string;
  readonly sessionDir: string;
  readonly logs: E2eLogs;
  /** saves test-results/<name>.png and returns its path */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export const DEFAULT_WORKSPACE_FILES: Readonly<Record<string, string>> = {
  'README.md': '# e2e workspace\n\nA throwaway folder opened by the Codex TS e2e tests.\n',
  'src/greet.js': "// TODO: say hello in more languages\nexport function greet(name) {\n  return `Hello, ${name}!`;\n}\n",
};

// Without this, SIGTERM (the e2e runner's timeout) ends node without 'exit' handlers, leaking servers.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  if (process.listenerCount(signal) === 0) process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
}

function writeFiles(root: string, files: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** Finds `<name>.log` anywhere under dir (VS Code puts extension log channels in logs/<ts>/exthostN/<ext id>/). */
function findLogFile(dir: string, fileName: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === fileName) return join(entry.parentPath, entry.name);
  }
  return undefined;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<WorkbenchSession> {
  const sessionDir = newSessionDir(options.label ?? 'workbench');
  const workspaceDir = join(sessionDir, 'workspace');
  writeFiles(workspaceDir, options.workspaceFiles ?? DEFAULT_WORKSPACE_FILES);
  const profile = createProfile(sessionDir, { ...TEST_SETTINGS, ...options.settings });
  installExtension(profile, options.vsix ?? packagedVsix());

  const browserLines: string[] = [];
  let server: CodeServer | undefined;
  let context: BrowserContext | undefined;
  const logs: E2eLogs = {
    get server() {
      return server?.output ?? [];
    },
    browser: browserLines,
    extension() {
      const file = findLogFile(join(profile.userDataDir, 'logs'), 'Codex TS.log');
      return file ? readFileSync(file, 'utf8') : '';
    },
    dump() {
      return [
        '--- code-server ---', ...logs.server,
        '--- browser ---', ...browserLines,
        '--- Codex TS log ---', logs.extension(),
      ].join('\n');
    },
  };
  const close = async (): Promise<void> => {
    await withTimeout(context?.close() ?? Promise.resolve(), 15_000, 'closing the browser').catch(() => undefined);
    await server?.stop();
    writeFileSync(join(sessionDir, 'logs.txt'), logs.dump());
  };

  try {
    server = await startCodeServer(profile, {
      host: 'localhost',
      env: options.env,
      onStarted: (pgid) => writeFileSync(join(sessionDir, 'code-server.pgid'), String(pgid)),
    });
    context = await launchBrowser(join(sessionDir, 'chromium'), profile.env);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => browserLines.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => browserLines.push(`[pageerror] ${error.message}`));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspaceDir)}`, { timeout: 60_000 });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    const serverUrl = server.url;
    return {
      page,
      workspaceDir,
      serverUrl,
      sessionDir,
      logs,
      async screenshot(name) {
        mkdirSync(TEST_RESULTS_DIR, { recursive: true });
        const path = join(TEST_RESULTS_DIR, `${name}.png`);
        await page.screenshot({ path, timeout: 15_000 });
        return path;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
