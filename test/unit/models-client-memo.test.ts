// modelClientFor: one model client (and openai SDK instance) per provider configuration, instead of
// one per turn; a change of any provider setting or option gives a new client.
import { strict as assert } from 'node:assert';
import { modelClientFor, resolveProvider } from '../../server/models';

describe('models: client per provider', () => {
  const table = { local: { base_url: 'http://127.0.0.1:9/v1', wire_api: 'chat' } };

  it('gives back the same client for the same provider settings and options', () => {
    const a = modelClientFor(resolveProvider('local', table, {}), { retryBaseDelayMs: 5 });
    const b = modelClientFor(resolveProvider('local', table, {}), { retryBaseDelayMs: 5 });
    assert.equal(a, b);
  });

  it('makes a new client when a setting, the key or an option differs', () => {
    const base = modelClientFor(resolveProvider('local', table, {}), { retryBaseDelayMs: 5 });
    const otherUrl = modelClientFor(resolveProvider('local', { local: { ...table.local, base_url: 'http://127.0.0.1:10/v1' } }, {}), { retryBaseDelayMs: 5 });
    const otherKey = modelClientFor(resolveProvider('local', { local: { ...table.local, env_key: 'K' } }, { K: 'secret' }), { retryBaseDelayMs: 5 });
    const otherOption = modelClientFor(resolveProvider('local', table, {}), { retryBaseDelayMs: 6 });
    assert.equal(new Set([base, otherUrl, otherKey, otherOption]).size, 4);
  });

  it('does not memoise clients built with functions (a custom fetch)', () => {
    const provider = resolveProvider('local', table, {});
    const fetch = (): Promise<Response> => Promise.reject(new Error('unused'));
    assert.notEqual(modelClientFor(provider, { fetch }), modelClientFor(provider, { fetch }));
  });

  it('still refuses a provider whose key is missing', () => {
    assert.throws(() => modelClientFor(resolveProvider('local', { local: { ...table.local, env_key: 'MISSING_KEY' } }, {})), /MISSING_KEY/);
  });
});
