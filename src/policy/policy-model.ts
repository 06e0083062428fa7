/**
 * The policy's in-memory model: rules that map claims of the caller's access token to extra
 * scopes and, optionally, to the Looker user the caller acts as. The file format is validated in
 * `policy-schema.ts`; everything here is already checked and frozen.
 */

/** Names the Looker user a rule's callers act as (per-user Looker identity mode); exactly one key. */
export type LookerUserRef = { readonly email: string } | { readonly externalUserId: string } | { readonly id: string };

/** A rule's condition: the claim (a name or dotted path, read as `readClaim` says) holds one of the listed values. */
export interface ClaimCondition {
  readonly claim: string;
  /** Any one of these values matches (exact, case-sensitive). */
  readonly includes: readonly string[];
}

/** A folder writes may go to, with its subfolders: by Looker id, or by path of names from a root (`Shared/Sandbox`). */
export type FolderRef = { readonly id: string } | { readonly path: readonly string[] };

/**
 * Where a rule's callers may write (the file's `writes:`): folders (each with its subfolders),
 * schedule destinations, and whether the MCP door may write at all. A write scope without a
 * matching rule's `writes` writes nothing.
 */
export interface WriteGrant {
  readonly folders: readonly FolderRef[];
  /** Email domains schedules may send to (exact, lower case; `*.example.com` for its subdomains). */
  readonly emailDomains: readonly string[];
  /** Hosts `https://` webhooks of schedules may post to (exact, lower case). */
  readonly webhookHosts: readonly string[];
  /** Whether MCP tools may write for these callers (off unless set). */
  readonly mcp: boolean;
}

/** One rule of the policy file, in file order. */
export interface PolicyRule {
  /** Optional label for logs and audit; rules are otherwise known by their index. */
  readonly name?: string;
  readonly when: ClaimCondition;
  /** Scopes added to the caller's token scopes when the rule matches (may be empty). */
  readonly grant: readonly string[];
  readonly lookerUser?: LookerUserRef;
  /** Where the rule's callers may write; absent: nowhere. */
  readonly writes?: WriteGrant;
  /** Row filter field (`view.field`) → values the rule's callers may read, added to what a claim gives. */
  readonly rows?: Readonly<Record<string, readonly string[]>>;
  /** Row filter fields (`view.field`) the rule's callers read every value of: those filters do not apply to them. */
  readonly allRows?: readonly string[];
}

/**
 * A row filter (the file's `rowFilters:`): on the explores its patterns match, `field` is forced to
 * the values of the caller's `fromClaim` claim and those the caller's matching rules list under
 * `rows`. A caller with none of these values reads no rows of those explores.
 */
export interface RowFilter {
  /** `model::explore` patterns; `*` matches any run of characters within the model or the explore name. */
  readonly explores: readonly string[];
  /** The explore field forced: `view.field`. */
  readonly field: string;
  /** The claim (a name or dotted path, read as `readClaim` says) whose string or strings are the allowed values. */
  readonly fromClaim?: string;
}

/**
 * Who a signed Looker embed URL logs in (the policy file's `embed:` section): the embed user's
 * Looker permissions, models, groups and user attributes. The user's `external_user_id` is always
 * the caller's `sub`; without this section nobody may get an embed URL.
 */
export interface EmbedPolicy {
  /** Looker permission names (`access_data`, `see_user_dashboards`, `see_looks`, …). */
  readonly permissions: readonly string[];
  /** LookML models the embed user may use. */
  readonly models: readonly string[];
  /** Looker group ids the embed user joins. */
  readonly groupIds: readonly string[];
  /** Looker user attribute name → the claim (a name or dotted path, read as `readClaim` says) its value comes from. */
  readonly userAttributes: Readonly<Record<string, string>>;
  /** Seconds the embed session lasts once started (Looker: 300 by default, at most 30 days). */
  readonly sessionLength: number;
  /** Dashboard ids that may be embedded; absent: every dashboard the caller may read. */
  readonly dashboards?: readonly string[];
  /** Look ids that may be embedded; absent: every look the caller may read. */
  readonly looks?: readonly string[];
  /** The Looker UI's public URL for target URLs, when it differs from the API's base URL. */
  readonly host?: string;
}

/** A validated policy. */
export interface Policy {
  readonly rules: readonly PolicyRule[];
  /** Embedding (signed Looker SSO embed URLs); absent: refused. */
  readonly embed?: EmbedPolicy;
  /** Rows limited by the caller's claims and rules; absent or empty: no row is filtered. */
  readonly rowFilters?: readonly RowFilter[];
  /** Trusted documents: callers with one of these scopes may send any text in `enforce` mode. */
  readonly trustedDocuments?: { readonly exemptScopes: readonly string[] };
}

/** The policy in force when no `POLICY_FILE` is configured: grants nothing beyond the token. */
export const emptyPolicy: Policy = Object.freeze({ rules: Object.freeze([]) });

/** Deep-freezes a freshly validated policy so one shared instance can serve every request. */
export function freezePolicy(policy: Policy): Policy {
  for (const rule of policy.rules) {
    Object.freeze(rule.when.includes);
    Object.freeze(rule.when);
    Object.freeze(rule.grant);
    if (rule.lookerUser) Object.freeze(rule.lookerUser);
    if (rule.writes) {
      for (const folder of rule.writes.folders) {
        if ('path' in folder) Object.freeze(folder.path);
        Object.freeze(folder);
      }
      for (const list of [rule.writes.folders, rule.writes.emailDomains, rule.writes.webhookHosts]) Object.freeze(list);
      Object.freeze(rule.writes);
    }
    if (rule.rows) {
      for (const values of Object.values(rule.rows)) Object.freeze(values);
      Object.freeze(rule.rows);
    }
    if (rule.allRows) Object.freeze(rule.allRows);
    Object.freeze(rule);
  }
  Object.freeze(policy.rules);
  if (policy.trustedDocuments) {
    Object.freeze(policy.trustedDocuments.exemptScopes);
    Object.freeze(policy.trustedDocuments);
  }
  if (policy.rowFilters) {
    for (const filter of policy.rowFilters) {
      Object.freeze(filter.explores);
      Object.freeze(filter);
    }
    Object.freeze(policy.rowFilters);
  }
  if (policy.embed) {
    for (const list of [
      policy.embed.permissions,
      policy.embed.models,
      policy.embed.groupIds,
      policy.embed.userAttributes,
      policy.embed.dashboards,
      policy.embed.looks,
    ]) {
      if (list) Object.freeze(list);
    }
    Object.freeze(policy.embed);
  }
  return Object.freeze(policy);
}
