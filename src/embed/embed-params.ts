import type { IEmbedSsoParams } from '@looker/sdk';
import type { Principal } from '../auth/principal';
import { readClaim, type EmbedPolicy } from '../policy';

/** What may be embedded: a dashboard or a look, by Looker id. */
export interface EmbedTarget {
  readonly kind: 'dashboard' | 'look';
  readonly id: string;
}

/**
 * A claim whose value Looker would not read as the caller's value: a comma inside one value, which
 * Looker reads as a list (an access filter on `EMEA,APAC` admits both regions). The message names
 * the attribute and its claim, never the value.
 */
export class EmbedAttributeError extends Error {
  constructor(
    readonly attribute: string,
    readonly claim: string,
  ) {
    super(
      `The claim "${claim}" for the embed user attribute "${attribute}" holds a comma, which Looker would read as several values; no embed URL is made for it.`,
    );
    this.name = 'EmbedAttributeError';
  }
}

/**
 * A user attribute's values from a claim: a string, number or boolean is one value, a list one per
 * element; anything else (an object, absent) gives none.
 */
function attributeValues(claim: unknown): string[] {
  const values: unknown[] = Array.isArray(claim)
    ? claim.filter((v) => typeof v === 'string' || typeof v === 'number')
    : [claim];
  return values.filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean').map(String);
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
 * caller's, whoever was signed in before. Throws EmbedAttributeError for a claim value with a comma.
 */
export function embedSsoParams(
  principal: Principal,
  policy: EmbedPolicy,
  lookerUrl: string,
  target: EmbedTarget,
): IEmbedSsoParams {
  const userAttributes: Record<string, string> = {};
  for (const [attribute, claim] of Object.entries(policy.userAttributes)) {
    const values = attributeValues(readClaim(principal.claims, claim));
    if (values.length === 0) continue;
    // Several values go as Looker's comma-separated form, so a comma inside one would split it.
    // Whether Looker honours its filter escape (`^,`) in user attribute values is not documented,
    // so such a value is refused rather than sent.
    if (values.some((value) => value.includes(','))) throw new EmbedAttributeError(attribute, claim);
    userAttributes[attribute] = values.join(',');
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
