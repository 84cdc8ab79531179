// The config schema modules (schema.ts, schemaTables.ts: ~300 zod schemas for every documented
// config key), evaluated on first use instead of at server start: building them costs ~4 ms, and
// nothing validates a config before the first config read, which comes after the initialize answer.
// A require() inside a function is how the bundler defers a module's evaluation; everything else
// imports these two modules only as types.
import type * as Schema from './schema';
import type * as SchemaTables from './schemaTables';

export function configSchema(): typeof Schema {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred evaluation (see above)
  return require('./schema') as typeof Schema;
}

export function configTables(): typeof SchemaTables {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred evaluation (see above)
  return require('./schemaTables') as typeof SchemaTables;
}
