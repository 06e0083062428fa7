import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { DEMO_CLIENT_SECRET, demoClients, type DemoClient } from '../demo/demo-clients';
import { createDemoIssuer } from '../demo/oidc-issuer';

/** The demo OIDC issuer, served by the benchmark process on a free loopback port. */
export interface BenchIssuer {
  /** The issuer identifier, for the subgraph's `OIDC_ISSUER`. */
  readonly issuer: string;
  /** The audience its tokens carry, for the subgraph's `OIDC_AUDIENCE`. */
  readonly audience: string;
  /** A fresh access token of a demo client (client_credentials, every scope the client has). */
  token(clientId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * `count` more clients with the viewer's scopes, `bench-caller-01` … : a client-credentials token's
 * `sub` is its client id, so each is a distinct subject to the subgraph's per-subject limits. They
 * exist in the benchmark's issuer only.
 */
export function benchCallerClients(count: number): DemoClient[] {
  const viewer = demoClients.find((c) => c.clientId === 'demo-viewer');
  if (viewer === undefined) throw new Error('the demo clients have no demo-viewer');
  const width = String(count).length < 2 ? 2 : String(count).length;
  return Array.from({ length: count }, (_, i) => ({
    ...viewer,
    clientId: `bench-caller-${String(i + 1).padStart(width, '0')}`,
    description: 'an ordinary caller of the fairness scenario',
  }));
}

/**
 * Starts an express app on port 0 with the demo issuer mounted at `/oidc`, as the demo stack does,
 * registering `extraClients` (same secret) besides the demo clients.
 */
export async function startBenchIssuer(
  audience: string,
  extraClients: readonly DemoClient[] = [],
): Promise<BenchIssuer> {
  const app = express();
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  // The issuer URL carries the port, known only once the server listens.
  const { port } = server.address() as AddressInfo;
  const demo = await createDemoIssuer({
    issuer: `http://127.0.0.1:${port}/oidc`,
    audience,
    clients: [...demoClients, ...extraClients],
  });
  app.use('/oidc', demo.callback);
  return {
    issuer: demo.issuer,
    audience,
    async token(clientId) {
      const response = await fetch(`${demo.issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${DEMO_CLIENT_SECRET}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      const body = (await response.json()) as Record<string, unknown>;
      const token = body['access_token'];
      if (response.status !== 200 || typeof token !== 'string')
        throw new Error(`token request failed with ${response.status}: ${JSON.stringify(body)}`);
      return token;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
