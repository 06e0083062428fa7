import type { IEmbedSsoParams } from '@looker/sdk';
import type { Principal } from '../auth/principal';
import { readClaim, type EmbedPolicy } from '../policy';

/** What may be embedded: a dashboard or a look, by Looker id. */
export interface EmbedTarget {
  readonly kind: 'dashboard' | 'look';
  readonly id: string;
}

/**
 * A user attribute's value from a claim: strings as they are, lists as Looker's comma-separated
 * multi-value form, numbers and booleans as text; anything else (an object, absent) gives none.
 */
function attributeValue(claim: unknown): string | undefined {
  if (typeof claim === 'string') return claim;
  if (typeof claim === 'number' || typeof claim === 'boolean') return String(claim);
  if (Array.isArray(claim)) {
    const items = claim.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
    return items.length > 0 ? items.join(',') : undefined;
  }
  return undefined;
}

/** A claim's text when it is a non-empty string (OIDC's `given_name`, `family_name`). */
function textClaim(claims: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The body of Looker's `create_sso_embed_url` for one caller: the embed user is the caller (its
 * `external_user_id` is the token's `sub`), with the policy's permissions, models and groups, and
 * user attributes read from the caller's claims (an attribute whose claim is absent is left out,
 * so Looker applies the attribute's default). `force_logout_login` makes the browser's session the
 * caller's, whoever was signed in before.
 */
export function embedSsoParams(principal: Principal, policy: EmbedPolicy, lookerUrl: string, target: EmbedTarget): IEmbedSsoParams {
  const userAttributes: Record<string, string> = {};
  for (const [attribute, claim] of Object.entries(policy.userAttributes)) {
    const value = attributeValue(readClaim(principal.claims, claim));
    if (value !== undefined) userAttributes[attribute] = value;
  }
  const host = (policy.host ?? lookerUrl).replace(/\/+$/, '');
  return {
    target_url: `${host}/embed/${target.kind === 'dashboard' ? 'dashboards' : 'looks'}/${encodeURIComponent(target.id)}`,
    session_length: policy.sessionLength,
    force_logout_login: true,
    external_user_id: principal.subject,
    first_name: textClaim(principal.claims, 'given_name') ?? null,
    last_name: textClaim(principal.claims, 'family_name') ?? null,
    permissions: [...policy.permissions],
    models: [...policy.models],
    group_ids: [...policy.groupIds],
    user_attributes: userAttributes,
  };
}
