import type { LoadOutcome } from './latency-stats';
import type { ScenarioId } from './scenarios';

/** Parent → floor process. */
export type FloorRequest =
  | { readonly kind: 'init'; readonly baseUrl: string; readonly clientId: string; readonly clientSecret: string }
  /** `connections` concurrent loops for `durationS` seconds. */
  | { readonly kind: 'load'; readonly scenario: ScenarioId; readonly connections: number; readonly durationS: number }
  /** `count` operations one after another. */
  | { readonly kind: 'sequential'; readonly scenario: ScenarioId; readonly count: number };

/** Floor process → parent. */
export type FloorReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'outcome'; readonly outcome: LoadOutcome }
  | { readonly kind: 'failed'; readonly message: string };
