import type { Readiness } from '../http';

/**
 * Where the server stands. Readiness waits for Apollo (and the mounted parts), and turns 503 for
 * the whole drain, from the moment stop() begins. Liveness stays 200.
 */
export class ServerReadiness {
  #started = false;
  #draining = false;

  /** `partsReady`: whether the mounted parts (the demo issuer) serve yet. */
  constructor(private readonly partsReady?: () => boolean) {}

  /** Whether Apollo has started. */
  get started(): boolean {
    return this.#started;
  }

  /** Apollo has started: ready, unless the mounted parts are not yet. */
  markStarted(): void {
    this.#started = true;
  }

  /** stop() has begun: draining from now on. */
  markDraining(): void {
    this.#draining = true;
  }

  /** What `/readyz` answers now. */
  readonly now = (): Readiness =>
    this.#draining ? 'draining' : !this.#started || (this.partsReady && !this.partsReady()) ? 'starting' : 'ready';
}
