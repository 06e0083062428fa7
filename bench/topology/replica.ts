import { spawnCompiled, spawnTs, waitUntilReady, type Child } from '../processes';

/** How every replica is started: the same settings (and secrets) on all, only the port differs. */
export interface ReplicaSettings {
  /** The environment shared by every replica (Looker, OIDC, Redis, secrets, limits). */
  readonly env: Readonly<Record<string, string>>;
  /** `compiled`: `src/main.ts` compiled as `npm run build` does, run with node (production); `tsx`: from the sources. */
  readonly runAs: 'compiled' | 'tsx';
}

/** One subgraph replica on a fixed port, which it gets back when restarted. */
export class Replica {
  #child: Child | undefined;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly settings: ReplicaSettings,
  ) {}

  /** Its base URL (HAProxy reaches it here too). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Its process while it runs. */
  get child(): Child | undefined {
    return this.#child;
  }

  /** Starts the process and waits until `/readyz` answers 200. */
  async start(): Promise<void> {
    const env = { ...this.settings.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(this.port) };
    const child =
      this.settings.runAs === 'compiled'
        ? await spawnCompiled(this.name, 'src/main.ts', env)
        : spawnTs(this.name, 'src/main.ts', env);
    this.#child = child;
    try {
      await waitUntilReady(child, `${this.url}/readyz`);
    } catch (error) {
      await child.stop();
      throw error;
    }
  }

  /**
   * SIGTERM, as an orchestrator stops a replica, and waits for the exit (the drain and the grace
   * period included, SIGKILL only past `patienceMs`); resolves with the exit code.
   */
  async terminate(patienceMs: number): Promise<number | null> {
    const child = this.#child;
    if (child === undefined) return null;
    const exited = new Promise<number | null>((resolve) => {
      if (child.process.exitCode !== null) resolve(child.process.exitCode);
      else child.process.once('exit', (code) => resolve(code));
    });
    await child.stop(patienceMs);
    return exited;
  }

  /** SIGKILL, as a crash; resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (child === undefined || child.process.exitCode !== null || child.process.signalCode !== null) return;
    const exited = new Promise((resolve) => child.process.once('exit', resolve));
    child.process.kill('SIGKILL');
    // Marked as stopping, so the death is not reported as unexpected (its SIGTERM finds no process).
    void child.stop(0);
    await exited;
  }

  /** Stops it, whatever state it is in (for the clean-up). */
  async stop(): Promise<void> {
    await this.#child?.stop(2_000);
  }
}
