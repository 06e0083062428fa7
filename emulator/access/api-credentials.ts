import { timingSafeEqual } from 'node:crypto';

/** What the credentials control reports: never the secret. */
export interface ApiCredentialsSnapshot {
  clientId: string;
  /** Rotations since start. */
  rotations: number;
  /** `POST /login` attempts since the last rotation (or start), by outcome. */
  loginsSinceRotation: { accepted: number; refused: number };
}

/** Compares secrets in constant time. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The API3 client id and secret of the API user ("1"), which `POST /login` checks. A rotation
 * replaces them at once: the old secret is refused from then on, while tokens issued with it stay
 * valid until they expire. Logins are tallied per rotation, so a test can tell that the new secret
 * was used.
 */
export class ApiCredentials {
  #clientId: string;
  #clientSecret: string;
  #rotations = 0;
  #accepted = 0;
  #refused = 0;

  constructor(clientId: string, clientSecret: string) {
    this.#clientId = clientId;
    this.#clientSecret = clientSecret;
  }

  /** The client id (user views list it under `credentials_api3`). */
  get clientId(): string {
    return this.#clientId;
  }

  /** Whether a login with these credentials is accepted; counts the attempt. */
  accepts(clientId: string | undefined, clientSecret: string | undefined): boolean {
    const ok =
      clientId === this.#clientId && clientSecret !== undefined && sameSecret(clientSecret, this.#clientSecret);
    if (ok) this.#accepted += 1;
    else this.#refused += 1;
    return ok;
  }

  /** Replaces the secret (and the client id, when given) and starts a new login tally. */
  rotate(clientSecret: string, clientId?: string): void {
    this.#clientSecret = clientSecret;
    if (clientId !== undefined) this.#clientId = clientId;
    this.#rotations += 1;
    this.#accepted = 0;
    this.#refused = 0;
  }

  /** Client id, rotations and the login tally. */
  snapshot(): ApiCredentialsSnapshot {
    return {
      clientId: this.#clientId,
      rotations: this.#rotations,
      loginsSinceRotation: { accepted: this.#accepted, refused: this.#refused },
    };
  }
}
