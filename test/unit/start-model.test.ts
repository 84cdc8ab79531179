// What `npm start` prints about the model (scripts/start-model.mjs): the configured provider and
// model with where the key comes from, the defaults without a config, a profile, a keyless local
// provider, a custom provider missing its key, and how to choose when nothing is usable.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStartModel } from '../../scripts/start-model.mjs';

describe('npm start: the model it will use', () => {
  let home: string;
  let codexHome: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'codex-ts-start-model-'));
    codexHome = join(home, '.codex');
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));
  const config = (text: string): void => {
    mkdirSync(codexHome, { recursive: true });
    writeFileSync(join(codexHome, 'config.toml'), text);
  };

  it('without a config or a key: the OpenAI default is not ready, and it says how to choose', () => {
    const { ready, lines } = describeStartModel({ env: {}, home });
    assert.equal(ready, false);
    assert.match(lines[0]!, /not ready yet\. gpt-5\.5 from OpenAI \(model_provider "openai", https:\/\/api\.openai\.com\/v1\) needs an API key, and \$OPENAI_API_KEY is not set/);
    const all = lines.join('\n');
    assert.match(all, /sign-in card takes an OpenAI API key, finds a local Ollama or LM Studio/);
    assert.ok(all.includes(join(codexHome, 'config.toml')), all);
    assert.match(all, /model_provider = "ollama"\n.*model = "llama3\.2"/);
  });

  it('OpenAI with a key from the environment or from auth.json', () => {
    assert.deepEqual(describeStartModel({ env: { OPENAI_API_KEY: 'sk-x' }, home }), {
      ready: true,
      lines: ['[start] model: gpt-5.5 from OpenAI (model_provider "openai", https://api.openai.com/v1); API key: $OPENAI_API_KEY is set.'],
    });
    config('model = "gpt-5-mini"\n');
    writeFileSync(join(codexHome, 'auth.json'), JSON.stringify({ OPENAI_API_KEY: 'sk-stored' }));
    const stored = describeStartModel({ env: { CODEX_HOME: codexHome }, home: '/nowhere' });
    assert.equal(stored.ready, true);
    assert.match(stored.lines[0]!, /gpt-5-mini from OpenAI .*API key: stored in .*auth\.json\./);
  });

  it('a local provider needs no key; the active profile wins over the top level', () => {
    config('model_provider = "openai"\nprofile = "local"\n[profiles.local]\nmodel_provider = "ollama"\nmodel = "llama3.2"\n');
    assert.deepEqual(describeStartModel({ env: {}, home }), {
      ready: true,
      lines: ['[start] model: llama3.2 from Ollama (model_provider "ollama", http://localhost:11434/v1), profile "local"; API key: none needed.'],
    });
  });

  it('a custom provider: its own base URL, and its env_key checked', () => {
    config('model_provider = "mine"\nmodel = "coder"\n[model_providers.mine]\nname = "My server"\nbase_url = "https://llm.example.com/v1"\nenv_key = "MY_KEY"\n');
    const missing = describeStartModel({ env: {}, home });
    assert.equal(missing.ready, false);
    assert.match(missing.lines[0]!, /coder from My server \(model_provider "mine", https:\/\/llm\.example\.com\/v1\) needs an API key, and \$MY_KEY is not set\./);
    assert.match(describeStartModel({ env: { MY_KEY: 'k' }, home }).lines[0]!, /API key: \$MY_KEY is set\./);
  });

  it('is what scripts/start.mjs prints once code-server is up (with the environment it gives code-server)', () => {
    const start = readFileSync(join(__dirname, '../../scripts/start.mjs'), 'utf8');
    assert.match(start, /\(await import\('\.\/start-model\.mjs'\)\)\.printStartModel\(\{ env \}\);\n$/);
  });

  it('an unknown provider id or a broken file is reported, never thrown', () => {
    config('model_provider = "nope"\n');
    const unknown = describeStartModel({ env: {}, home });
    assert.equal(unknown.ready, false);
    assert.match(unknown.lines[0]!, /picks model_provider "nope", which has no \[model_providers\.nope\] table/);
    config('model = [broken\n');
    const broken = describeStartModel({ env: { OPENAI_API_KEY: 'sk' }, home });
    assert.match(broken.lines[0]!, /is not valid TOML .*the server leaves it out/);
    assert.equal(broken.ready, true);
  });
});
