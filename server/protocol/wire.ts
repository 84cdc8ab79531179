// Building blocks for the schemas of what a peer sends: objects that let unknown keys through (a
// newer server or client may add fields), opaque Codex fields codex-ts never fills, and the empty
// result. Used by every method table of this folder.
//
// The schemas of results, notifications and server requests are built on first use (`z.lazy`):
// this server builds those messages rather than parsing them, and a thousand zod instances built
// at load would cost every process that imports the protocol (server, extension, webview)
// milliseconds of start-up. Params schemas, which the router parses, are built at load.
import * as z from 'zod';

/**
 * An object on the wire. Parsing keeps the keys the shape does not name (a newer peer may send
 * more, and a client passing a message on must not lose them). The static type is the declared
 * shape: TypeScript object types are open anyway, and code that builds one keeps its checks for
 * misspelt keys.
 */
export function wireObject<S extends z.ZodRawShape>(shape: S): z.ZodObject<S, z.core.$strip> {
  return z.looseObject(shape) as unknown as z.ZodObject<S, z.core.$strip>;
}

/** Any JSON value: tool arguments, MCP payloads, config values. */
export const JsonValue: z.ZodType<unknown> = z.unknown();

/**
 * A Codex field codex-ts does not model (always null from this server). Any JSON passes, or none,
 * so a Codex server that fills it in (or an older one that lacks it) is still understood.
 */
export const Opaque = z.unknown().optional();

/** The `{}` a method answers with when there is nothing to say. */
export const EmptyResult = wireObject({});
