// The built-in model catalog: default model, metadata lookup, snapshot prefixes and fallback metadata.

import { strict as assert } from 'node:assert';
import { defaultModel, effectiveContextWindow, findModel, getModelInfo, listModels, unknownModelWarning } from '../../server/models';

describe('models: catalog', () => {
  it('lists gpt-5.5 as the default, with four reasoning efforts and text+image input', () => {
    const models = listModels();
    assert.equal(models.filter((m) => m.isDefault).length, 1);
    const def = defaultModel();
    assert.equal(def.slug, 'gpt-5.5');
    assert.equal(def.defaultReasoningEffort, 'medium');
    assert.deepEqual(def.supportedReasoningEfforts.map((e) => e.effort), ['low', 'medium', 'high', 'xhigh']);
    assert.ok(def.supportedReasoningEfforts.every((e) => e.description.length > 0));
    assert.deepEqual(def.inputModalities, ['text', 'image']);
    assert.ok(models.some((m) => m.slug === 'gpt-5.4-mini'));
  });

  it('gives the effective window Codex reports (95 %)', () => {
    assert.equal(effectiveContextWindow('gpt-5.5'), 258_400);
  });

  it('matches dated snapshots by prefix', () => {
    const info = findModel('gpt-5.3-codex-spark-2026-02-01');
    assert.equal(info?.contextWindow, 128_000);
    assert.equal(info?.slug, 'gpt-5.3-codex-spark-2026-02-01');
    assert.equal(findModel('gpt-5.55'), undefined);
  });

  it('falls back to sane defaults for unknown slugs', () => {
    const { info, known } = getModelInfo('mock-model');
    assert.equal(known, false);
    assert.equal(info.slug, 'mock-model');
    assert.equal(info.contextWindow, 272_000);
    assert.equal(info.defaultReasoningEffort, null);
    assert.equal(info.applyPatchToolType, null);
    assert.match(unknownModelWarning('mock-model'), /^Model metadata for `mock-model` not found\. Defaulting to fallback metadata/);
  });
});
