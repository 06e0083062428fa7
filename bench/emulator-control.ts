import { setTimeout as delay } from 'node:timers/promises';
import type { FaultSpec } from '../emulator/http/control-schemas';

/** The emulator's request counters since the last reset. */
export interface EmulatorStats {
  readonly total: number;
  readonly byRoute: Readonly<Record<string, number>>;
}

/** Client of the emulator's `/__emulator` control API (not counted in its stats). */
export class EmulatorControl {
  constructor(private readonly baseUrl: string) {}

  private async call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator control ${method} ${path} answered ${response.status}: ${text}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }

  /** Requests served since the last reset. */
  async stats(): Promise<EmulatorStats> {
    const answer = (await this.call('GET', '/stats')) as EmulatorStats;
    return { total: answer.total, byRoute: answer.byRoute };
  }

  /** Resets the counters only (latency and faults stay). */
  async resetStats(): Promise<void> {
    await this.call('POST', '/reset', { faults: false, latency: false });
  }

  /** Sets the latency added to every API call. */
  async setLatency(ms: number): Promise<void> {
    await this.call('POST', '/latency', { ms, jitterMs: 0 });
  }

  /** Registers a fault (a status for a count or a rate of requests, or a hang), globally or for one route. */
  async addFault(fault: FaultSpec): Promise<void> {
    await this.call('POST', '/faults', fault);
  }

  /** Removes every fault; requests already held open by a hang stay held until their client aborts. */
  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  /**
   * The counters once they stop moving: requests the load generator abandoned at the end of a
   * run may still be making Looker calls for a moment.
   */
  async settledStats(quietMs = 150, timeoutMs = 5_000): Promise<EmulatorStats> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.stats();
    while (Date.now() < deadline) {
      await delay(quietMs);
      const next = await this.stats();
      if (next.total === last.total) return next;
      last = next;
    }
    return last;
  }
}
