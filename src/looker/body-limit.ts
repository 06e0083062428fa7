import type { ITransportSettings } from '@looker/sdk-rtl';

/**
 * A cap on the bytes of one Looker answer's body (decompressed), for calls whose answer the caller
 * may make as large as it likes (exports). It travels to the transport with the SDK call's per-call
 * settings, as the call's attempt does (see `call-scope.ts`): the transport reads the body up to
 * `maxBytes` and no further, drops the answer there and marks the limit `exceeded`.
 */
export interface BodyLimit {
  readonly maxBytes: number;
  exceeded: boolean;
}

// A symbol key, as the attempt's: the SDK copies per-call settings with object spread, which keeps it.
const bodyLimitKey = Symbol('looker.bodyLimit');

/** Per-call settings that also carry a body limit. */
export function withBodyLimit(settings: Partial<ITransportSettings>, limit: BodyLimit): Partial<ITransportSettings> {
  return { ...settings, [bodyLimitKey]: limit } as Partial<ITransportSettings>;
}

/** The body limit per-call settings carry, if any. */
export function bodyLimitOf(carrier: object | null | undefined): BodyLimit | undefined {
  return carrier ? (Reflect.get(carrier, bodyLimitKey) as BodyLimit | undefined) : undefined;
}

/** An answer's body went past its limit; it was not read further. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The answer is larger than ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}
