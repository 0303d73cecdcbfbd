/** Plain-text tables, numbers and PASS/MISS lines for the benchmark reports. */
import { cpus, loadavg, totalmem } from "node:os";

export function num(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return "—";
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Two significant digits below 10, none above: ratios and per-unit figures. */
export function sig(n: number): string {
  if (!Number.isFinite(n)) return "—";
  const a = Math.abs(n);
  return num(n, a === 0 ? 0 : a < 1 ? 3 : a < 10 ? 2 : a < 100 ? 1 : 0);
}

export function mb(bytes: number): string {
  return Number.isFinite(bytes) ? `${num(bytes / (1024 * 1024), 1)} MB` : "—";
}

export function kb(bytes: number): string {
  return Number.isFinite(bytes) ? `${sig(bytes / 1024)} KB` : "—";
}

export function ratio(n: number): string {
  return Number.isFinite(n) ? `×${sig(n)}` : "—";
}

/** Left column left-aligned, the others right-aligned. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, Bun.stringWidth(cell))));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = " ".repeat(Math.max(0, widths[i]! - Bun.stringWidth(cell)));
          return i === 0 ? cell + pad : pad + cell;
        })
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export interface Target {
  name: string;
  value: number;
  op: "<=" | ">=" | "==";
  limit: number;
  /** How the value prints (default: sig). */
  show?: (n: number) => string;
  /** Where the value comes from, when not obvious. */
  note?: string;
}

export interface TargetResult extends Target {
  pass: boolean;
  margin: string;
}

export function judge(t: Target): TargetResult {
  const show = t.show ?? sig;
  const v = t.value;
  let pass: boolean;
  let margin: string;
  if (!Number.isFinite(v)) {
    pass = false;
    margin = "not measured";
  } else if (t.op === "==") {
    pass = v === t.limit;
    margin = pass ? "exactly" : `off by ${show(v - t.limit)}`;
  } else if (t.op === "<=") {
    pass = v <= t.limit;
    const rel = t.limit === 0 ? Number.POSITIVE_INFINITY : v / t.limit;
    margin = pass ? `${num((1 - rel) * 100, 1)}% under the limit` : `${num((rel - 1) * 100, 1)}% over the limit`;
  } else {
    pass = v >= t.limit;
    const rel = v / t.limit;
    margin = pass ? `${sig(rel)}x the minimum` : `${num((1 - rel) * 100, 1)}% short`;
  }
  return { ...t, pass, margin };
}

export function targetLine(r: TargetResult): string {
  const show = r.show ?? sig;
  const op = r.op === "<=" ? "≤" : r.op === ">=" ? "≥" : "=";
  const note = r.note ? `  (${r.note})` : "";
  return `${r.pass ? "PASS" : "MISS"}  ${r.name}: ${show(r.value)} (target ${op} ${show(r.limit)}; ${r.margin})${note}`;
}

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  bun: string;
  platform: string;
  date: string;
  /** 1-minute load average when the section started (other work on the machine skews CPU figures). */
  load: number;
}

export function machine(): Machine {
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? "unknown",
    cores: c.length,
    memory: mb(totalmem()),
    bun: Bun.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
    load: loadavg()[0] ?? 0,
  };
}

export function machineLine(m: Machine): string {
  const now = loadavg()[0] ?? 0;
  return `${m.cores}-core ${m.cpu}, ${m.memory} RAM, ${m.platform}, Bun ${m.bun}, ${m.date.slice(0, 16).replace("T", " ")} UTC; load average ${num(m.load, 2)} at start, ${num(now, 2)} at end`;
}
