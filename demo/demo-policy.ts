import { validatePolicy, type Policy } from '../src/policy';

/**
 * The embedded default's policy (when no `POLICY_FILE` is set): no extra grants; writes for the
 * `admins` group (`demo-admin`, which holds the write scopes) in the Sandbox folder only, with
 * schedules to `@example.com` addresses only, through GraphQL and MCP alike; and embedding of
 * every demo dashboard and look (for callers with `looker:embed`: `demo-admin`) as an embed user
 * who may see and explore the demo model, with the caller's `groups` claim as a user attribute.
 * Rows of the ecommerce explores are limited to the countries of the caller's `countries` claim
 * (`demo-regional`: Germany); the other demo clients' groups read every country (`allRows`), and a
 * caller with neither reads none of those rows.
 */
function demoPolicyOf(): Policy {
  const validated = validatePolicy({
    rules: [
      {
        name: 'admins-write-sandbox',
        when: { claim: 'groups', includes: ['admins'] },
        writes: {
          folders: [{ path: 'Shared/Sandbox' }],
          scheduleTo: { emailDomains: ['example.com'] },
          mcp: true,
        },
      },
      {
        name: 'every-country',
        when: { claim: 'groups', includes: ['viewers', 'analysts', 'admins'] },
        allRows: ['users.country'],
      },
    ],
    rowFilters: [{ explores: ['ecommerce::*'], field: 'users.country', fromClaim: 'countries' }],
    embed: {
      permissions: [
        'access_data',
        'see_looks',
        'see_user_dashboards',
        'see_lookml_dashboards',
        'explore',
        'download_without_limit',
      ],
      models: ['ecommerce'],
      userAttributes: { groups: 'groups' },
      sessionLength: 900,
    },
  });
  // A constant: a failure here is a bug in this file, found by the demo's tests.
  if (!validated.ok) throw new Error(`the demo policy is invalid: ${validated.problems.join('; ')}`);
  return validated.policy;
}

/** The demo policy, validated once. */
export const demoPolicy: Policy = demoPolicyOf();
