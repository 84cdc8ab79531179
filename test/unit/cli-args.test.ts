import { strict as assert } from 'node:assert';
import { parseArgs } from '../../server/cli';

describe('codex-ts command line', () => {
  it('parses app-server with repeated -c overrides', () => {
    assert.deepEqual(parseArgs(['app-server', '-c', 'model="o3"', '--config=a.b=1']), {
      command: 'app-server',
      configOverrides: ['model="o3"', 'a.b=1'],
    });
  });
  it('prints the version for --version and -V', () => {
    assert.equal((parseArgs(['--version']) as { command: string }).command, 'version');
    assert.equal((parseArgs(['-V']) as { command: string }).command, 'version');
  });
  it('rejects an unknown argument and a dangling -c', () => {
    assert.deepEqual(parseArgs(['serve']), { error: "unexpected argument 'serve'" });
    assert.deepEqual(parseArgs(['app-server', '-c']), { error: '-c needs a key=value argument' });
  });
});
