import { z } from 'zod';
import {
  freezePolicy,
  type EmbedPolicy,
  type FolderRef,
  type LookerUserRef,
  type Policy,
  type PolicyRule,
  type RowFilter,
  type WriteGrant,
} from './policy-model';

/** RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`. */
const scopeToken = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * What a key of the file looks like: letters, `_` and `-`. An unknown key of another shape (digits,
 * dots, long) is as likely a value pasted in the wrong place, a secret included, so it is counted
 * but not repeated.
 */
const keyLike = /^[A-Za-z][A-Za-z_-]{0,39}$/;

/** A strict object whose unknown-key message lists the keys that are allowed. */
function strict<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `${unknownKeys(issue.keys)} (allowed: ${allowed})` : undefined,
  });
}

function unknownKeys(keys: readonly string[]): string {
  const named = keys.filter((k) => keyLike.test(k));
  const others = keys.length - named.length;
  const list = [
    ...named.map((k) => `"${k}"`),
    ...(others > 0 ? [`${others} ${named.length > 0 ? 'more' : `key${others > 1 ? 's' : ''} not shown`}`] : []),
  ];
  return `unknown key${keys.length > 1 ? 's' : ''} ${list.join(' and ')}`;
}

// Messages never quote the value (it may be a secret pasted in the wrong place): the problem names
// where it is in the file and what is wrong with it.
const scope = z
  .string()
  .regex(scopeToken, { error: 'not a scope token (printable ASCII without spaces, quotes or backslashes)' });

const claimValue = z.string().min(1, { error: 'a claim value must not be empty' });

const condition = strict({
  claim: z.string().trim().min(1, { error: 'must name a claim, e.g. "groups" or "realm_access.roles"' }),
  // One value or a list of values, any of which matches; a single value is kept as a list of one.
  includes: z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z.array(claimValue).min(1, { error: 'must list at least one value' }),
  ),
});

const lookerUser = strict({
  email: z.email({ error: 'must be an email address' }).optional(),
  externalUserId: z.string().min(1, { error: 'must not be empty' }).optional(),
  // Looker ids are strings in API 4.0; YAML reads `id: 42` as a number, so both are accepted.
  id: z
    .union([z.string().min(1), z.number().int().positive()], { error: 'must be a Looker user id' })
    .transform(String)
    .optional(),
}).superRefine((ref, ctx) => {
  const given = [ref.email, ref.externalUserId, ref.id].filter((v) => v !== undefined).length;
  if (given !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of email, externalUserId, id' });
});

// Looker ids are strings; YAML reads `7` as a number, so both are accepted.
const folderId = z
  .union([z.string().regex(/^\d{1,20}$/), z.number().int().positive()], { error: 'must be a Looker folder id' })
  .transform(String);

const folderRef = strict({
  id: folderId.optional(),
  path: z
    .string()
    .max(1000)
    .transform((p) => p.split('/').map((part) => part.trim()))
    .refine((parts) => parts.every((part) => part !== ''), {
      error: 'must be folder names from a root, separated by "/", e.g. "Shared/Sandbox"',
    })
    .optional(),
}).superRefine((ref, ctx) => {
  if ((ref.id === undefined) === (ref.path === undefined))
    ctx.addIssue({ code: 'custom', message: 'give exactly one of id, path' });
});

const emailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/, { error: 'must be a domain such as "example.com" or "*.example.com"' });
const host = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^([a-z0-9-]+\.)*[a-z0-9-]+$/, { error: 'must be a host name such as "hooks.example.com"' });

const writes = strict({
  folders: z.array(folderRef).max(100).optional(),
  scheduleTo: strict({
    emailDomains: z.array(emailDomain).max(100).optional(),
    webhookHosts: z.array(host).max(100).optional(),
  }).optional(),
  mcp: z.boolean().optional(),
});

/** A LookML field as queries name it: `view.field`. */
const fieldRef = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be an explore field, "view.field"' })
  .transform((f) => f.toLowerCase());

/** One value or a list of values; a single value is kept as a list of one. */
function oneOrMany<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(item));
}

