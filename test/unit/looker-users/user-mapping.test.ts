import type { JWTPayload } from 'jose';
import type { Principal } from '../../../src/auth/principal';
import { UserMapper } from '../../../src/looker-users/user-mapping';
import { DirectoryFixture } from './directory-fixture';

let now: number;
const clock = () => now;
beforeEach(() => {
  now = 5_000_000;
});

const caller = (subject: string, claims: JWTPayload = {}): Principal => ({
  subject,
  clientId: undefined,
  scopes: new Set(),
  claims: { sub: subject, ...claims },
});
const directory = () =>
  new DirectoryFixture({
    'embed:ext-ada': { id: '2', disabled: false },
    'embed:ext-gone': { id: '7', disabled: true },
    'email:team@example.com': { id: '3', disabled: false },
  });
const mapperWith = (dir: DirectoryFixture) =>
  new UserMapper({
    mapping: { by: 'embed' },
    directory: dir,
    clock,
    ttlMs: 300_000,
    unmappedTtlMs: 30_000,
    maxEntries: 100,
  });

test('a found user is remembered for the mapping TTL, then looked up again', async () => {
  const dir = directory();
  const mapper = mapperWith(dir);
  expect(await mapper.resolve(caller('ext-ada'), undefined)).toBe('2');
  now += 299_999;
  expect(await mapper.resolve(caller('ext-ada'), undefined)).toBe('2');
  expect(dir.lookups).toEqual(['embed:ext-ada']);
  now += 1;
  await mapper.resolve(caller('ext-ada'), undefined);
  expect(dir.lookups).toHaveLength(2);
});

test('an unknown caller is FORBIDDEN, remembered for the shorter TTL', async () => {
  const dir = directory();
  const mapper = mapperWith(dir);
  await expect(mapper.resolve(caller('stranger'), undefined)).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: 'No Looker user is mapped to this identity',
  });
  now += 29_999;
  await expect(mapper.resolve(caller('stranger'), undefined)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect(dir.lookups).toHaveLength(1);
  now += 1;
  await expect(mapper.resolve(caller('stranger'), undefined)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect(dir.lookups).toHaveLength(2);
});

test('a disabled Looker user maps to nobody', async () => {
  await expect(mapperWith(directory()).resolve(caller('ext-gone'), undefined)).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: 'No Looker user is mapped to this identity (the Looker user is disabled)',
  });
});

test('subjects never share an entry, even naming the same Looker user through the policy', async () => {
  const dir = directory();
  const mapper = mapperWith(dir);
  const team = { email: 'team@example.com' };
  expect(await mapper.resolve(caller('alice'), team)).toBe('3');
  expect(await mapper.resolve(caller('bob'), team)).toBe('3');
  expect(dir.lookups).toEqual(['email:team@example.com', 'email:team@example.com']);
});

test('a policy-named id needs no lookup; forget makes the next resolve ask again', async () => {
  const dir = directory();
  const mapper = mapperWith(dir);
  expect(await mapper.resolve(caller('alice'), { id: '42' })).toBe('42');
  expect(dir.lookups).toEqual([]);
  await mapper.resolve(caller('ext-ada'), undefined);
  mapper.forget(caller('ext-ada'), undefined);
  await mapper.resolve(caller('ext-ada'), undefined);
  expect(dir.lookups).toEqual(['embed:ext-ada', 'embed:ext-ada']);
});
