// Values built on first use and kept. The model clients' zod validators (items, Responses events,
// chat chunks, provider entries: ~100 schemas) are not needed until the first model request or
// provider lookup, and constructing them at module load cost the server ~4 ms on every start.

export function lazy<T>(build: () => T): () => T {
  let value: { readonly built: T } | null = null;
  return () => (value ??= { built: build() }).built;
}
