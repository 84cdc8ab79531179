// Types of scripts/start-model.mjs, for the tests that import it.
export interface StartModelOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly home?: string;
}
export function describeStartModel(options?: StartModelOptions): { ready: boolean; lines: string[] };
export function printStartModel(options?: StartModelOptions): void;
