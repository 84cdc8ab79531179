// The Chromium component-test harness for the webview: the webview runs in headless Debian
// chromium (playwright-core) on a page served from a loopback http server, under the production
// HTML and CSP (src/views/webviewHtml.ts), with a fake VS Code host.
//
// Use (WEBVIEW-UI and others):
//   const harness = await startWebviewHarness({ entry: 'test/webview/entries/transcript.tsx' });
//   // entry omitted: the real app bundle, dist/webview/main.js + main.css (run `npm run build` first)
//   const view = await harness.open();              // a fresh page; `state` restores persisted webview state
//   await view.push(hostInfoMessage({ openThreadId: THREAD_ID }));   // host → webview messages
//   view.onRpc('thread/read', (params) => ({ thread }));             // answers rpc/request messages
//   // (handlers needed during start-up go in open({ rpc: { 'thread/read': … } }), set before the page loads)
//   await view.waitForPosted((m) => m.type === 'ready');             // webview → host messages (view.posted)
//   assert.deepEqual(await view.cspViolations(), []);
//   await view.screenshot('name');                   // test-results/webview/name.png
//   await view.close(); await harness.close();
// The fake host: `acquireVsCodeApi()` returns an api whose postMessage goes to the test (view.posted,
// and rpc handlers), getState/setState keep state in sessionStorage (so `view.page.reload()` sees
// it, like VS Code's webview state). An entry is a .tsx module bundled here with esbuild like
// esbuild.mjs bundles webview/main.tsx.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { type Browser, type Page, chromium } from 'playwright-core';
import type { ServerNotification } from '@protocol';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../bridge/messages';
import { renderWebviewHtml } from '../../src/views/webviewHtml';
import { CHROMIUM_ARGS } from '../support/vscode/browser';
import { chromiumBin, REPO_ROOT, TEST_RESULTS_DIR } from '../support/vscode/paths';

export interface HarnessOptions {
  /** A .tsx/.ts module (repo-relative) to bundle as the page's script; default: dist/webview/main.js. */
  readonly entry?: string;
  /** Extra chromium switches (the bench turns off frame-rate limiting). */
  readonly browserArgs?: readonly string[];
}

export interface OpenOptions {
  readonly viewport?: { width: number; height: number };
  /** Answer `ready` with hostInfoMessage() automatically (default true). */
  readonly autoHostInfo?: boolean | Partial<HostInfoMessage>;
  /** Webview state as VS Code would restore it (getState()). */
  readonly state?: unknown;
  /** rpc handlers in place before the page loads (the app may ask at once); more via view.onRpc. */
  readonly rpc?: Readonly<Record<string, RpcHandler>>;
}

type HostInfoMessage = Extract<HostToWebviewMessage, { type: 'hostInfo' }>;
type RpcHandler = (params: unknown) => unknown;

export function hostInfoMessage(overrides: Partial<HostInfoMessage> = {}): HostInfoMessage {
  return {
    type: 'hostInfo',
    version: '0.1.0',
    workspaceName: 'ws',
    cwd: '/work/ws',
    uiKind: 'web',
    surface: 'sidebar',
    settings: { followUpQueueMode: 'queue', composerEnterBehavior: 'enter', reviewDelivery: 'inline', autoContext: true },
    locale: 'en',
    l10n: null,
    server: { state: 'ready', userAgent: 'codex-ts/0.1.0', codexHome: '/home/u/.codex' },
    openThreadId: null,
    ...overrides,
  };
}

