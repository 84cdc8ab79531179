// The JSONL framing of jsonrpc/ on plain streams: lines split across chunks, CRLF, UTF-8 split
// across reads, an over-long line, malformed JSON and batches classified with their error replies,
// a last line without a newline; the writer's one-object-per-line output and its options.
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import type { Message } from 'vscode-jsonrpc/node';
import { classifyLine, JsonlMessageReader, JsonlMessageWriter, type InvalidMessageReply } from '../../jsonrpc/framing';

interface Read {
  readonly messages: Record<string, unknown>[];
  readonly invalid: { reply: InvalidMessageReply | null; line: string }[];
  readonly input: PassThrough;
  closed: boolean;
}

function read(maxLineLength?: number): Read {
  const input = new PassThrough();
  const result: Read = { messages: [], invalid: [], input, closed: false };
  const reader = new JsonlMessageReader(input, (reply, line) => result.invalid.push({ reply, line }), maxLineLength);
  reader.onClose(() => (result.closed = true));
  reader.listen((message) => result.messages.push(message as unknown as Record<string, unknown>));
  return result;
}

/** Resolves once the chunks written so far have been read (PassThrough delivers on the next tick). */
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('jsonrpc framing: reader', () => {
  it('joins a line split across chunks and splits chunks holding several lines', async () => {
    const r = read();
    r.input.write('{"id":1,"me');
    r.input.write('thod":"a"}\n{"method":"b"}\n{"met');
    await settled();
    assert.deepEqual(r.messages, [{ id: 1, method: 'a' }, { method: 'b' }]);
    r.input.write('hod":"c"}\n');
    await settled();
    assert.deepEqual(r.messages.map((m) => m.method), ['a', 'b', 'c']);
    assert.deepEqual(r.invalid, []);
  });

  it('takes CRLF line ends and skips blank lines', async () => {
    const r = read();
    r.input.write('{"method":"a"}\r\n\r\n   \n{"id":"x","result":{}}\r\n');
    await settled();
    assert.deepEqual(r.messages, [{ method: 'a' }, { id: 'x', result: {} }]);
    assert.deepEqual(r.invalid, []);
  });

  it('decodes a UTF-8 character split between two reads', async () => {
    const r = read();
    const bytes = Buffer.from('{"method":"a","params":{"text":"é–😀"}}\n', 'utf8');
    const cut = bytes.indexOf(Buffer.from('😀', 'utf8')) + 2;
    r.input.write(bytes.subarray(0, cut));
    r.input.write(bytes.subarray(cut));
    await settled();
    assert.deepEqual(r.messages, [{ method: 'a', params: { text: 'é–😀' } }]);
  });

  it('rejects a line longer than the limit once, skips the rest of it and goes on', async () => {
    const r = read(100);
    r.input.write(`{"method":"a","params":{"x":"${'x'.repeat(60)}`);
    r.input.write(`${'y'.repeat(60)}`);
    r.input.write(`${'z'.repeat(200)}"}}\n{"method":"after"}\n`);
    await settled();
    assert.equal(r.invalid.length, 1);
    assert.deepEqual(r.invalid[0]?.reply, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: line longer than 100 bytes' } });
    assert.deepEqual(r.messages, [{ method: 'after' }]);
  });

  it('answers malformed JSON with a parse error and a batch with invalid request, then reads on', async () => {
    const r = read();
    r.input.write('{"id":1,"method":\n[{"id":2,"method":"a"}]\n{"id":3,"method":"ok"}\n');
    await settled();
    assert.equal(r.invalid.length, 2);
    assert.equal(r.invalid[0]?.reply?.error.code, -32700);
    assert.match(r.invalid[0]?.reply?.error.message ?? '', /^Parse error: /);
    assert.equal(r.invalid[0]?.line, '{"id":1,"method":');
    assert.deepEqual(r.invalid[1]?.reply, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid request: batch (array) messages are not supported' } });
    assert.deepEqual(r.messages, [{ id: 3, method: 'ok' }]);
  });

  it('reads a last line without a newline at the end of the stream, then closes', async () => {
    const r = read();
    r.input.end('{"method":"last"}');
    await settled();
    assert.deepEqual(r.messages, [{ method: 'last' }]);
    assert.equal(r.closed, true);
  });
});

describe('jsonrpc framing: classifyLine', () => {
  it('keeps a message as parsed (no "jsonrpc" added) and names what is wrong with the others', () => {
    assert.deepEqual(classifyLine('{"id":1,"method":"a"}'), { kind: 'message', message: { id: 1, method: 'a' } });
    const reply = (line: string) => {
      const c = classifyLine(line);
      return c.kind === 'invalid' ? c.reply : null;
    };
    assert.deepEqual(reply('{"jsonrpc":"1.0","id":3,"method":"a"}'), { jsonrpc: '2.0', id: 3, error: { code: -32600, message: 'Invalid request: "jsonrpc" must be "2.0"' } });
    assert.deepEqual(reply('{"id":5,"method":"a","params":"x"}')?.error.code, -32602);
    assert.deepEqual(reply('{}')?.error.message, 'Invalid request: expected a request, a notification or a response');
  });
});

describe('jsonrpc framing: writer', () => {
  async function written(options: ConstructorParameters<typeof JsonlMessageWriter>[1], messages: object[]): Promise<string[]> {
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const writer = new JsonlMessageWriter(output, options);
    await Promise.all(messages.map((m) => writer.write(m as Message)));
    await settled();
    return chunks;
  }

  it('writes one object per line, the messages of one tick in one write', async () => {
    const chunks = await written({ stampNotifications: false }, [
      { jsonrpc: '2.0', id: 0, result: { a: 'x\ny' } },
      { jsonrpc: '2.0', method: 'n', params: {} },
    ]);
    assert.deepEqual(chunks, ['{"jsonrpc":"2.0","id":0,"result":{"a":"x\\ny"}}\n{"jsonrpc":"2.0","method":"n","params":{}}\n']);
  });

  it('stamps notifications with emittedAtMs on the server side and leaves "jsonrpc" out on the client side', async () => {
    const [server] = await written({}, [{ jsonrpc: '2.0', method: 'n', params: {} }]);
    assert.match(server ?? '', /^\{"jsonrpc":"2.0","method":"n","params":\{\},"emittedAtMs":\d+\}\n$/);
    const [client] = await written({ stampNotifications: false, jsonrpcMember: false }, [{ jsonrpc: '2.0', id: 4, method: 'm', params: { p: 1 } }]);
    assert.equal(client, '{"id":4,"method":"m","params":{"p":1}}\n');
  });
});
