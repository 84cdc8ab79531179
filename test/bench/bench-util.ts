// Bench support: sample statistics (median, p95), temporary CODEX_HOMEs whose config.toml points
// both servers at the loopback mock model (kept offline: plugins/apps features off), and temp dirs
// that are all removed at the end of the run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mockConfigToml } from '../support/app-server-client';

export interface Stats {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Nearest-rank percentile. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function stats(samples: readonly number[]): Stats {
  return {
    n: samples.length,
    median: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
  };
}

/** The config both servers read: the mock provider, never-ask approvals, and no network at startup. */
export function benchConfigToml(mockBaseUrl: string): string {
  return `${mockConfigToml(mockBaseUrl)}[features]\nplugins = false\nremote_plugin = false\napps = false\n`;
}

/** Every temp dir made through here; `removeAllTemp()` deletes them. */
const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `codex-bench-${prefix}-`));
  made.push(dir);
  return dir;
}

/** A fresh CODEX_HOME configured for the mock (or `dir` if given, created when missing). */
export function makeHome(prefix: string, mockBaseUrl: string, dir?: string): string {
  const home = dir ?? tempDir(prefix);
  mkdirSync(home, { recursive: true });
  writeFileSync(path.join(home, 'config.toml'), benchConfigToml(mockBaseUrl));
  return home;
}

/** Takes over the removal of a temp dir made elsewhere (e.g. trees a colleague bench kept). */
export function adoptTemp(dir: string): void {
  made.push(dir);
}

export function removeAllTemp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A small seeded PRNG (mulberry32) so page walks are the same for both servers. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