export interface WebviewPage {
  readonly page: Page;
  /** Every message the webview posted to the host, in order. */
  readonly posted: WebviewToHostMessage[];
  push(message: HostToWebviewMessage): Promise<void>;
  notify(...notifications: ServerNotification[]): Promise<void>;
  /** Answers `rpc/request`s of `method` (a thrown error becomes an error response). */
  onRpc(method: string, handler: RpcHandler): void;
  waitForPosted(predicate: (m: WebviewToHostMessage) => boolean, timeoutMs?: number): Promise<WebviewToHostMessage>;
  /** Content-Security-Policy violations reported in the page so far. */
  cspViolations(): Promise<string[]>;
  /** Console errors and uncaught page errors so far. */
  readonly errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface WebviewHarness {
  readonly url: string;
  open(options?: OpenOptions): Promise<WebviewPage>;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The fake VS Code host API, installed before the app script (same nonce). */
const FAKE_HOST = `(() => {
  const violations = [];
  document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));
  let acquired = false;
  window.__codexHarness = { violations };
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return {
      postMessage: (m) => window.__codexHarnessPost(JSON.parse(JSON.stringify(m))),
      getState: () => { const s = sessionStorage.getItem('vscodeState'); return s === null ? undefined : JSON.parse(s); },
      setState: (s) => { sessionStorage.setItem('vscodeState', JSON.stringify(s)); return s; },
    };
  };
})();`;

export async function startWebviewHarness(options: HarnessOptions = {}): Promise<WebviewHarness> {
  const outDir = options.entry ? mkdtempSync(join(tmpdir(), 'codex-webview-harness-')) : join(REPO_ROOT, 'dist', 'webview');
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    if (options.entry) await bundleEntry(resolve(REPO_ROOT, options.entry), outDir);
    else if (!existsSync(join(outDir, 'main.js'))) throw new Error('dist/webview/main.js is missing: run `npm run build` first');
    const started = await serve(outDir);
    server = started.server;
    const url = started.url;
    browser = await chromium.launch({ executablePath: chromiumBin(), headless: true, args: [...CHROMIUM_ARGS, ...(options.browserArgs ?? [])], timeout: 60_000 });
    const openBrowser = browser;
    return {
      url,
      open: (openOptions = {}) => openPage(openBrowser, url, openOptions),
      async close() {
        await openBrowser.close().catch(() => undefined);
        await new Promise<void>((done) => started.server.close(() => done()));
        if (options.entry) rmSync(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    server?.close();
    if (options.entry) rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}

async function bundleEntry(entry: string, outDir: string): Promise<void> {
  await esbuild.build({
    entryPoints: { main: entry },
    outdir: outDir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome120'],
    sourcemap: 'linked',
    tsconfig: join(REPO_ROOT, 'tsconfig.json'),
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
    assetNames: '[name]',
    jsx: 'automatic',
    inject: [join(REPO_ROOT, 'webview', 'cspSafeZod.ts')],
    logLevel: 'error',
    define: { __CODEX_TS_VERSION__: '"0.1.0"', 'process.env.NODE_ENV': '"production"' },
  });
}

async function serve(root: string): Promise<{ server: Server; url: string }> {
  let origin = '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/' || path === '/index.html') {
      const nonce = 'harness' + Math.random().toString(36).slice(2);
      const html = renderWebviewHtml({ cspSource: origin, nonce, scriptUri: `${origin}/main.js`, styleUri: `${origin}/main.css` })
        .replace('<link id=', `<link rel="stylesheet" href="${origin}/__harness/theme.css">\n  <link id=`)
        .replace('<script nonce=', `<script nonce="${nonce}" src="${origin}/__harness/fake-host.js"></script>\n  <script nonce=`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (path === '/__harness/theme.css') {
      res.writeHead(200, { 'content-type': 'text/css' }).end(readFileSync(join(__dirname, 'theme.css')));
      return;
    }
    if (path === '/__harness/fake-host.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(FAKE_HOST);
      return;
    }
    const file = normalize(join(root, decodeURIComponent(path)));
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  origin = `http://127.0.0.1:${address.port}`;
  return { server, url: `${origin}/` };
}

async function openPage(browser: Browser, url: string, options: OpenOptions): Promise<WebviewPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 420, height: 700 } });
  const page = await context.newPage();
  const posted: WebviewToHostMessage[] = [];
  const errors: string[] = [];
  const rpcHandlers = new Map<string, RpcHandler>(Object.entries(options.rpc ?? {}));
  const waiters = new Set<() => void>();
  const autoHostInfo = options.autoHostInfo ?? true;

  const push = async (message: HostToWebviewMessage): Promise<void> => {
    await page.evaluate((m) => window.postMessage(m, '*'), message as unknown as Record<string, unknown>);
  };

  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.exposeBinding('__codexHarnessPost', (_source, message: WebviewToHostMessage) => {
    posted.push(message);
    for (const wake of [...waiters]) wake();
    if (message.type === 'ready' && autoHostInfo !== false) {
      void push(hostInfoMessage(autoHostInfo === true ? {} : autoHostInfo)).catch(() => undefined);
    }
    if (message.type === 'rpc/request') {
      const handler = rpcHandlers.get(message.method);
      void (async () => {
        try {
          if (!handler) throw Object.assign(new Error(`no harness handler for ${message.method}`), { code: -32601 });
          const result = await handler(message.params);
          await push({ type: 'rpc/response', requestId: message.requestId, ok: true, result });
        } catch (error) {
          const code = typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -32603;
          await push({ type: 'rpc/response', requestId: message.requestId, ok: false, error: { code, message: String((error as Error).message) } });
        }
      })().catch(() => undefined);
    }
  });
  if (options.state !== undefined) {
    await page.addInitScript((state) => {
      if (sessionStorage.getItem('vscodeState') === null) sessionStorage.setItem('vscodeState', JSON.stringify(state));
    }, options.state as Record<string, unknown>);
  }
  await page.goto(url);

  return {
    page,
    posted,
    errors,
    push,
    async notify(...notifications) {
      for (const notification of notifications) await push({ type: 'server/notification', notification });
    },
    onRpc(method, handler) {
      rpcHandlers.set(method, handler);
    },
    waitForPosted(predicate, timeoutMs = 10_000) {
      return new Promise((done, fail) => {
        const check = (): boolean => {
          const found = posted.find(predicate);
          if (found) {
            waiters.delete(wake);
            clearTimeout(timer);
            done(found);
          }
          return found !== undefined;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          fail(new Error(`no matching webview message within ${timeoutMs} ms; posted: ${JSON.stringify(posted.map((m) => m.type))}`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    cspViolations: () => page.evaluate(() => [...(window as unknown as { __codexHarness: { violations: string[] } }).__codexHarness.violations]),
    async screenshot(name) {
      const file = join(TEST_RESULTS_DIR, 'webview', `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    close: () => context.close(),
  };
}
