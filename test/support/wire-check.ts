// Test support: the tap that checks each message between a test client and our server against the
// real Codex schema (codex-schema/). Methods that are codex-ts extensions are skipped, and so are
// error replies (the tests that provoke them assert on them); what breaks the schema is a violation.
import type { TapDirection } from '../../jsonrpc';
import type { WireSession } from './codex-schema';

/** Methods we implement beyond the 0.169 schema (documented in README "Protocol extensions"). */
export const EXTENSION_METHODS = new Set([
  'thread/rollback',
  'fuzzyFileSearch/sessionStart',
  'fuzzyFileSearch/sessionUpdate',
  'fuzzyFileSearch/sessionStop',
]);

type RequestId = string | number;

export class WireCheck {
  /** The method of each request by its id, per sender (client and server ids both count from 0). */
  private readonly sent: Record<TapDirection, Map<RequestId, string>> = { in: new Map(), out: new Map() };

  constructor(private readonly wire: WireSession) {}

  check(message: Readonly<Record<string, unknown>>, direction: TapDirection, violation: (text: string) => void): void {
    const id = typeof message.id === 'string' || typeof message.id === 'number' ? message.id : undefined;
    let method: string | undefined;
    if (typeof message.method === 'string') {
      method = message.method;
      if (id !== undefined) this.sent[direction].set(id, method);
    } else if (id !== undefined) {
      // A reply answers a request of the other side.
      const answered = this.sent[direction === 'in' ? 'out' : 'in'];
      method = answered.get(id);
      answered.delete(id);
    }
    // Replies to raw lines (sendRaw) have no known method: those tests assert on them directly.
    if (method === undefined || EXTENSION_METHODS.has(method)) return;
    if ('error' in message) return;
    const wireDirection = direction === 'in' ? 'serverToClient' : 'clientToServer';
    const result = this.wire.validate(message, wireDirection);
    if (!result.ok) violation(`${wireDirection} ${method}: ${result.errors}`);
  }
}
