/** Registers what to stop when a run ends. */
export interface Stoppers {
  add(stop: () => Promise<void>): void;
}

/** Everything started for a run, stopped in reverse order whatever happens. */
export class StopList implements Stoppers {
  private readonly stoppers: (() => Promise<void>)[] = [];

  add(stop: () => Promise<void>): void {
    this.stoppers.push(stop);
  }

  /** Stops everything registered, last first; a failing stop does not keep the others from running. */
  async stopAll(): Promise<void> {
    while (this.stoppers.length > 0) {
      const stop = this.stoppers.pop() as () => Promise<void>;
      await stop().catch(() => undefined);
    }
  }
}
