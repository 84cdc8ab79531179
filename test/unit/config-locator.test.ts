// The TOML key locator (where a key is written, for error positions and for choosing inline vs
// section edits) and the configWarning reporter (each distinct problem sent once, after attach).
import { strict as assert } from 'node:assert';
import { ConfigWarnings } from '../../server/config/configWarnings';
import { locateKey, locateKeys, locationKey } from '../../server/config/tomlLocator';
import type { Logger } from '../../server/util/log';
import type { ServerNotifications } from '../../server/protocol/notifications';

const TEXT = `# comment with key = "value" inside
model = "m" # trailing
a.b.c = 1
text = """
not_a_key = "inside a multi-line string"
"""
set = { A = "1", nested = { deep = true } }
list = [
  1, # comment in an array
  { x = 1 },
]

[apps.google_drive.tools."files/delete"]
approval_mode = "approve"

[[skills.config]]
path = "/a"

[[skills.config]]
path = "/b"
when = 1979-05-27 07:32:00
after = "x"
`;

describe('config: TOML key locator', () => {
  const found = locateKeys(TEXT);
  const at = (...path: (string | number)[]): string => {
    const location = found.get(locationKey(path));
    return location ? `${location.line}:${location.column}:${location.kind}` : 'missing';
  };

  it('locates key/values, dotted keys and the tables they imply', () => {
    assert.equal(at('model'), '2:1:kv');
    assert.equal(at('a'), '3:1:kv');
    assert.equal(at('a', 'b', 'c'), '3:1:kv');
    assert.equal(at('text'), '4:1:kv');
  });

  it('does not mistake text inside strings or comments for keys', () => {
    assert.equal(at('not_a_key'), 'missing');
    assert.equal(at('key'), 'missing');
  });

  it('locates keys inside inline tables and arrays', () => {
    assert.equal(at('set', 'A'), '7:9:inline');
    assert.equal(at('set', 'nested', 'deep'), '7:29:inline');
    assert.equal(at('list', 1, 'x'), '10:5:inline');
  });

  it('locates headers (quoted segments included) and arrays of tables by index', () => {
    assert.equal(at('apps', 'google_drive', 'tools', 'files/delete'), '13:1:table');
    assert.equal(at('apps', 'google_drive', 'tools', 'files/delete', 'approval_mode'), '14:1:kv');
    assert.equal(at('skills', 'config', 0, 'path'), '17:1:kv');
    assert.equal(at('skills', 'config', 1, 'path'), '20:1:kv');
    assert.equal(at('skills', 'config', 1, 'after'), '22:1:kv', 'a datetime with a space does not derail the scan');
  });

  it('falls back to the closest written ancestor', () => {
    assert.deepEqual(locateKey(found, ['apps', 'google_drive', 'tools', 'files/delete', 'enabled']), { line: 13, column: 1, kind: 'table' });
    assert.equal(locateKey(found, ['nowhere']), null);
  });

  it('never throws on text it cannot follow; keys before the trouble are still found', () => {
    const partial = locateKeys('model = "m"\nbroken = = 1\nlater = 2\n');
    assert.ok(partial.has(locationKey(['model'])));
    assert.ok(!partial.has(locationKey(['later'])));
  });
});

describe('config: configWarning reporting', () => {
  const silent: Logger = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined, file: null };
  const problem = { file: '/home/me/.codex/config.toml', line: 3, column: 1, key: 'model_verbosity', message: 'bad', severity: 'error' as const };

  it('holds problems until a client can hear them, then sends each distinct one once', () => {
    const sent: ServerNotifications['configWarning'][] = [];
    const warnings = new ConfigWarnings(silent);
    warnings.report([problem]);
    assert.equal(sent.length, 0);
    warnings.attach((_method, params) => sent.push(params));
    warnings.report([problem, problem]);
    warnings.report([problem, { ...problem, key: 'model', line: 4 }]);
    assert.deepEqual(sent.map((w) => w.summary), ['/home/me/.codex/config.toml:3:1: model_verbosity: bad', '/home/me/.codex/config.toml:4:1: model: bad']);
    assert.deepEqual(sent[0]?.range, { start: { line: 3, column: 1 }, end: { line: 3, column: 1 } });
    assert.equal(sent[0]?.path, '/home/me/.codex/config.toml');
  });
});
