// Injected by esbuild ahead of every other module of the webview bundle (esbuild.mjs `inject`):
// the webview's CSP has no 'unsafe-eval', so zod must not compile validators with `new Function`
// — its first object schema probes for eval, which Chromium reports as a CSP violation.
import * as z from 'zod';

z.config({ jitless: true });
