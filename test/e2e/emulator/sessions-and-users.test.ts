import { DEMO_LOGINS, DEMO_USER_IDS, startEmulator, type RunningEmulator } from '../../../emulator';
import type { Engine } from '../../../emulator/engine/types';
import { createSuiteEngine, errorStatus, sdkAsUser, sdkFor, type SdkClient } from './emulator-sdk';

let engine: Engine;
let emulator: RunningEmulator;
let admin: SdkClient;
/** The emulator's token clock, moved by the expiry test. */
let now = Date.parse('2026-06-15T08:00:00Z');

beforeAll(async () => {
  engine = await createSuiteEngine();
  emulator = await startEmulator({ port: 0, engine, tokenTtlSeconds: 600, clock: () => now });
});

// A fresh admin SDK per test: the expiry tests expire every token the emulator issued.
beforeEach(() => {
  admin = sdkFor(emulator.url);
});

afterAll(async () => {
  await emulator.stop();
  await engine.close();
});

/** Logs in with form-encoded credentials over plain HTTP. */
async function login(clientId: string, clientSecret: string): Promise<Response> {
  return fetch(`${emulator.apiUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret }).toString(),
  });
}

describe('login', () => {
  it('logs the SDK in with the API3 credentials and answers as the API user', async () => {
    const me = await admin.sdk.ok(admin.sdk.me());
    expect(me.id).toBe(DEMO_USER_IDS.apiAdmin);
    expect(me.credentials_api3?.[0]?.client_id).toBe('looker-admin');
    const loginCall = admin.responses.find((r) => r.url.endsWith('/api/4.0/login'));
    expect(loginCall?.statusCode).toBe(200);
  });

  it('answers wrong credentials with 404, as Looker does', async () => {
    const wrong = sdkFor(emulator.url, 'looker-admin', 'not-the-secret');
    const answer = await wrong.sdk.me();
    expect(answer.ok).toBe(false);
    expect(wrong.responses[0]?.statusCode).toBe(404);
    const raw = await login('someone-else', 'looker-admin-secret');
    expect(raw.status).toBe(404);
    expect(await raw.json()).toEqual({
      message: 'Not found',
      documentation_url: 'https://cloud.google.com/looker/docs/r/err/4.0/404/post/login',
    });
  });

  it("accepts credentials in the query string and tokens in all three of Looker's forms", async () => {
    const viaQuery = await fetch(`${emulator.apiUrl}/login?client_id=looker-admin&client_secret=looker-admin-secret`, {
      method: 'POST',
    });
    const token = (await viaQuery.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(token.token_type).toBe('Bearer');
    expect(token.expires_in).toBe(600);
    expect(token.access_token).toMatch(/^[A-Za-z0-9]{40}$/);
    const me = (init: RequestInit, query = '') => fetch(`${emulator.apiUrl}/user${query}`, init).then((r) => r.status);
    expect(await me({ headers: { authorization: `token ${token.access_token}` } })).toBe(200);
    expect(await me({ headers: { authorization: `Bearer ${token.access_token}` } })).toBe(200);
    expect(await me({}, `?access_token=${token.access_token}`)).toBe(200);
  });

  it("answers 401 with Looker's body when the token is missing or unknown", async () => {
    for (const headers of [{}, { authorization: 'token not-a-real-token' }] as Record<string, string>[]) {
      const response = await fetch(`${emulator.apiUrl}/looks/1`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({
        message: 'Requires authentication.',
        documentation_url: 'https://cloud.google.com/looker/docs/r/err/4.0/401/get/looks/:look_id',
      });
    }
  });

  it('revokes the token on logout (204)', async () => {
    const token = ((await (await login('looker-admin', 'looker-admin-secret')).json()) as { access_token: string })
      .access_token;
    const headers = { authorization: `token ${token}` };
    const logout = await fetch(`${emulator.apiUrl}/logout`, { method: 'DELETE', headers });
    expect(logout.status).toBe(204);
    expect((await fetch(`${emulator.apiUrl}/user`, { headers })).status).toBe(401);
  });
});

describe('token expiry', () => {
  it('refuses expired tokens with 401 until the SDK logs in again', async () => {
    const client = sdkFor(emulator.url);
    await client.sdk.ok(client.sdk.me());
    emulator.control.expireTokens();
    const refused = await client.sdk.me();
    expect(refused.ok).toBe(false);
    expect(refused.ok ? undefined : errorStatus(refused.error)).toBe(401);
    // The SDK still believes its token is live; a client must drop it and log in again.
    client.session.reset();
    const again = await client.sdk.ok(client.sdk.me());
    expect(again.id).toBe(DEMO_USER_IDS.apiAdmin);
  });

  it('expires tokens after tokenTtlSeconds on the emulator clock', async () => {
    const client = sdkFor(emulator.url);
    await client.sdk.ok(client.sdk.me());
    now += 599_000;
    expect((await client.sdk.me()).ok).toBe(true);
    now += 2_000;
    const late = await client.sdk.me();
    expect(late.ok ? undefined : errorStatus(late.error)).toBe(401);
  });
});

describe('login_user', () => {
  it('gives the admin a token acting as the user', async () => {
    const viewer = await sdkAsUser(admin.sdk, emulator.url, DEMO_USER_IDS.viewer);
    const me = await viewer.sdk.ok(viewer.sdk.me());
    expect(me.id).toBe(DEMO_USER_IDS.viewer);
    expect(me.display_name).toBe('Victor Viewer');
    expect(me.credentials_embed?.[0]?.external_user_id).toBe(DEMO_LOGINS.viewer);
  });

  it('refuses non-admins (403) and unknown users (404)', async () => {
    const analyst = await sdkAsUser(admin.sdk, emulator.url, DEMO_USER_IDS.analyst);
    const denied = await analyst.sdk.login_user(DEMO_USER_IDS.viewer);
    expect(denied.ok ? undefined : errorStatus(denied.error)).toBe(403);
    const unknown = await admin.sdk.login_user('999');
    expect(unknown.ok ? undefined : errorStatus(unknown.error)).toBe(404);
  });

  it('lets another admin person impersonate too', async () => {
    const adam = await sdkAsUser(admin.sdk, emulator.url, DEMO_USER_IDS.admin);
    const token = await adam.sdk.ok(adam.sdk.login_user(DEMO_USER_IDS.nomodels));
    expect(token.access_token).toBeTruthy();
  });
});

describe('users', () => {
  it('finds users by embed external_user_id and by email (admin only)', async () => {
    const byEmbed = await admin.sdk.ok(admin.sdk.user_for_credential('embed', DEMO_LOGINS.analyst));
    expect(byEmbed.id).toBe(DEMO_USER_IDS.analyst);
    const byEmail = await admin.sdk.ok(admin.sdk.user_for_credential('email', 'NORA.NOMODEL@example.com'));
    expect(byEmail.id).toBe(DEMO_USER_IDS.nomodels);
    const missing = await admin.sdk.user_for_credential('embed', 'nobody');
    expect(missing.ok ? undefined : errorStatus(missing.error)).toBe(404);
    const viewer = await sdkAsUser(admin.sdk, emulator.url, DEMO_USER_IDS.viewer);
    const denied = await viewer.sdk.user_for_credential('embed', DEMO_LOGINS.analyst);
    expect(denied.ok ? undefined : errorStatus(denied.error)).toBe(403);
  });

  it('searches users with wildcards, embed_user and comma-separated ids', async () => {
    const a = await admin.sdk.ok(admin.sdk.search_users({ first_name: 'a%' }));
    expect(a.map((u) => u.id).sort()).toEqual([DEMO_USER_IDS.analyst, DEMO_USER_IDS.admin]);
    const embed = await admin.sdk.ok(admin.sdk.search_users({ embed_user: true }));
    expect(embed).toHaveLength(4);
    const ids = await admin.sdk.ok(admin.sdk.search_users({ id: '3,4', fields: 'id,email' }));
    expect(ids).toEqual([
      { id: '3', email: 'victor.viewer@example.com' },
      { id: '4', email: 'nora.nomodel@example.com' },
    ]);
    const email = await admin.sdk.ok(admin.sdk.search_users({ email: '%@example.com', last_name: 'viewer' }));
    expect(email.map((u) => u.id)).toEqual([DEMO_USER_IDS.viewer]);
  });

  it("shows other users' details to admins only", async () => {
    const full = await admin.sdk.ok(admin.sdk.user(DEMO_USER_IDS.viewer));
    expect(full.email).toBe('victor.viewer@example.com');
    const viewer = await sdkAsUser(admin.sdk, emulator.url, DEMO_USER_IDS.viewer);
    const other = await viewer.sdk.ok(viewer.sdk.user(DEMO_USER_IDS.analyst));
    expect(other.display_name).toBe('Ada Analyst');
    expect(other.email).toBeUndefined();
    expect((await viewer.sdk.user('999')).ok).toBe(false);
  });
});
