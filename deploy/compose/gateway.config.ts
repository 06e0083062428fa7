/**
 * Hive Gateway's configuration in deploy/compose.yaml (mounted into the gateway's image as
 * /gateway/gateway.config.ts). It forwards to the Looker subgraph, and to no other, the request
 * headers the subgraph reads from its callers (docs/gateway.md, "What a gateway must forward"; the
 * same list as scripts/hive-gateway.ts, which a test compares).
 */
import { defineConfig } from '@graphql-hive/gateway';

/** The caller's token, the W3C trace context and the request id. */
export const forwarded = ['authorization', 'traceparent', 'tracestate', 'x-request-id'];

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs({ request, subgraphName }) {
      if (subgraphName !== 'looker') return;
      const headers: Record<string, string> = {};
      for (const name of forwarded) {
        const value = request.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      return headers;
    },
  },
});
