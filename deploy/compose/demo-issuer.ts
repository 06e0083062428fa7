/**
 * The demo OIDC issuer (demo/oidc-issuer.ts) on a port of its own, as the identity provider of
 * deploy/compose.yaml: the subgraph replicas run in production mode and verify its tokens as they
 * would a real IdP's. Settings: ISSUER_URL (the issuer identifier, ending in /oidc; its port is
 * where it listens), ISSUER_AUDIENCE, ISSUER_HOST.
 *
 * Usage: node --import tsx deploy/compose/demo-issuer.ts
 */
import type { Server } from 'node:http';
import express from 'express';
import { createDemoIssuer } from '../../demo/oidc-issuer';

/** Options of {@link startStandaloneIssuer}. */
export interface StandaloneIssuerOptions {
  /** The issuer identifier, `http://host:port/oidc`: tokens carry it in `iss`. */
  readonly issuerUrl: string;
  /** The `aud` of every token: the subgraph's `OIDC_AUDIENCE`. */
  readonly audience: string;
  /** The interface to listen on (the port is the issuer URL's). */
  readonly host: string;
}

/** A running standalone issuer. */
export interface StandaloneIssuer {
  /** Where clients ask for tokens (`client_credentials`). */
  readonly tokenEndpoint: string;
  close(): Promise<void>;
}

/** Serves a demo issuer at the path and port of `issuerUrl`. */
export async function startStandaloneIssuer(options: StandaloneIssuerOptions): Promise<StandaloneIssuer> {
  const url = new URL(options.issuerUrl);
  const issuer = await createDemoIssuer({ issuer: options.issuerUrl, audience: options.audience });
  const app = express();
  app.use(url.pathname, issuer.callback);
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(Number(url.port || 80), options.host, () => resolve(listening));
    listening.once('error', reject);
  });
  return {
    tokenEndpoint: `${options.issuerUrl}/token`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

if (require.main === module) {
  const issuerUrl = process.env.ISSUER_URL ?? 'http://127.0.0.1:4020/oidc';
  startStandaloneIssuer({
    issuerUrl,
    audience: process.env.ISSUER_AUDIENCE ?? 'looker-subgraph',
    host: process.env.ISSUER_HOST ?? '127.0.0.1',
  }).then(
    (issuer) => {
      console.log(`demo issuer ${issuerUrl}, tokens at ${issuer.tokenEndpoint}`);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void issuer.close());
    },
    (error: unknown) => {
      console.error(`demo issuer failed to start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
