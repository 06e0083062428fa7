/** Heap figures of a process, MB, read from its Prometheus metrics (prom-client's default process metrics). */
export interface HeapFigures {
  /** Highest `process.memoryUsage().heapUsed` seen (`nodejs_heap_size_used_bytes`). */
  readonly peakUsedMb: number | undefined;
  /** `heapUsed` at the last sample. */
  readonly endUsedMb: number | undefined;
  /** Highest V8 heap size reserved (`nodejs_heap_size_total_bytes`): what the heap holds in RSS, used or not. */
  readonly peakTotalMb: number | undefined;
  /** Highest memory of C++ objects bound to JavaScript ones (`nodejs_external_memory_bytes`: buffers, …). */
  readonly peakExternalMb: number | undefined;
  /** Samples read. */
  readonly samples: number;
}

const mb = 1024 * 1024;

/** One gauge's value in a Prometheus text exposition (the unlabelled series), or undefined. */
export function gaugeValue(exposition: string, name: string): number | undefined {
  const match = new RegExp(`^${name}(?:\\{\\})? ([0-9.eE+-]+)`, 'm').exec(exposition);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Samples a process's heap through its `/metrics` every `intervalMs` during a run, so its RSS can
 * be told apart: the JavaScript objects alive (`heapUsed`), the heap V8 keeps reserved around them
 * (`heapTotal`), and buffers outside it (`external`). A sample that fails (the process busy) is skipped.
 */
export class HeapSampler {
  private peakUsed = 0;
  private lastUsed = 0;
  private peakTotal = 0;
  private peakExternal = 0;
  private samples = 0;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly metricsUrl: string,
    private readonly intervalMs = 1000,
  ) {}

  /** Starts sampling. */
  start(): void {
    this.timer = setInterval(() => {
      this.reading = this.sample();
    }, this.intervalMs);
  }

  /** Reads the heap gauges once now. */
  async sample(): Promise<void> {
    try {
      const response = await fetch(this.metricsUrl, { signal: AbortSignal.timeout(this.intervalMs * 5) });
      const text = await response.text();
      const used = gaugeValue(text, 'nodejs_heap_size_used_bytes');
      if (used === undefined) return;
      this.samples += 1;
      this.lastUsed = used;
      this.peakUsed = Math.max(this.peakUsed, used);
      this.peakTotal = Math.max(this.peakTotal, gaugeValue(text, 'nodejs_heap_size_total_bytes') ?? 0);
      this.peakExternal = Math.max(this.peakExternal, gaugeValue(text, 'nodejs_external_memory_bytes') ?? 0);
    } catch {
      // Busy or gone: the next sample will tell.
    }
  }

  /** Stops sampling, takes one last sample, and returns the figures. */
  async stop(): Promise<HeapFigures> {
    clearInterval(this.timer);
    await this.reading;
    await this.sample();
    const inMb = (bytes: number) => (this.samples === 0 ? undefined : bytes / mb);
    return {
      peakUsedMb: inMb(this.peakUsed),
      endUsedMb: inMb(this.lastUsed),
      peakTotalMb: inMb(this.peakTotal),
      peakExternalMb: inMb(this.peakExternal),
      samples: this.samples,
    };
  }
}
