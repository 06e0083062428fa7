import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FloorReply, FloorRequest } from './floor-protocol';
import type { LoadOutcome } from './latency-stats';
import { repositoryRoot } from './processes';
import type { ScenarioId } from './scenarios';

/** The floor process, seen from the benchmark: one request at a time. */
export class Floor {
  private constructor(private readonly child: ChildProcess) {}

  /** The floor process id, to read its CPU time. */
  get pid(): number {
    return this.child.pid as number;
  }

  /** Forks the floor process and logs its SDK in to the emulator. */
  static async start(baseUrl: string, clientId: string, clientSecret: string): Promise<Floor> {
    // Its stdout is dropped: the stock SDK prints a debug line there for calls without a signal (its login).
    const child = fork(join(__dirname, 'floor-client.ts'), [], {
      cwd: repositoryRoot,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const floor = new Floor(child);
    const reply = await floor.ask({ kind: 'init', baseUrl, clientId, clientSecret });
    if (reply.kind !== 'ready') throw new Error('the floor did not start');
    return floor;
  }

  private ask(request: FloorRequest): Promise<FloorReply> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: FloorReply): void => {
        cleanup();
        if (reply.kind === 'failed') reject(new Error(`floor: ${reply.message}`));
        else resolve(reply);
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`the floor process exited (${code})`));
      };
      const cleanup = (): void => {
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send(request);
    });
  }

  private async outcome(request: FloorRequest): Promise<LoadOutcome> {
    const reply = await this.ask(request);
    if (reply.kind !== 'outcome') throw new Error(`floor answered ${reply.kind}`);
    return reply.outcome;
  }

  /** `connections` concurrent loops of the scenario for `durationS` seconds. */
  load(scenario: ScenarioId, connections: number, durationS: number): Promise<LoadOutcome> {
    return this.outcome({ kind: 'load', scenario, connections, durationS });
  }

  /** `count` operations one after another. */
  sequential(scenario: ScenarioId, count: number): Promise<LoadOutcome> {
    return this.outcome({ kind: 'sequential', scenario, count });
  }

  /** Ends the floor process. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
