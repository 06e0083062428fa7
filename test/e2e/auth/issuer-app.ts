import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createDemoIssuer, type DemoIssuer, type DemoIssuerOptions } from '../../../demo/oidc-issuer';

/** An express app on a free loopback port with a demo issuer mounted at `/oidc`. */
export interface IssuerApp {
  readonly issuer: DemoIssuer;
  readonly tokenEndpoint: string;
  close(): Promise<void>;
}

/** Starts an express app on port 0 and mounts a fresh demo issuer at `/oidc`, as the subgraph does. */
export async function startIssuerApp(options: Omit<DemoIssuerOptions, 'issuer'>): Promise<IssuerApp> {
  const app = express();
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  // The issuer URL must carry the port, known only once the server listens.
  const { port } = server.address() as AddressInfo;
  const issuer = await createDemoIssuer({ ...options, issuer: `http://127.0.0.1:${port}/oidc` });
  app.use('/oidc', issuer.callback);
  return {
    issuer,
    tokenEndpoint: `${issuer.issuer}/token`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The token endpoint's answer. */
export interface TokenAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Asks the token endpoint for a client_credentials token with HTTP Basic client authentication. */
export async function requestToken(
  tokenEndpoint: string,
  clientId: string,
  secret: string,
  params: Record<string, string> = {},
): Promise<TokenAnswer> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...params }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The access token of a successful answer; fails the test otherwise. */
export function accessTokenOf(answer: TokenAnswer): string {
  const token = answer.body['access_token'];
  if (answer.status !== 200 || typeof token !== 'string') {
    throw new Error(`token request failed with ${answer.status}: ${String(answer.body['error'])}`);
  }
  return token;
}