// The values a rule's callers may read of a row filter's field (the rule's `rows:`).
const rowValues = z.record(fieldRef, oneOrMany(claimValue.max(1000)).pipe(z.array(z.string()).min(1).max(1000)));

const explorePattern = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_*]+::[A-Za-z0-9_*]+$/, {
    error: 'must be "model::explore", with * for any characters, e.g. "ecommerce::*"',
  });

const rowFilter = strict({
  explores: oneOrMany(explorePattern).pipe(z.array(z.string()).min(1, { error: 'must list at least one explore' })),
  field: fieldRef,
  fromClaim: z.string().trim().min(1, { error: 'must name a claim, e.g. "countries" or "org.regions"' }).optional(),
});

const rule = strict({
  name: z.string().min(1, { error: 'must not be empty' }).optional(),
  when: condition,
  grant: z.array(scope).optional(),
  lookerUser: lookerUser.optional(),
  writes: writes.optional(),
  rows: rowValues.optional(),
  allRows: z.array(fieldRef).min(1, { error: 'must list at least one field' }).optional(),
}).superRefine((r, ctx) => {
  const grants = r.grant !== undefined && r.grant.length > 0;
  const rows = r.rows !== undefined || r.allRows !== undefined;
  if (!grants && r.lookerUser === undefined && r.writes === undefined && !rows) {
    ctx.addIssue({ code: 'custom', message: 'a rule needs a non-empty "grant", a "lookerUser" or "writes"' });
  }
});

/** Looker's longest embed session: 30 days (the spec's `session_length`). */
const maxEmbedSessionSeconds = 2_592_000;

const nonEmpty = z.string().min(1, { error: 'must not be empty' });
// Looker ids are strings; YAML reads `1` as a number, so both are accepted.
const contentId = z.union([nonEmpty, z.number().int().positive()], { error: 'must be a Looker id' }).transform(String);

const embed = strict({
  permissions: z.array(nonEmpty).optional(),
  models: z.array(nonEmpty).optional(),
  groupIds: z.array(contentId).optional(),
  userAttributes: z
    .record(nonEmpty, z.string().trim().min(1, { error: 'must name a claim, e.g. "email" or "org.region"' }))
    .optional(),
  sessionLength: z
    .number()
    .int()
    .min(1)
    .max(maxEmbedSessionSeconds, { error: `must be at most ${maxEmbedSessionSeconds} seconds (30 days)` })
    .optional(),
  dashboards: z.array(contentId).optional(),
  looks: z.array(contentId).optional(),
  host: z
    .url({ protocol: /^https?$/, error: "must be the Looker UI's URL, e.g. https://company.looker.com" })
    .optional(),
}).superRefine((e, ctx) => {
  // Looker's create_sso_embed_url: "you must provide values for either the group_ids property, or both the models and permissions properties".
  const direct = (e.permissions?.length ?? 0) > 0 && (e.models?.length ?? 0) > 0;
  if (!direct && (e.groupIds?.length ?? 0) === 0)
    ctx.addIssue({ code: 'custom', message: 'give both "permissions" and "models", or "groupIds"' });
});

const policySchema = strict({
  rules: z.array(rule),
  embed: embed.optional(),
  rowFilters: z.array(rowFilter).max(100).optional(),
  // Callers with one of these scopes may send any text where trusted documents are enforced.
  trustedDocuments: strict({
    exemptScopes: z.array(scope).min(1, { error: 'must list at least one scope' }),
  }).optional(),
}).superRefine((p, ctx) => {
  // A row filter with no source of values would read no rows for anybody; a rule's values for a
  // field no row filter names would limit nothing: both are mistakes, named where they are.
  const filtered = new Set((p.rowFilters ?? []).map((f) => f.field));
  const listed = new Set(p.rules.flatMap((r) => [...Object.keys(r.rows ?? {}), ...(r.allRows ?? [])]));
  (p.rowFilters ?? []).forEach((f, i) => {
    if (f.fromClaim === undefined && !listed.has(f.field))
      ctx.addIssue({
        code: 'custom',
        path: ['rowFilters', i],
        message: `give "fromClaim", or list values of ${f.field} under a rule's "rows" (or "allRows")`,
      });
  });
  p.rules.forEach((r, i) => {
    for (const field of Object.keys(r.rows ?? {}))
      if (!filtered.has(field))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'rows', field], message: 'no row filter names this field' });
    (r.allRows ?? []).forEach((field, j) => {
      if (!filtered.has(field))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'allRows', j], message: 'no row filter names this field' });
    });
  });
});

