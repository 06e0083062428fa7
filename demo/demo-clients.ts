/** A client of the demo issuer: what it may ask for and which groups its tokens claim. */
export interface DemoClient {
  readonly clientId: string;
  /** Client secret; the demo clients share {@link DEMO_CLIENT_SECRET}. Never print it. */
  readonly clientSecret: string;
  /** Every scope the client may obtain; a token request without `scope` gets all of them. */
  readonly scopes: readonly string[];
  /** Put into the access token's `groups` claim, for policy rules. */
  readonly groups: readonly string[];
  /** Put into the access token's `countries` claim, for the demo policy's row filter; absent: no such claim. */
  readonly countries?: readonly string[];
  /** One line for start-up text and the README. */
  readonly description: string;
}

/** The secret of every demo client. Public on purpose: the demo issuer runs on loopback only. */
export const DEMO_CLIENT_SECRET = 'demo-secret';

const viewerScopes = ['looker:content:read', 'looker:models:read'];
const analystScopes = [...viewerScopes, 'looker:data:read'];
const adminScopes = [
  ...analystScopes,
  'looker:sql:read',
  'looker:embed',
  'looker:content:write',
  'looker:schedules:write',
];

/** The identity a newcomer starts as, in GraphiQL, the example app and the banner: it reads data. */
export const DEMO_STARTING_CLIENT_ID = 'demo-analyst';

/** The demo clients: a viewer, an analyst and an admin, each granted more than the one before. */
export const demoClients: readonly DemoClient[] = Object.freeze([
  {
    clientId: 'demo-viewer',
    clientSecret: DEMO_CLIENT_SECRET,
    scopes: viewerScopes,
    groups: ['viewers'],
    description: 'content and model metadata, no query results',
  },
  {
    clientId: 'demo-analyst',
    clientSecret: DEMO_CLIENT_SECRET,
    scopes: analystScopes,
    groups: ['analysts'],
    description: 'metadata and query results',
  },
  {
    clientId: 'demo-regional',
    clientSecret: DEMO_CLIENT_SECRET,
    scopes: analystScopes,
    groups: ['regional'],
    countries: ['Germany'],
    description: "the analyst's scopes, reading only Germany's rows of the ecommerce explores (a countries claim)",
  },
  {
    clientId: 'demo-admin',
    clientSecret: DEMO_CLIENT_SECRET,
    scopes: adminScopes,
    groups: ['admins'],
    description:
      'everything, including the SQL Looker generates, signed embed URLs, and writes in the Sandbox folder (schedules to @example.com only)',
  },
]);
