import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { selectsField } from '../../src/input/selection';

const schema = buildSchema('type Query { dashboard: Dashboard } type Dashboard { title: String tiles: [String] }');

/** Whether `dashboard`'s resolver would see `tiles` asked for in `source`. */
async function asksForTiles(source: string, variableValues?: Record<string, unknown>): Promise<boolean> {
  let seen: boolean | undefined;
  const rootValue = {
    dashboard: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
      seen = selectsField(info, 'tiles');
      return { title: 't', tiles: [] };
    },
  };
  const result = await graphql({ schema, source, rootValue, variableValues });
  expect(result.errors).toBeUndefined();
  return seen ?? false;
}

test.each([
  ['directly', '{ dashboard { tiles } }', undefined, true],
  ['under an alias', '{ dashboard { cards: tiles } }', undefined, true],
  ['through a fragment', '{ dashboard { ...F } } fragment F on Dashboard { tiles }', undefined, true],
  ['through an inline fragment', '{ dashboard { ... on Dashboard { tiles } } }', undefined, true],
  ['not at all', '{ dashboard { title } }', undefined, false],
  ['skipped by a variable', 'query ($no: Boolean!) { dashboard { title tiles @skip(if: $no) } }', { no: true }, false],
  ['included by a variable', 'query ($yes: Boolean!) { dashboard { tiles @include(if: $yes) } }', { yes: true }, true],
] as [string, string, Record<string, unknown> | undefined, boolean][])(
  'tiles asked for %s: %s',
  async (_how, source, variables, expected) => {
    expect(await asksForTiles(source, variables)).toBe(expected);
  },
);
