// Small helpers the benchmarks share: percentiles, how to print them, and where the CPU went (Linux /proc).
import fs from 'node:fs';
import os from 'node:os';

/** The q-quantile (0..1) of `sorted` by the nearest-rank method; `sorted` ascending. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length > 0 ? sum / sorted.length : Number.NaN,
  };
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 3 : 1)} ms`;
}

/** One line saying where the figures came from, so a pasted result is never anonymous. */
export function machineLine(): string {
  return (
    `node ${process.version}, ${process.platform}/${process.arch}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ` +
    `load ${(os.loadavg()[0] ?? 0).toFixed(2)}, speed probe ${speedProbeMs().toFixed(1)} ms, ${new Date().toISOString()}`
  );
}

/**
 * Milliseconds one core takes for a fixed piece of work (the best of five), so that figures taken
 * at different times can be compared: a virtual machine's cores were seen here to run the same
 * code up to half again slower from one hour to the next, with no other load visible and no
 * hardware counters to count instructions instead. Lower is faster; compare runs only with
 * similar probes, or scale by them.
 */
export function speedProbeMs(): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round += 1) {
    const started = performance.now();
    let sum = 0;
    const words: string[] = [];
    for (let i = 0; i < 2_000_000; i += 1) {
      sum = (sum + i * 31) % 1_000_003;
      if (i % 1000 === 0) words.push(JSON.stringify({ i, sum }));
    }
    if (JSON.parse(`[${words.join(',')}]`).length !== 2000) throw new Error('the speed probe miscounted');
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** CPU time so far, in seconds: the whole machine (busy, and all cores' total) from /proc/stat. Linux only; null elsewhere. */
export function machineCpu(): { busy: number; total: number } | null {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. Linux only; null elsewhere. */
export function processCpu(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** CPU seconds used so far by each process named `name` (e.g. the PostgreSQL backends), by pid. Linux only; null elsewhere. */
export function processesCpu(name: string): Map<number, number> | null {
  try {
    const byPid = new Map<number, number>();
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== name) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        byPid.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
      } catch {
        // The process ended while we looked.
      }
    }
    return byPid;
  } catch {
    return null;
  }
}

/** CPU seconds the processes used between two `processesCpu` readings; one that ended in between is lost. */
export function cpuBetween(before: Map<number, number> | null, after: Map<number, number> | null): number {
  if (!before || !after) return 0;
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

// USER_HZ: 100 on every Linux that Node runs on.
const CLOCK_TICKS = 100;
