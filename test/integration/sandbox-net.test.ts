// The sandbox matrix, network part, with REAL bubblewrap (study §7.1, cases 10–12): with the
// network off, a TCP connection to a loopback server this test opens on the host fails inside the
// sandbox and succeeds outside it, socket(AF_INET) is EPERM, a host Unix socket is unreachable,
// CODEX_SANDBOX_NETWORK_DISABLED=1 is set; with the network on the same connection succeeds and
// AF_VSOCK stays denied; nested user namespaces are refused either way.
import { strict as assert } from 'node:assert';
import { createServer, type Server, type Socket } from 'node:net';
import * as path from 'node:path';
import { requireSystemTool } from '../support/system-tools';
import { makeFixture, probe, requireSandbox, run, workspaceWrite, type Fixture } from '../support/sandbox-helpers';

function listen(server: Server, target: number | string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    if (typeof target === 'number') server.listen(target, '127.0.0.1', resolve);
    else server.listen(target, resolve);
  });
}

describe('sandbox (bwrap): network', function () {
  this.timeout(60_000);
  let fx: Fixture;
  let tcp: Server;
  let unix: Server;
  let port: number;
  let socketPath: string;

  before(async function () {
    requireSandbox();
    fx = makeFixture();
    const greet = (s: Socket): void => {
      s.on('error', () => undefined);
      s.end('hello\n');
    };
    tcp = createServer(greet);
    await listen(tcp, 0);
    port = (tcp.address() as { port: number }).port;
    socketPath = path.join(fx.base, 'host.sock');
    unix = createServer(greet);
    await listen(unix, socketPath);
  });
  after(async () => {
    await Promise.all([tcp, unix].filter(Boolean).map((s) => new Promise((r) => s.close(r))));
    fx?.cleanup();
  });

  it('#10 network off: loopback TCP, AF_INET sockets and host Unix sockets are blocked', async () => {
    const ops: [string, ...(string | number)[]][] = [['tcp', port], ['udp4'], ['unix', socketPath], ['env', 'CODEX_SANDBOX_NETWORK_DISABLED']];
    assert.deepEqual(await probe(fx, workspaceWrite(), ops), ['EPERM', 'EPERM', 'EPERM', '1']);
    assert.deepEqual(await probe(fx, { type: 'readOnly', networkAccess: false }, ops), ['EPERM', 'EPERM', 'EPERM', '1']);
    // …while the very same probe outside the sandbox reaches both servers.
    assert.deepEqual(await probe(fx, { type: 'dangerFullAccess' }, ops), ['OK', 'OK', 'OK', null]);
  });

  it('#11 network on: loopback TCP works, AF_VSOCK is still denied', async () => {
    requireSystemTool('python3'); // the AF_VSOCK probe: node has no AF_VSOCK sockets
    assert.deepEqual(await probe(fx, workspaceWrite({ networkAccess: true }), [['tcp', port], ['udp4'], ['unix', socketPath], ['env', 'CODEX_SANDBOX_NETWORK_DISABLED']]), ['OK', 'OK', 'OK', null]);
    const vsock = await run(fx, ['/usr/bin/python3', '-c', 'import socket\ntry:\n socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM); print("OK")\nexcept OSError as e: print(e.errno)'], workspaceWrite({ networkAccess: true }));
    assert.equal(vsock.output.trim(), '1', `AF_VSOCK → EPERM (got ${vsock.output})`);
  });

  it('#12 nested user namespaces are refused', async () => {
    for (const sandbox of [workspaceWrite(), workspaceWrite({ networkAccess: true })]) {
      const r = await run(fx, ['unshare', '-U', 'true'], sandbox);
      assert.notEqual(r.status.exitCode, 0, r.output);
    }
  });
});
