// fuzzyFileSearch over JSON-RPC against the built server: ranking and shape, .gitignore and .git
// skipping, the 50-result cap, and the typing-as-you-search session notifications.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RpcCallError, startAppServer, type AppServerClient } from '../support/app-server-client';

interface FileResult {
  root: string;
  path: string;
  match_type: string;
  file_name: string;
  score: number;
  indices: number[] | null;
}

function makeTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'fuzzy-rpc-'));
  const files = ['src/main.ts', 'src/util/strings.ts', 'README.md', 'docs/guide/main-concepts.md', 'build/out.js', '.git/config', 'ignored.log', 'keep.log'];
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), 'x');
  }
  for (let i = 0; i < 80; i++) writeFileSync(join(root, `note-${i}.txt`), 'x');
  writeFileSync(join(root, '.gitignore'), 'build/\n*.log\n!keep.log\n');
  return root;
}

describe('fuzzyFileSearch over JSON-RPC', function () {
  this.timeout(20000);
  let client: AppServerClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  it('ranks a file-name match first, respects .gitignore and skips .git/', async () => {
    const root = makeTree();
    client = await startAppServer();
    const { files } = await client.request<{ files: FileResult[] }>('fuzzyFileSearch', { query: 'main', roots: [root], cancellationToken: null });
    assert.ok(files.length >= 2);
    assert.equal(files[0]?.path, 'src/main.ts');
    assert.equal(files[0]?.file_name, 'main.ts');
    assert.equal(files[0]?.root, root);
    assert.deepEqual(files[0]?.indices, [4, 5, 6, 7]);
    const all = (await client.request<{ files: FileResult[] }>('fuzzyFileSearch', { query: 'o', roots: [root], cancellationToken: null })).files.map((f) => f.path);
    assert.ok(!all.some((p) => p.startsWith('build/') || p === 'ignored.log' || p.startsWith('.git/')), all.join(','));
    const logs = (await client.request<{ files: FileResult[] }>('fuzzyFileSearch', { query: 'log', roots: [root], cancellationToken: null })).files.map((f) => f.path);
    assert.ok(logs.includes('keep.log'));
    assert.ok(!logs.includes('ignored.log'));
  });

  it('caps results at 50', async () => {
    const root = makeTree();
    client = await startAppServer();
    const { files } = await client.request<{ files: FileResult[] }>('fuzzyFileSearch', { query: 'note', roots: [root], cancellationToken: null });
    assert.equal(files.length, 50);
  });

  it('streams session results for the latest query and completes', async () => {
    const root = makeTree();
    client = await startAppServer();
    await client.request('fuzzyFileSearch/sessionStart', { sessionId: 's1', roots: [root] });
    await client.request('fuzzyFileSearch/sessionUpdate', { sessionId: 's1', query: 'str' });
    const update = await client.waitForNotification('fuzzyFileSearch/sessionUpdated', (p) => p.query === 'str' && Array.isArray(p.files) && p.files.length > 0);
    assert.equal((update.files as FileResult[])[0]?.path, 'src/util/strings.ts');
    await client.waitForNotification('fuzzyFileSearch/sessionCompleted', (p) => p.sessionId === 's1');
    await client.request('fuzzyFileSearch/sessionStop', { sessionId: 's1' });
    await assert.rejects(client.request('fuzzyFileSearch/sessionUpdate', { sessionId: 's1', query: 'x' }), (error: unknown) => {
      assert.ok(error instanceof RpcCallError);
      assert.match(error.message, /session not found/);
      return true;
    });
  });
});
