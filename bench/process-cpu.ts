import { readdirSync, readFileSync } from 'node:fs';

/** Who used the machine's CPU during a benchmark: PostgreSQL's server processes, the Kafka broker, this process, the rest. */
export type CpuFamily = 'postgres' | 'broker' | 'node' | 'other';
export type CpuSeconds = Record<CpuFamily, number>;

// /proc reports times in USER_HZ, which Linux fixes at 100 for user space whatever the kernel's tick.
const TICKS_PER_SECOND = 100;

function family(pid: number, comm: string, cmdline: string): CpuFamily {
  if (pid === process.pid) return 'node';
  if (comm.startsWith('postgres') || cmdline.startsWith('postgres')) return 'postgres';
  // The stack's only JVM is the broker (MLflow is Python).
  if (comm === 'java') return 'broker';
  return 'other';
}

/**
 * CPU time (user + system, in seconds) used so far by every live process, summed by family; Linux only. A process
 * that exits between two samples takes its time with it, so compare samples over a window in which the stack's
 * processes live throughout (PostgreSQL's backends of a pool do).
 */
export function cpuByFamily(): CpuSeconds {
  const seconds: CpuSeconds = { postgres: 0, broker: 0, node: 0, other: 0 };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; utime and stime are the 12th and 13th fields after it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      seconds[family(Number(entry), comm, readFileSync(`/proc/${entry}/cmdline`, 'utf8'))] += ticks / TICKS_PER_SECOND;
    } catch {
      // Exited while being read.
    }
  }
  return seconds;
}

/** Microseconds of CPU per unit of work (event, row), by family and in all. */
export type CpuMicros = Record<CpuFamily | 'total', number>;

/** The CPU each family used between two samples, in microseconds per unit of work (event, row). */
export function microsPer(units: number, before: CpuSeconds, after: CpuSeconds): CpuMicros {
  const per = (f: CpuFamily) => Math.round((((after[f] - before[f]) * 1e6) / units) * 10) / 10;
  const result = { postgres: per('postgres'), broker: per('broker'), node: per('node'), other: per('other') };
  return { ...result, total: Math.round((result.postgres + result.broker + result.node + result.other) * 10) / 10 };
}

/** CPU time (user + system, in seconds) used so far by each of `pids` (e.g. a platform's service processes); Linux only. */
export function cpuOfProcesses(pids: readonly number[]): number {
  let seconds = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    seconds += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  }
  return seconds;
}
