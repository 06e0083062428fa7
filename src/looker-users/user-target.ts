import type { Principal } from '../auth/principal';
import { readClaim } from '../policy/claim-values';
import type { LookerUserRef } from '../policy/policy-model';

/** How callers without a policy-named Looker user are matched to one. */
export interface UserMappingOptions {
  /** `embed`: the embed credential whose `external_user_id` is the token's `sub` (default). `email`: the user with the token's email. */
  readonly by: 'embed' | 'email';
  /** Claim holding the email when `by` is `email` (top-level name or dotted path); default `email`. */
  readonly emailClaim?: string;
}

/** The Looker user a caller should act as, as far as can be told without asking Looker. */
export type LookerUserTarget =
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'credential'; readonly type: 'embed' | 'email'; readonly id: string };

/** Why a caller cannot be mapped at all (shown to the caller after the standard message). */
export interface Unmappable {
  readonly kind: 'unmappable';
  readonly reason: string;
}

/**
 * Decides which Looker user a caller names. A Looker user named by the policy for the caller wins;
 * otherwise the configured mapping reads the token. An email the token itself marks as unverified
 * (`email_verified: false`) is refused, because anyone could otherwise claim a colleague's address.
 */
export function lookerUserTarget(
  principal: Principal,
  ref: LookerUserRef | undefined,
  mapping: UserMappingOptions,
): LookerUserTarget | Unmappable {
  if (ref) {
    if ('id' in ref) return { kind: 'id', id: ref.id };
    if ('email' in ref) return { kind: 'credential', type: 'email', id: ref.email };
    return { kind: 'credential', type: 'embed', id: ref.externalUserId };
  }
  if (mapping.by === 'embed') return { kind: 'credential', type: 'embed', id: principal.subject };
  const claim = mapping.emailClaim ?? 'email';
  const email = readClaim(principal.claims, claim);
  if (typeof email !== 'string' || email.trim() === '')
    return { kind: 'unmappable', reason: `the token has no "${claim}" claim` };
  if (principal.claims.email_verified === false)
    return { kind: 'unmappable', reason: 'the token says its email is not verified' };
  return { kind: 'credential', type: 'email', id: email.trim() };
}

/**
 * Cache key of a caller's mapping. Issuer and subject come first, so two callers never share an
 * entry even when they name the same credential; a caller whose policy rule changes gets a new key.
 */
export function mappingKey(principal: Principal, target: LookerUserTarget): string {
  const issuer = typeof principal.claims.iss === 'string' ? principal.claims.iss : '';
  const credential = target.kind === 'id' ? ['id', target.id] : [target.type, target.id];
  return JSON.stringify([issuer, principal.subject, ...credential]);
}
