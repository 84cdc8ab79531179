// The Headers class the server bundle uses in place of undici's (server/models/light-headers.ts):
// for everything the openai SDK does with request headers it must behave like Node's global Headers.

import { strict as assert } from 'node:assert';
import { LightHeaders } from '../../server/models/lightHeaders';

type AnyHeaders = {
  append(name: string, value: string): void;
  set(name: string, value: string): void;
  get(name: string): string | null;
  has(name: string): boolean;
  delete(name: string): void;
  forEach(callback: (value: string, name: string) => void): void;
};

function entriesOf(headers: AnyHeaders): [string, string][] {
  const out: [string, string][] = [];
  headers.forEach((value, name) => out.push([name, value]));
  return out;
}

/** What the SDK's buildHeaders does: delete on first sight, append, null clears. */
function script(headers: AnyHeaders): void {
  headers.append('Accept', 'application/json');
  headers.append('User-Agent', 'OpenAI/JS 6');
  headers.delete('accept');
  headers.append('accept', 'text/event-stream');
  headers.append('X-Multi', 'a');
  headers.append('x-multi', ' b ');
  headers.set('Authorization', 'Bearer k');
  headers.delete('authorization');
  headers.set('OpenAI-Organization', 'org');
}

describe('models: light Headers (the bundle stand-in for the global)', () => {
  it('behaves like the global Headers for the SDK’s operations', () => {
    const light = new LightHeaders();
    const real = new Headers();
    script(light);
    script(real as unknown as AnyHeaders);
    assert.deepEqual(entriesOf(light), entriesOf(real as unknown as AnyHeaders));
    for (const name of ['ACCEPT', 'x-multi', 'authorization', 'missing']) {
      assert.equal(light.get(name), real.get(name));
      assert.equal(light.has(name), real.has(name));
    }
  });

  it('is built from records, pair lists and other headers; iterates sorted by lower-case name', () => {
    assert.deepEqual([...new LightHeaders({ B: '2', a: '1' })], [['a', '1'], ['b', '2']]);
    assert.deepEqual([...new LightHeaders([['Z', '1'], ['z', '2']])], [['z', '1, 2']]);
    const copy = new LightHeaders(new LightHeaders({ 'Content-Type': 'application/json' }));
    assert.deepEqual([...copy.keys()], ['content-type']);
    assert.deepEqual([...copy.values()], ['application/json']);
    assert.equal(Object.prototype.toString.call(copy), '[object Headers]');
  });

  it('refuses invalid names and values as the global does', () => {
    const light = new LightHeaders();
    assert.throws(() => light.append('bad name', 'x'), TypeError);
    assert.throws(() => new Headers().append('bad name', 'x'), TypeError);
    assert.throws(() => light.set('x-a', 'line\nbreak'), TypeError);
    assert.throws(() => new Headers().set('x-a', 'line\nbreak'), TypeError);
    light.set('x-a', '\t padded \t');
    assert.equal(light.get('x-a'), 'padded');
  });
});
