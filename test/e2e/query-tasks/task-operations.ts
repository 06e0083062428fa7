/** The GraphQL operations the query-task suites send, and the query they start. */

/** A small query of the demo data set, run as a Looker query task. */
export const queryInput = {
  model: 'ecommerce',
  view: 'order_items',
  fields: ['order_items.status', 'order_items.count'],
  limit: 10,
};
export const startQuery = `mutation Start($input: QueryInput!) { startQuery(input: $input) { id status } }`;
export const queryTask = `query Poll($id: ID!) { queryTask(id: $id) { id status } }`;
export const cancelTask = `mutation Cancel($id: ID!) { cancelQueryTask(id: $id) { id status } }`;
/** One mutation starting `n` tasks (aliases `t0`…). */
export const startMany = (n: number) =>
  `mutation Start($input: QueryInput!) { ${Array.from({ length: n }, (_, i) => `t${i}: startQuery(input: $input) { id status }`).join(' ')} }`;
