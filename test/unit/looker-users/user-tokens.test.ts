import { UserTokens } from '../../../src/looker-users/user-tokens';
import { DirectoryFixture } from './directory-fixture';

let now: number;
const clock = () => now;
beforeEach(() => {
  now = 1_000_000;
});

const tokensWith = (directory: DirectoryFixture, renewMarginMs = 60_000) =>
  new UserTokens({ directory, clock, renewMarginMs, maxEntries: 100 });

test('a user’s token is reused until the renewal margin before its expiry', async () => {
  const directory = new DirectoryFixture({}, ['2']);
  const tokens = tokensWith(directory);
  const first = await tokens.tokenFor('2');
  now += 3_540_000 - 1;
  expect(await tokens.tokenFor('2')).toBe(first);
  now += 1;
  const renewed = await tokens.tokenFor('2');
  expect(renewed.reveal()).not.toBe(first.reveal());
  expect(directory.logins).toEqual(['2', '2']);
});

test('the margin never exceeds half a short-lived token’s life', async () => {
  const directory = new DirectoryFixture({}, ['2']);
  directory.expiresIn = 60;
  const tokens = tokensWith(directory, 600_000);
  await tokens.tokenFor('2');
  now += 29_999;
  await tokens.tokenFor('2');
  expect(directory.logins).toHaveLength(1);
  now += 1;
  await tokens.tokenFor('2');
  expect(directory.logins).toHaveLength(2);
});

test('concurrent first requests of one user share one login; other users get their own', async () => {
  const directory = new DirectoryFixture({}, ['2', '3']);
  directory.hold = true;
  const tokens = tokensWith(directory);
  const pending = [...Array.from({ length: 10 }, () => tokens.tokenFor('2')), tokens.tokenFor('3')];
  directory.release();
  const got = await Promise.all(pending);
  expect(directory.logins.sort()).toEqual(['2', '3']);
  expect(new Set(got.slice(0, 10).map((t) => t.reveal())).size).toBe(1);
  expect(got[10]?.reveal()).toMatch(/^token-3-/);
});

test('invalidating drops only the refused token', async () => {
  const directory = new DirectoryFixture({}, ['2']);
  const tokens = tokensWith(directory);
  const refused = await tokens.tokenFor('2');
  tokens.invalidate('2', refused);
  const renewed = await tokens.tokenFor('2');
  expect(renewed.reveal()).not.toBe(refused.reveal());
  // A second request still holding the old token must not throw the renewed one away.
  tokens.invalidate('2', refused);
  expect(await tokens.tokenFor('2')).toBe(renewed);
  expect(directory.logins).toHaveLength(2);
});

test('tokens never print', async () => {
  const tokens = tokensWith(new DirectoryFixture({}, ['2']));
  const token = await tokens.tokenFor('2');
  expect(JSON.stringify({ token })).not.toContain('token-2');
  expect(String(token)).toBe('[redacted]');
});

test('a failed login is not remembered', async () => {
  const directory = new DirectoryFixture({}, []);
  const tokens = tokensWith(directory);
  await expect(tokens.tokenFor('9')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(tokens.tokenFor('9')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect(directory.logins).toEqual(['9', '9']);
});