/** Validates parsed file content (from YAML or JSON); returns the frozen policy or the problems found. */
export function validatePolicy(value: unknown): { ok: true; policy: Policy } | { ok: false; problems: string[] } {
  if (value === null || value === undefined)
    return { ok: false, problems: ['the file is empty (write "rules: []" to grant nothing)'] };
  const parsed = policySchema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(describeIssue) };
  const rules = parsed.data.rules.map((r): PolicyRule => ({
    ...(r.name !== undefined && { name: r.name }),
    when: { claim: r.when.claim, includes: r.when.includes },
    grant: [...new Set(r.grant ?? [])],
    ...(r.lookerUser !== undefined && { lookerUser: toLookerUser(r.lookerUser) }),
    ...(r.writes !== undefined && { writes: toWriteGrant(r.writes) }),
    ...(r.rows !== undefined && {
      rows: Object.fromEntries(Object.entries(r.rows).map(([field, values]) => [field, [...new Set(values)]])),
    }),
    ...(r.allRows !== undefined && { allRows: [...new Set(r.allRows)] }),
  }));
  const rowFilters = parsed.data.rowFilters?.map((f): RowFilter => ({
    explores: [...new Set(f.explores)],
    field: f.field,
    ...(f.fromClaim !== undefined && { fromClaim: f.fromClaim }),
  }));
  const e = parsed.data.embed;
  const embedPolicy: EmbedPolicy | undefined = e && {
    permissions: [...new Set(e.permissions ?? [])],
    models: [...new Set(e.models ?? [])],
    groupIds: [...new Set(e.groupIds ?? [])],
    userAttributes: { ...e.userAttributes },
    sessionLength: e.sessionLength ?? 300,
    ...(e.dashboards && { dashboards: e.dashboards }),
    ...(e.looks && { looks: e.looks }),
    ...(e.host && { host: e.host.replace(/\/+$/, '') }),
  };
  return {
    ok: true,
    policy: freezePolicy({
      rules,
      ...(embedPolicy && { embed: embedPolicy }),
      ...(rowFilters && rowFilters.length > 0 && { rowFilters }),
      ...(parsed.data.trustedDocuments && {
        trustedDocuments: { exemptScopes: [...new Set(parsed.data.trustedDocuments.exemptScopes)] },
      }),
    }),
  };
}

function toWriteGrant(w: z.infer<typeof writes>): WriteGrant {
  return {
    folders: (w.folders ?? []).map((f): FolderRef => (f.path !== undefined ? { path: f.path } : { id: f.id ?? '' })),
    emailDomains: [...new Set(w.scheduleTo?.emailDomains ?? [])],
    webhookHosts: [...new Set(w.scheduleTo?.webhookHosts ?? [])],
    mcp: w.mcp === true,
  };
}

function toLookerUser(ref: {
  email?: string | undefined;
  externalUserId?: string | undefined;
  id?: string | undefined;
}): LookerUserRef {
  if (ref.email !== undefined) return { email: ref.email };
  if (ref.externalUserId !== undefined) return { externalUserId: ref.externalUserId };
  return { id: ref.id ?? '' };
}

/** `rules[2].when.claim: must name a claim` — the path in the file, then the problem. */
function describeIssue(issue: z.core.$ZodIssue): string {
  let path = '';
  for (const key of issue.path)
    path += typeof key === 'number' ? `[${key}]` : `${path === '' ? '' : '.'}${String(key)}`;
  return `${path === '' ? 'top level' : path}: ${issue.message}`;
}
