// Exec tools: the exact text shapes the model sees (exec_command/write_stdin and shell), chunk ids
// and wall time, the tool definitions offered to the model, and argument parsing.
import { strict as assert } from 'node:assert';
import {
  formatDurationSeconds,
  formatExecResult,
  formatShellResult,
  formatWallTime,
  newChunkId,
  timeoutNotice,
} from '../../server/tools/exec/resultText';
import { parseExecCommandArgs, parseShellArgs, parseWriteStdinArgs } from '../../server/tools/exec/toolArgs';
import { execCommandToolSpec, shellToolSpec, writeStdinToolSpec } from '../../server/tools/exec/toolSpecs';

describe('exec: result text', () => {
  it('matches the observed Codex output for an exited command', () => {
    const text = formatExecResult({ chunkId: 'db9958', wallTimeMs: 0, exitCode: 0, sessionId: null, originalTokenCount: 2, output: 'hello\n' });
    assert.equal(text, 'Chunk ID: db9958\nWall time: 0.0000 seconds\nProcess exited with code 0\nOriginal token count: 2\nOutput:\nhello\n');
  });

  it('a running process reports its session ID instead of an exit code', () => {
    const text = formatExecResult({ chunkId: 'abc123', wallTimeMs: 1002.4, exitCode: null, sessionId: 27299, originalTokenCount: 3, output: 'working...\n' });
    assert.equal(text, 'Chunk ID: abc123\nWall time: 1.0024 seconds\nProcess running with session ID 27299\nOriginal token count: 3\nOutput:\nworking...\n');
  });

  it('empty output still ends with "Output:\\n"; warnings come before it', () => {
    const text = formatExecResult({
      chunkId: 'ffffff',
      wallTimeMs: 12,
      exitCode: 1,
      sessionId: null,
      originalTokenCount: 0,
      output: '',
      warnings: ['session 5 was terminated.'],
    });
    assert.equal(text, 'Chunk ID: ffffff\nWall time: 0.0120 seconds\nProcess exited with code 1\nOriginal token count: 0\nWarning: session 5 was terminated.\nOutput:\n');
  });

  it('chunk ids are 6 lowercase hex characters and vary', () => {
    const ids = new Set(Array.from({ length: 50 }, newChunkId));
    for (const id of ids) assert.match(id, /^[0-9a-f]{6}$/);
    assert.ok(ids.size > 40);
  });

  it('wall time has 4 decimals', () => {
    assert.equal(formatWallTime(0), '0.0000');
    assert.equal(formatWallTime(30_000), '30.0000');
    assert.equal(formatWallTime(1.5), '0.0015');
  });

  it('shell tool: structured JSON with the duration at one decimal', () => {
    assert.equal(formatShellResult({ output: 'hi\n', exitCode: 0, durationMs: 0 }), '{"output":"hi\\n","metadata":{"exit_code":0,"duration_seconds":0.0}}');
    assert.equal(formatShellResult({ output: '"q"', exitCode: 2, durationMs: 1249 }), '{"output":"\\"q\\"","metadata":{"exit_code":2,"duration_seconds":1.2}}');
    assert.equal(formatDurationSeconds(12_050), '12.1');
    assert.deepEqual(JSON.parse(formatShellResult({ output: 'x', exitCode: 124, durationMs: 10_000 })), { output: 'x', metadata: { exit_code: 124, duration_seconds: 10 } });
    assert.equal(timeoutNotice(500), 'command timed out after 500 milliseconds\n');
  });
});

describe('exec: tool definitions', () => {
  it('exec_command has Codex parameter names, types and a required cmd', () => {
    const spec = execCommandToolSpec();
    assert.equal(spec.type, 'function');
    assert.equal(spec.name, 'exec_command');
    assert.equal(spec.strict, false);
    const params = spec.parameters as { properties: Record<string, { type: string; enum?: string[] }>; required: string[]; additionalProperties: boolean };
    assert.deepEqual(params.required, ['cmd']);
    assert.equal(params.additionalProperties, false);
    const types = Object.fromEntries(Object.entries(params.properties).map(([k, v]) => [k, v.type]));
    assert.deepEqual(types, {
      cmd: 'string',
      workdir: 'string',
      shell: 'string',
      login: 'boolean',
      tty: 'boolean',
      yield_time_ms: 'number',
      max_output_tokens: 'number',
      sandbox_permissions: 'string',
      justification: 'string',
      prefix_rule: 'array',
    });
    assert.deepEqual(params.properties.sandbox_permissions?.enum, ['use_default', 'require_escalated']);
    assert.match(JSON.stringify(params.properties.yield_time_ms), /10000 ms; effective range 250-30000 ms/);
  });

  it('exec_command hides `login` when login shells are not allowed', () => {
    const params = execCommandToolSpec({ allowLoginShell: false }).parameters as { properties: Record<string, unknown> };
    assert.ok(!('login' in params.properties));
  });

  it('write_stdin and shell', () => {
    const w = writeStdinToolSpec();
    assert.equal(w.name, 'write_stdin');
    assert.deepEqual((w.parameters as { required: string[] }).required, ['session_id']);
    assert.deepEqual(Object.keys((w.parameters as { properties: object }).properties), ['session_id', 'chars', 'yield_time_ms', 'max_output_tokens']);
    const s = shellToolSpec();
    assert.equal(s.name, 'shell');
    assert.deepEqual((s.parameters as { required: string[] }).required, ['command']);
    assert.deepEqual((s.parameters as { properties: { command: unknown } }).properties.command, {
      type: 'array',
      items: { type: 'string' },
      description: 'The command and its arguments.',
    });
  });
});

describe('exec: tool arguments', () => {
  it('parses exec_command arguments from JSON, ignoring unknown keys and nulls', () => {
    const r = parseExecCommandArgs('{"cmd":"ls","yield_time_ms":1000.7,"workdir":null,"login":false,"extra":1,"prefix_rule":["ls"]}');
    assert.deepEqual(r, {
      ok: true,
      args: { cmd: 'ls', workdir: undefined, login: false, yield_time_ms: 1000, prefix_rule: ['ls'] },
    });
  });

  it('reports bad arguments the way the model can fix them', () => {
    assert.deepEqual(parseExecCommandArgs('{"yield_time_ms":5}'), {
      ok: false,
      error: 'failed to parse function arguments: `cmd`: Invalid input: expected string, received undefined',
    });
    const bad = parseExecCommandArgs('{not json');
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.error, /^failed to parse function arguments: /);
    assert.equal(parseExecCommandArgs({ cmd: 'ls', sandbox_permissions: 'root' }).ok, false);
  });

  it('parses write_stdin and shell arguments', () => {
    const w = parseWriteStdinArgs('{"session_id":1234,"chars":"y\\n"}');
    assert.ok(w.ok);
    assert.equal(w.ok && w.args.session_id, 1234);
    assert.equal(w.ok && w.args.chars, 'y\n');
    assert.equal(parseWriteStdinArgs('{"session_id":"x"}').ok, false);
    const s = parseShellArgs('{"command":["ls","-la"],"timeout_ms":500}');
    assert.ok(s.ok);
    assert.deepEqual(s.ok && s.args.command, ['ls', '-la']);
    assert.equal(parseShellArgs('{"command":[]}').ok, false);
  });
});
