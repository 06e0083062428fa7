import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** A key pair of the test issuer, with the `kid` it publishes. */
export interface TestKey {
  readonly kid: string;
  readonly alg: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** Generates a signing key for `alg`, published under `kid`. */
export async function generateTestKey(kid: string, alg = 'RS256'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwk };
}

/**
 * A real HTTP server that plays an issuer's discovery and JWKS endpoints with keys the test owns,
 * so tests can sign any token they like. It counts the requests each path receives and can be told
 * to fail the next discovery requests.
 */
export class KeyServer {
  readonly #server: Server;
  readonly hits = new Map<string, number>();
  keys: JWK[] = [];
  /** How many upcoming discovery requests answer 503. */
  failDiscovery = 0;
  /** The `issuer` the discovery document names; default {@link issuer}. */
  discoveredIssuer: string | undefined;

  private constructor() {
    this.#server = createServer((req, res) => {
      this.handle(req.url ?? '/', (status, body) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
  }

  /** Starts a key server on a free loopback port. */
  static async start(): Promise<KeyServer> {
    const keyServer = new KeyServer();
    await new Promise<void>((resolve) => keyServer.#server.listen(0, '127.0.0.1', resolve));
    return keyServer;
  }

  /** The issuer identifier this server plays. */
  get issuer(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/issuer`;
  }

  /** The JWKS URL. */
  get jwksUri(): string {
    return `${this.issuer}/jwks`;
  }

  /** Signs `payload` with `key`; `header` adds or overrides protected header parameters. */
  async sign(key: TestKey, payload: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
    return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid, ...header }).sign(key.privateKey);
  }

  /** Stops the server. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  private handle(url: string, send: (status: number, body: unknown) => void): void {
    const path = new URL(url, 'http://localhost').pathname;
    this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
    if (path === '/issuer/.well-known/openid-configuration') {
      if (this.failDiscovery > 0) {
        this.failDiscovery -= 1;
        send(503, { error: 'unavailable' });
        return;
      }
      send(200, { issuer: this.discoveredIssuer ?? this.issuer, jwks_uri: this.jwksUri });
      return;
    }
    if (path === '/issuer/jwks') {
      send(200, { keys: this.keys });
      return;
    }
    send(404, { error: 'not_found' });
  }
}
