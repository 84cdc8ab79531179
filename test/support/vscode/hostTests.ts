// Runs a mocha suite INSIDE the real Node extension host of code-server, the way VS Code's own
// browser integration tests do: the workbench URL carries a payload with extensionDevelopmentPath
// and extensionTestsPath, and when the suite's run() settles the workbench calls
// window.codeAutomationExit(code). Extension-host console output arrives via codeAutomationLog.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format, stripVTControlCharacters } from 'node:util';
import { type BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { type CodeServer, createProfile, startCodeServer, TEST_SETTINGS } from './codeServer';
import { newSessionDir } from './paths';
import { withTimeout } from './processes';
import { DEFAULT_WORKSPACE_FILES } from './workbench';

/** Workbench chatter that codeAutomationLog also forwards; offline gallery lookups fail harmlessly. */
const WORKBENCH_NOISE =
  /open-vsx\.org|connection token|Creating a socket|builtin extensions cache|\[Service Worker\]|ChatSessionStore/;

export interface HostTestOptions {
  /** absolute path of the extension folder (its package.json) loaded as a development extension */
  readonly extensionDevelopmentPath: string;
  /** absolute path of the bundled test entry exporting run(): Promise<void> */
  readonly testsEntry: string;
  readonly workspaceFiles?: Readonly<Record<string, string>>;
  /** hard limit for the whole suite (default 180 s) */
  readonly timeoutMs?: number;
  readonly onLog?: (line: string) => void;
  /** User settings added to the test profile's defaults (e.g. `codex.cliExecutable`). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Extra environment for code-server and the extension host it forks. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface HostTestResult {
  /** 0 when run() resolved; 1 when it rejected; 124 on timeout */
  readonly exitCode: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly sessionDir: string;
}

export async function runHostTests(options: HostTestOptions): Promise<HostTestResult> {
  const sessionDir = newSessionDir('host');
  const workspaceDir = join(sessionDir, 'workspace');
  for (const [path, content] of Object.entries(options.workspaceFiles ?? DEFAULT_WORKSPACE_FILES)) {
    mkdirSync(dirname(join(workspaceDir, path)), { recursive: true });
    writeFileSync(join(workspaceDir, path), content);
  }
  const resultsFile = join(sessionDir, 'host-results.json');
  const profile = createProfile(sessionDir, { ...TEST_SETTINGS, ...options.settings });
  // The Codex server the extension starts keeps its state here; the tests write its config.toml.
  const codexHome = join(sessionDir, 'codex-home');
  mkdirSync(codexHome, { recursive: true });
  const log = options.onLog ?? ((line: string) => console.log(line));
  let server: CodeServer | undefined;
  let context: BrowserContext | undefined;
  let exitCode: number;
  try {
    server = await startCodeServer(profile, {
      host: 'localhost',
      // inherited by the extension host (and the Codex server it starts)
      env: {
        CODEX_TS_E2E_HOST_RESULTS: resultsFile,
        CODEX_TS_TEST_HOOKS: '1',
        CODEX_HOME: codexHome,
        MOCK_API_KEY: 'test-key',
        CODEX_TS_RETRY_BASE_MS: '5',
        ...options.env,
      },
      onStarted: (pgid) => writeFileSync(join(sessionDir, 'code-server.pgid'), String(pgid)),
    });
    context = await launchBrowser(join(sessionDir, 'chromium'), profile.env);
    const page = context.pages()[0] ?? (await context.newPage());
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
        const line = stripVTControlCharacters(format(...(args ?? []))); // no ANSI colours in logs
        if (!WORKBENCH_NOISE.test(line)) log(type === 'error' ? `[host:error] ${line}` : line);
      });
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    const remote = (path: string): string => `vscode-remote://${new URL(server?.url ?? '').host}${path}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(options.testsEntry)],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspaceDir)}&payload=${encodeURIComponent(payload)}`, {
      timeout: 60_000,
    });
    const timeoutMs = options.timeoutMs ?? 180_000;
    exitCode = await withTimeout(exited, timeoutMs, 'the extension host test run').catch((error: Error) => {
      log(`[host] ${error.message}`);
      return 124;
    });
  } finally {
    await withTimeout(context?.close() ?? Promise.resolve(), 15_000, 'closing the browser').catch(() => undefined);
    await server?.stop();
    if (server) writeFileSync(join(sessionDir, 'code-server.log'), server.output.join('\n'));
  }
  const counts = existsSync(resultsFile)
    ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as { passed: number; failed: number; skipped: number })
    : { passed: 0, failed: 1, skipped: 0 }; // the suite never reported: count the run itself as one failure
  const failed = exitCode === 0 ? counts.failed : Math.max(counts.failed, 1);
  return { exitCode, passed: counts.passed, failed, skipped: counts.skipped, sessionDir };
}
