import type { IAccessToken } from '@looker/sdk';
import type { FoundUser, LookerDirectory } from '../../../src/looker-users/looker-directory';
import { LookerError } from '../../../src/looker/errors';

/** An in-memory Looker user directory that records what it was asked, for the cache logic's unit tests. */
export class DirectoryFixture implements LookerDirectory {
  readonly lookups: string[] = [];
  readonly logins: string[] = [];
  /** Lifetime of issued tokens, seconds. */
  expiresIn = 3600;
  /** Held logins resolve only when released, to test concurrent callers. */
  hold = false;
  readonly #held: (() => void)[] = [];
  #issued = 0;

  constructor(
    private readonly users: Record<string, FoundUser> = {},
    private readonly existing: readonly string[] = [],
  ) {}

  async findByCredential(type: 'embed' | 'email', id: string): Promise<FoundUser | undefined> {
    this.lookups.push(`${type}:${id}`);
    return this.users[`${type}:${id}`];
  }

  async loginUser(userId: string): Promise<IAccessToken> {
    this.logins.push(userId);
    if (this.hold) await new Promise<void>((resolve) => this.#held.push(resolve));
    if (!this.existing.includes(userId))
      throw new LookerError('NOT_FOUND', 'Not found in Looker (login_user)', 'login_user', 404);
    this.#issued += 1;
    return { access_token: `token-${userId}-${this.#issued}`, token_type: 'Bearer', expires_in: this.expiresIn };
  }

  /** Lets every held login finish. */
  release(): void {
    for (const resolve of this.#held.splice(0)) resolve();
  }
}
