import type { Principal } from '../auth/principal';
import type { LookerUserRef } from '../policy/policy-model';
import { LocalCache } from '../cache/local-cache';
import { unmappedCaller } from './looker-user-errors';
import type { LookerDirectory } from './looker-directory';
import type { RequestCounter } from './service-calls';
import { lookerUserTarget, mappingKey, type UserMappingOptions } from './user-target';

/** A mapping outcome as cached: a Looker user id, or why there is none. */
type Mapped = { readonly userId: string } | { readonly unmapped: string | undefined };

/** Options of the caller → Looker user mapping. */
export interface UserMapperOptions {
  readonly mapping: UserMappingOptions;
  readonly directory: LookerDirectory;
  readonly clock: () => number;
  /** How long a found user is trusted; short, so a caller who moves team follows the IdP quickly. */
  readonly ttlMs: number;
  /** How long "no such user" is remembered, sparing Looker a lookup per request of an unmapped caller. */
  readonly unmappedTtlMs: number;
  readonly maxEntries: number;
}

/**
 * Maps callers to Looker user ids, through a short-lived cache keyed by issuer + subject + the
 * credential looked up (never shared between subjects). Rejects with FORBIDDEN when no enabled
 * Looker user holds the credential; a Looker outage rejects like any other call.
 */
export class UserMapper {
  readonly #cache: LocalCache<Mapped>;

  constructor(private readonly options: UserMapperOptions) {
    this.#cache = new LocalCache({ maxEntries: options.maxEntries, clock: options.clock });
  }

  /** The Looker user id the caller acts as. */
  async resolve(principal: Principal, ref: LookerUserRef | undefined, onRequests?: RequestCounter): Promise<string> {
    const target = lookerUserTarget(principal, ref, this.options.mapping);
    if (target.kind === 'unmappable') throw unmappedCaller(target.reason);
    // A policy naming the user by id needs no lookup; login_user tells whether it exists.
    if (target.kind === 'id') return target.id;
    const { directory, clock, ttlMs, unmappedTtlMs } = this.options;
    const mapped = await this.#cache.getOrLoad(mappingKey(principal, target), async () => {
      const user = await directory.findByCredential(target.type, target.id, onRequests);
      const now = clock();
      if (user && !user.disabled) return { value: { userId: user.id }, expiresAt: now + ttlMs };
      return {
        value: { unmapped: user?.disabled ? 'the Looker user is disabled' : undefined },
        expiresAt: now + unmappedTtlMs,
      };
    });
    if ('userId' in mapped) return mapped.userId;
    throw unmappedCaller(mapped.unmapped);
  }

  /** Forgets a caller's mapping, e.g. when the Looker user it named no longer exists. */
  forget(principal: Principal, ref: LookerUserRef | undefined): void {
    const target = lookerUserTarget(principal, ref, this.options.mapping);
    if (target.kind !== 'unmappable') this.#cache.delete(mappingKey(principal, target));
  }
}
