// autocannon ships no type declarations; these cover the part of its API the benchmark uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    /** Options of one autocannon run (subset). */
    interface Options {
      url: string;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      connections?: number;
      duration?: number;
      amount?: number;
      timeout?: number;
      pipelining?: number;
      verifyBody?: (body: string) => boolean;
      skipAggregateResult?: boolean;
    }

    /** The summary autocannon reports at the end of a run (subset). */
    interface Result {
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      duration: number;
      /** `sent`: requests sent, the ones still unanswered when the run ended included. */
      requests: { total: number; average: number; sent: number };
    }

    /** A running benchmark; emits `response` (client, statusCode, bytes, responseTimeMs) per answer. */
    interface Instance extends EventEmitter {
      stop(): void;
    }
  }

  function autocannon(
    options: autocannon.Options,
    callback: (error: Error | null, result: autocannon.Result) => void,
  ): autocannon.Instance;

  export = autocannon;
}
