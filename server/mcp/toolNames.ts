// Provider-safe names for MCP tools: `mcp__<server>__<tool>` with every character outside
// [A-Za-z0-9_-] replaced by `_`, at most 64 characters. A name that is too long, or that collides
// with one already given out (two raw names sanitising alike), keeps a prefix and ends in `_` plus 8
// hex digits of the SHA-1 of the raw `server/tool` pair — stable across runs and turns.
import { createHash } from 'node:crypto';

export const MAX_TOOL_NAME_LENGTH = 64;
const HASH_LENGTH = 8;

export function sanitizeToolName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

function hashed(base: string, server: string, tool: string, salt: number): string {
  const digest = createHash('sha1').update(`${server}/${tool}${salt > 0 ? `#${salt}` : ''}`).digest('hex').slice(0, HASH_LENGTH);
  return `${base.slice(0, MAX_TOOL_NAME_LENGTH - HASH_LENGTH - 1)}_${digest}`;
}

export interface QualifiedTool {
  readonly server: string;
  readonly tool: string;
}

/** Model-facing name → (server, tool), in the order given; names are unique within the result. */
export function qualifyToolNames(tools: readonly QualifiedTool[]): Map<string, QualifiedTool> {
  const out = new Map<string, QualifiedTool>();
  // Raw names that fit and do not collide keep their plain form, whatever order they come in.
  const plain = new Map<string, number>();
  for (const t of tools) {
    const base = sanitizeToolName(`mcp__${t.server}__${t.tool}`);
    plain.set(base, (plain.get(base) ?? 0) + 1);
  }
  for (const t of tools) {
    const base = sanitizeToolName(`mcp__${t.server}__${t.tool}`);
    const exact = base === `mcp__${t.server}__${t.tool}`;
    let name = base;
    if (base.length > MAX_TOOL_NAME_LENGTH || ((plain.get(base) ?? 0) > 1 && !exact)) name = hashed(base, t.server, t.tool, 0);
    for (let salt = 1; out.has(name); salt++) name = hashed(base, t.server, t.tool, salt);
    out.set(name, t);
  }
  return out;
}
