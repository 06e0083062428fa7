import { readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat` times (USER_HZ; 100 on Linux for x86 and arm). */
const clockTicksPerSecond = 100;

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) the process has used so far, in ms; undefined without /proc. */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}

/** What a process used during one measured run. */
export interface Usage {
  /** Resident set size when watching started, MB. */
  readonly startRssMb: number | undefined;
  /** Highest resident set size seen, MB (undefined without /proc). */
  readonly peakRssMb: number | undefined;
  /** Resident set size when watching stopped, MB. */
  readonly endRssMb: number | undefined;
  /** CPU time used during the run, ms. */
  readonly cpuMs: number | undefined;
}

/**
 * Watches one process during a run: polls VmRSS and, where the kernel lets us reset it
 * (`clear_refs` 5), also reads VmHWM so a peak between two polls is not missed.
 */
export class ProcessMonitor {
  private peakKb = 0;
  private startKb = 0;
  private hwmReset = false;
  private timer: NodeJS.Timeout | undefined;
  private cpuStart: number | undefined;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 50,
  ) {}

  /** Starts watching. */
  start(): void {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      this.hwmReset = true;
    } catch {
      this.hwmReset = false;
    }
    this.startKb = statusKb(this.pid, 'VmRSS') ?? 0;
    this.peakKb = this.startKb;
    this.cpuStart = cpuTimeMs(this.pid);
    this.timer = setInterval(() => {
      this.peakKb = Math.max(this.peakKb, statusKb(this.pid, 'VmRSS') ?? 0);
    }, this.intervalMs);
  }

  /** Stops watching and returns the peak RSS and CPU time used since `start`. */
  stop(): Usage {
    clearInterval(this.timer);
    const rss = statusKb(this.pid, 'VmRSS') ?? 0;
    const hwm = this.hwmReset ? (statusKb(this.pid, 'VmHWM') ?? 0) : 0;
    const peakKb = Math.max(this.peakKb, rss, hwm);
    const cpuEnd = cpuTimeMs(this.pid);
    return {
      startRssMb: this.startKb === 0 ? undefined : this.startKb / 1024,
      peakRssMb: peakKb === 0 ? undefined : peakKb / 1024,
      endRssMb: rss === 0 ? undefined : rss / 1024,
      cpuMs: this.cpuStart === undefined || cpuEnd === undefined ? undefined : cpuEnd - this.cpuStart,
    };
  }
}
