import { DEMO_LOGINS } from '../../../emulator';
import { validatePolicy, type Policy } from '../../../src/policy';
import { readEverything, startUserStack, type UserStack } from '../identity/user-stack';

/**
 * Writes in per-user mode: the policy's folders are checked first, then Looker's own permissions
 * apply to the caller's own Looker user (the analyst may edit the Sandbox only), and favorites are
 * the caller's own.
 */
let stack: UserStack;
let token: string;

const sandbox = '7';
const sales = '2';
const query = { model: 'ecommerce', view: 'order_items', fields: ['order_items.count'] };

function policyOf(value: unknown): Policy {
  const validated = validatePolicy(value);
  if (!validated.ok) throw new Error(validated.problems.join('; '));
  return validated.policy;
}

beforeAll(async () => {
  stack = await startUserStack();
  // The policy would let the analyst write in Sales too: Looker's own folder access still refuses it.
  stack.useProvider({
    policy: policyOf({
      rules: [
        {
          name: 'analyst-writes',
          when: { claim: 'sub', includes: [DEMO_LOGINS.analyst] },
          writes: { folders: [{ id: sandbox }, { id: sales }] },
        },
      ],
    }),
  });
  token = await stack.tokenFor(DEMO_LOGINS.analyst, { scope: `${readEverything} looker:content:write` });
});

afterAll(() => stack?.stop());

const createLook = `mutation($input: CreateLookInput!) { createLook(input: $input) { look { id folder { id } } } }`;

test("the caller's own Looker user writes in a folder it may edit", async () => {
  const answer = await stack.graphql(createLook, {
    token,
    variables: { input: { title: 'Mine', folderId: sandbox, query } },
  });
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data).toMatchObject({ createLook: { look: { folder: { id: sandbox } } } });
});

test("Looker's own permissions apply as well: a folder the user may only view is FORBIDDEN by Looker", async () => {
  const before = (await stack.lookerStats()).byRoute['POST /api/4.0/looks'] ?? 0;
  const answer = await stack.graphql(createLook, {
    token,
    variables: { input: { title: 'Not mine', folderId: sales, query } },
  });
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(answer.body.errors?.[0]?.message).toContain('Looker refused');
  // Looker was asked (the policy allowed it) and refused: nothing was created.
  expect((await stack.lookerStats()).byRoute['POST /api/4.0/looks'] ?? 0).toBe(before + 1);
  const listed = await stack.graphql(`{ looks(folderId: "${sales}", search: "Not mine") { nodes { id } } }`, { token });
  expect(listed.body.data).toEqual({ looks: { nodes: [] } });
});

test("setFavorite marks and unmarks a dashboard as the caller's own favorite", async () => {
  const set = (favorite: boolean) =>
    stack.graphql(
      `mutation { setFavorite(input: { dashboardId: "1", favorite: ${favorite} }) { favorite change { changed } } }`,
      {
        token,
      },
    );
  const on = await set(true);
  expect(on.body.errors).toBeUndefined();
  expect(on.body.data).toEqual({
    setFavorite: { favorite: true, change: { changed: { favorite: { old: false, new: true } } } },
  });
  // A second mark changes nothing and writes nothing.
  const before = (await stack.lookerStats()).byRoute['POST /api/4.0/content_favorite'] ?? 0;
  const again = await set(true);
  expect(again.body.data).toEqual({ setFavorite: { favorite: true, change: { changed: {} } } });
  expect((await stack.lookerStats()).byRoute['POST /api/4.0/content_favorite'] ?? 0).toBe(before);
  const off = await set(false);
  expect(off.body.data).toEqual({
    setFavorite: { favorite: false, change: { changed: { favorite: { old: true, new: false } } } },
  });
});
