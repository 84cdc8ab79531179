import { strict as assert } from 'node:assert';
import { parseArgs } from '../../server/cli/main';

describe('codex-ts command line', () => {
  it('parses app-server with repeated -c overrides', () => {
    assert.deepEqual(parseArgs(['app-server', '-c', 'model="o3"', '--config=a.b=1']), {
      command: 'app-server',
      configOverrides: ['model="o3"', 'a.b=1'],
    });
  });
  it('prints the version for --version and -V', () => {
    assert.deepEqual(parseArgs(['--version']), { command: 'version' });
    assert.deepEqual(parseArgs(['-V']), { command: 'version' });
  });
  it('rejects an unknown argument and a dangling -c, with the usage of the command that was meant', () => {
    const top = parseArgs(['--help']);
    assert.ok('usage' in top && top.usage.startsWith('Usage: codex-ts <command>'));
    assert.deepEqual(parseArgs(['serve']), { error: "unexpected argument 'serve'", program: 'codex-ts', usage: top.usage });
    assert.deepEqual(parseArgs(['--bogus']), { error: "unknown option '--bogus'", program: 'codex-ts', usage: top.usage });
    const appServer = parseArgs(['app-server', '-c']);
    assert.ok('error' in appServer && appServer.usage.startsWith('Usage: codex-ts app-server'));
    assert.deepEqual(appServer, { error: '-c needs a key=value argument', program: 'codex-ts app-server', usage: appServer.usage });
    assert.deepEqual(parseArgs(['app-server', '--bogus']), { error: "unknown option '--bogus'", program: 'codex-ts app-server', usage: appServer.usage });
    assert.deepEqual(parseArgs(['app-server', '--help']), { command: 'help', usage: appServer.usage });
    assert.deepEqual(parseArgs(['-c', 'a=1', 'app-server', '--config', 'b=2']), { command: 'app-server', configOverrides: ['a=1', 'b=2'] });
    assert.deepEqual(parseArgs([]), { command: 'help', usage: top.usage });
  });
});
