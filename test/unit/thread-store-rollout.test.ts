// Rollout files: writer/reader round trip, crash leftovers (torn last line, malformed middle line),
// flush/close durability, and uuidv7 properties.
import { strict as assert } from 'node:assert';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isUuid, uuidv7, uuidv7ForTime, uuidv7Time } from '../../server/threads/store/ids';
import { nextOrdinalOf, readRollout } from '../../server/threads/store/rolloutReader';
import { parseRolloutFileName, rolloutFileName } from '../../server/threads/store/rolloutPaths';
import { RolloutWriter } from '../../server/threads/store/rolloutWriter';
import type { RolloutLineInput } from '../../server/threads/store/rolloutTypes';

const meta = (id: string): RolloutLineInput => ({
  type: 'session_meta',
  payload: { id, timestamp: '2026-01-02T03:04:05.678Z', cwd: '/w', originator: 'test', cli_version: '0.0.1', source: 'vscode', model_provider: 'openai' },
});
const userItem = (text: string): RolloutLineInput => ({
  type: 'response_item',
  payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
});

describe('thread store: rollout files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rollout-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips typed lines with timestamps and ordinals, unicode and all', async () => {
    const file = path.join(dir, 'a', 'b', 'r.jsonl');
    const w = await RolloutWriter.open(file, { now: () => Date.UTC(2026, 0, 2) });
    w.append(meta('t1'));
    w.append(userItem('héllo 👋 "quoted"\nnext line'));
    w.append({ type: 'event_msg', payload: { type: 'custom_kind', nested: { a: [1, null, true] } } });
    w.append({ type: 'turn_context', payload: { turn_id: 'x', model: 'm' }, timestamp: '2026-01-02T03:04:05.678Z' });
    await w.close();
    const { lines, warnings } = await readRollout(file);
    assert.deepEqual(warnings, []);
    assert.deepEqual(lines.map((l) => [l.ordinal, l.type]), [[0, 'session_meta'], [1, 'response_item'], [2, 'event_msg'], [3, 'turn_context']]);
    assert.equal(lines[1]!.timestamp, '2026-01-02T00:00:00.000Z');
    assert.equal(lines[3]!.timestamp, '2026-01-02T03:04:05.678Z', 'a given timestamp is kept');
    const item = lines[1]!;
    assert.ok(item.type === 'response_item');
    assert.deepEqual(item.payload.content, [{ type: 'input_text', text: 'héllo 👋 "quoted"\nnext line' }]);
    assert.deepEqual(lines[2]!.payload, { type: 'custom_kind', nested: { a: [1, null, true] } });
  });

  it('serialises at append time, so later payload mutation is not written', async () => {
    const file = path.join(dir, 'r.jsonl');
    const w = await RolloutWriter.open(file);
    const payload = { type: 'note', value: 1 };
    w.append({ type: 'event_msg', payload });
    payload.value = 2;
    await w.close();
    assert.equal((await readRollout(file)).lines[0]!.payload.value, 1);
  });

  it('skips a torn last line with a warning', async () => {
    const file = path.join(dir, 'r.jsonl');
    const w = await RolloutWriter.open(file);
    w.append(meta('t1'));
    w.append(userItem('hi'));
    await w.close();
    await appendFile(file, '{"timestamp":"2026-01-02T00:00:00.000Z","ordinal":2,"type":"event_ms');
    const { lines, warnings } = await readRollout(file);
    assert.equal(lines.length, 2);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.kind, 'torn-last-line');
    assert.equal(warnings[0]!.line, 3);
  });

  it('skips a malformed middle line with a warning naming its line number', async () => {
    const file = path.join(dir, 'r.jsonl');
    const good = (n: number): string => JSON.stringify({ timestamp: 't', ordinal: n, type: 'event_msg', payload: { type: 'x', n } });
    await writeFile(file, [good(0), good(1), 'not json {', good(3), '{"type":"event_msg"}', good(5), ''].join('\n'));
    const { lines, warnings } = await readRollout(file);
    assert.deepEqual(lines.map((l) => l.payload.n), [0, 1, 3, 5]);
    assert.deepEqual(warnings.map((w) => [w.line, w.kind]), [[3, 'malformed-line'], [5, 'malformed-line']]);
  });

  it('reports lines of unknown type without failing', async () => {
    const file = path.join(dir, 'r.jsonl');
    await writeFile(file, '{"timestamp":"t","type":"future_kind","payload":{}}\n{"timestamp":"t","type":"event_msg","payload":{"type":"a"}}\n');
    const { lines, warnings } = await readRollout(file);
    assert.equal(lines.length, 1);
    assert.deepEqual(warnings.map((w) => [w.line, w.kind]), [[1, 'unknown-type']]);
  });

  it('loses nothing on close: 1000 lines appended in one go read back in order', async () => {
    const file = path.join(dir, 'r.jsonl');
    const w = await RolloutWriter.open(file, { maxBatchBytes: 4096 });
    w.append(meta('t1'));
    for (let i = 1; i < 1000; i++) w.append({ type: 'event_msg', payload: { type: 'tick', i, pad: 'x'.repeat(i % 97) } });
    assert.ok(w.pendingLines > 0, 'append does not block on I/O');
    await w.close();
    const { lines, warnings } = await readRollout(file);
    assert.equal(warnings.length, 0);
    assert.equal(lines.length, 1000);
    lines.forEach((l, i) => assert.equal(l.ordinal, i));
    assert.throws(() => w.append(userItem('late')), /closed/);
  });

  it('flush() covers lines appended before it, even while more keep coming', async () => {
    const file = path.join(dir, 'r.jsonl');
    const w = await RolloutWriter.open(file, { fsync: true });
    for (let i = 0; i < 50; i++) w.append({ type: 'event_msg', payload: { type: 'tick', i } });
    const flushed = w.flush();
    for (let i = 50; i < 60; i++) w.append({ type: 'event_msg', payload: { type: 'tick', i } });
    await flushed;
    const { lines } = await readRollout(file);
    assert.ok(lines.length >= 50);
    await w.close();
    assert.equal((await readRollout(file)).lines.length, 60);
  });

  it('resuming after a crash keeps new lines intact and continues ordinals', async () => {
    const file = path.join(dir, 'r.jsonl');
    const w = await RolloutWriter.open(file);
    w.append(meta('t1'));
    w.append(userItem('one'));
    await w.close();
    await appendFile(file, '{"torn":');
    const next = await nextOrdinalOf(file);
    assert.equal(next, 2);
    const w2 = await RolloutWriter.open(file, { nextOrdinal: next });
    w2.append(userItem('two'));
    await w2.close();
    const { lines, warnings } = await readRollout(file);
    assert.deepEqual(lines.map((l) => l.ordinal), [0, 1, 2]);
    assert.deepEqual(warnings.map((x) => [x.line, x.kind]), [[3, 'malformed-line']]);
    assert.match(await readFile(file, 'utf8'), /\{"torn":\n\{/);
  });

  it('names files like Codex and parses them back', () => {
    const id = uuidv7();
    const t = new Date(2026, 10, 21, 4, 53, 16).getTime();
    const name = rolloutFileName(t, id);
    assert.equal(name, `rollout-2026-11-21T04-53-16-${id}.jsonl`);
    const parsed = parseRolloutFileName(name)!;
    assert.equal(parsed.threadId, id);
    assert.equal(parsed.createdAtMs, t);
    assert.equal(parseRolloutFileName('rollout-bad.jsonl'), null);
  });
});

describe('thread store: uuidv7', () => {
  it('has version 7, RFC variant and the creation time', () => {
    const before = Date.now();
    const id = uuidv7();
    assert.ok(isUuid(id));
    assert.equal(id[14], '7');
    assert.ok(['8', '9', 'a', 'b'].includes(id[19]!));
    const t = uuidv7Time(id)!;
    assert.ok(t >= before && t <= Date.now());
  });

  it('is strictly increasing, within one millisecond and across a clock step back', () => {
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) ids.push(uuidv7(1_800_000_000_000));
    ids.push(uuidv7(1_800_000_000_000 - 1000));
    ids.push(uuidv7(1_800_000_000_001));
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1]! < ids[i]!, `${ids[i - 1]} < ${ids[i]}`);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('uuidv7ForTime encodes the given time', () => {
    const id = uuidv7ForTime(1_600_000_000_123);
    assert.equal(uuidv7Time(id), 1_600_000_000_123);
    assert.equal(uuidv7Time('00000000-0000-4000-8000-000000000000'), null);
  });
});
