// Bench report: turns the scenario results into rows (ours, reference, ratio, target, pass/fail),
// prints them as a text table, and writes the whole run as JSON under bench-results/
// (bench-<timestamp>.json and latest.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { round, type Stats } from './bench-util';

export interface Cell {
  /** The compared number: a median, or a single measurement. */
  value: number;
  p95?: number;
  max?: number;
  unit: 'ms' | 'MiB';
  /** Where our number comes from when it is not over JSON-RPC. */
  source?: 'library';
}

/** ratio: ours/reference ≤ max (on the compared value); ms: ours' worst sample (max, else value) ≤ max. */
export type Target = { kind: 'ratio'; max: number } | { kind: 'ms'; max: number } | null;

export interface Row {
  metric: string;
  ours: Cell | null;
  reference: Cell | null;
  ratio: number | null;
  target: string;
  pass: boolean | null;
  note?: string;
}

export function cellOf(s: Stats | undefined, unit: Cell['unit'] = 'ms', withMax = false, source?: Cell['source']): Cell | null {
  if (!s || s.n === 0) return null;
  return { value: s.median, p95: s.p95, ...(withMax ? { max: s.max } : {}), unit, ...(source ? { source } : {}) };
}

export function single(value: number | undefined, unit: Cell['unit'] = 'ms', source?: Cell['source']): Cell | null {
  return value === undefined || Number.isNaN(value) ? null : { value: round(value), unit, ...(source ? { source } : {}) };
}

export function row(metric: string, ours: Cell | null, reference: Cell | null, target: Target, note?: string): Row {
  const ratio = ours && reference && reference.value > 0 ? round(ours.value / reference.value, 3) : null;
  let pass: boolean | null = null;
  let targetText = '—';
  if (target?.kind === 'ratio') {
    targetText = `≤ ${target.max}×`;
    pass = ratio === null ? null : ratio <= target.max;
  } else if (target?.kind === 'ms') {
    targetText = `≤ ${target.max} ms`;
    pass = ours === null ? null : (ours.max ?? ours.value) <= target.max;
  }
  return { metric, ours, reference, ratio, target: targetText, pass, ...(note ? { note } : {}) };
}

function fmt(cell: Cell | null): string {
  if (!cell) return 'n/a';
  const n = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  let text = n(cell.value);
  if (cell.p95 !== undefined) text += ` / ${n(cell.p95)}`;
  if (cell.max !== undefined) text += ` / ${n(cell.max)}`;
  return `${text} ${cell.unit}${cell.source === 'library' ? ' (lib)' : ''}`;
}

/** The table as text: columns metric | ours | reference | ratio | target | result. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['metric (median / p95 [/ max])', 'ours', 'reference', 'ratio', 'target', 'result'];
  const body = rows.map((r) => [
    r.metric,
    fmt(r.ours),
    fmt(r.reference),
    r.ratio === null ? '' : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.pass === null ? (r.target === '—' ? '' : 'n/a') : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  const notes = rows.filter((r) => r.note).map((r) => `  * ${r.metric}: ${r.note}`);
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line), ...(notes.length ? ['', 'Notes:', ...notes] : [])].join('\n');
}

/** Writes bench-results/bench-<timestamp>.json and bench-results/latest.json; returns the first path. */
export function writeResults(repoRoot: string, report: Record<string, unknown>): string {
  const dir = path.join(repoRoot, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `bench-${stamp}.json`);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(file, text);
  writeFileSync(path.join(dir, 'latest.json'), text);
  return file;
}
