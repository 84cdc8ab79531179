// The chat webview's Content-Security-Policy and HTML shell (src/views/webviewHtml.ts): scripts only
// with the per-load nonce, no eval or inline code, every other resource from the webview origin.
import { strict as assert } from 'node:assert';
import { buildCsp, createNonce, renderWebviewHtml } from '../../src/views/webviewHtml';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('webview CSP', () => {
  it('denies by default and allows only the webview origin for styles, fonts and images', () => {
    const d = directives(buildCsp(SOURCE, 'abc'));
    assert.deepEqual(d.get('default-src'), ["'none'"]);
    assert.deepEqual(d.get('style-src'), [SOURCE]);
    assert.deepEqual(d.get('font-src'), [SOURCE]);
    assert.deepEqual(d.get('img-src'), [SOURCE, 'data:']);
    assert.deepEqual(d.get('script-src'), ["'nonce-abc'"]);
    assert.equal(d.size, 5);
  });

  it('never allows eval or inline code', () => {
    const csp = buildCsp(SOURCE, createNonce());
    assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline|\*/);
  });

  it('creates a fresh 128-bit base64 nonce each time', () => {
    const a = createNonce();
    const b = createNonce();
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9+/]{22}==$/);
  });

  it('puts the policy and the nonce on the only script of the page', () => {
    const html = renderWebviewHtml({
      cspSource: SOURCE,
      nonce: 'n0nce',
      scriptUri: `${SOURCE}/dist/webview/main.js`,
      styleUri: `${SOURCE}/dist/webview/main.css`,
    });
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${buildCsp(SOURCE, 'n0nce')}">`));
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script nonce="n0nce" src="${SOURCE}/dist/webview/main.js">`]);
    assert.ok(html.includes(`href="${SOURCE}/dist/webview/main.css"`));
    assert.ok(html.includes('<div id="root"></div>'));
  });

  it('escapes attribute values', () => {
    const html = renderWebviewHtml({ cspSource: SOURCE, nonce: 'x', scriptUri: 'a"><b', styleUri: 's' });
    assert.ok(html.includes('src="a&quot;&gt;&lt;b"'));
  });
});
