/**
 * Writes the supergraph Hive Gateway serves in deploy/compose.yaml: the subgraph's SDL (as
 * `npm run schema:print` prints it) composed with `@apollo/composition`, as a schema registry would,
 * under the routing URL the gateway reaches the replicas at.
 *
 * Usage: node --import tsx deploy/compose/supergraph.ts <out file>   (SUBGRAPH_URL: the routing URL)
 */
import { writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { loadTypeDefs } from '../../src/graphql/schema';
import { printSubgraphSdl } from '../../src/graphql/schema-print';

/** The name the subgraph is registered under: the gateway's header rules name it (docs/gateway.md). */
export const subgraphName = 'looker';

/** The supergraph SDL of the Looker subgraph alone, routed to `routingUrl`. */
export function composeSupergraph(routingUrl: string): string {
  const composed = composeServices([
    { name: subgraphName, typeDefs: parse(printSubgraphSdl(loadTypeDefs())), url: routingUrl },
  ]);
  if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
  return composed.supergraphSdl;
}

if (require.main === module) {
  const out = process.argv[2];
  if (out === undefined) {
    console.error('usage: supergraph.ts <out file>');
    process.exit(1);
  }
  writeFileSync(out, composeSupergraph(process.env.SUBGRAPH_URL ?? 'http://subgraph:4000/graphql'));
  console.log(`supergraph written to ${out}`);
}
