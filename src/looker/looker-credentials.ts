import type { Logger } from '../observability/logger';
import { Secret } from '../config/secret';
import { credentialFileFingerprint, CredentialFileError, readCredentialFile } from '../files';

/** Where the API3 credentials come from: values read at start, and the files they came from, if any. */
export interface LookerCredentialsOptions {
  readonly clientId: string;
  readonly clientSecret: Secret;
  /** `LOOKERSDK_CLIENT_ID_FILE`: re-read when it changes. */
  readonly clientIdFile?: string | undefined;
  /** `LOOKERSDK_CLIENT_SECRET_FILE`: re-read when it changes. */
  readonly clientSecretFile?: string | undefined;
  /** Told when a file was reloaded or could not be; never given a value. */
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
}

/** What the SDK's login sends. */
export interface ApiCredentials {
  readonly clientId: string;
  readonly clientSecret: Secret;
}

/** One credential kept from a file a secrets manager may replace at any time. */
interface FileBacked {
  readonly variable: string;
  readonly file: string;
  fingerprint: string | undefined;
  value: Secret;
}

/**
 * The service account's API3 credentials. Values given directly never change; values from files
 * follow the files: `refresh()` (called before every login) stats each file and re-reads it when
 * its inode, size or mtime changed, so a rotation by a secrets manager — which replaces the file
 * by rename or symlink swap — is used by the next login without a restart. A file that is missing
 * or empty at that moment (mid-swap, or deleted) keeps the last good value and logs a warning.
 */
export class LookerCredentials {
  readonly #clientId: FileBacked | string;
  readonly #clientSecret: FileBacked | Secret;
  readonly #logger: Pick<Logger, 'info' | 'warn'> | undefined;

  constructor(options: LookerCredentialsOptions) {
    this.#logger = options.logger;
    // The values read at start are the first good ones; the first refresh re-reads each file
    // once, since the start-up read left no fingerprint here.
    this.#clientId = options.clientIdFile
      ? {
          variable: 'LOOKERSDK_CLIENT_ID_FILE',
          file: options.clientIdFile,
          fingerprint: undefined,
          value: new Secret(options.clientId),
        }
      : options.clientId;
    this.#clientSecret = options.clientSecretFile
      ? {
          variable: 'LOOKERSDK_CLIENT_SECRET_FILE',
          file: options.clientSecretFile,
          fingerprint: undefined,
          value: options.clientSecret,
        }
      : options.clientSecret;
  }

  /** The credentials the next login sends. */
  current(): ApiCredentials {
    return {
      clientId: typeof this.#clientId === 'string' ? this.#clientId : this.#clientId.value.reveal(),
      clientSecret: this.#clientSecret instanceof Secret ? this.#clientSecret : this.#clientSecret.value,
    };
  }

  /** Whether any credential comes from a file, i.e. whether a refresh can change anything. */
  get fromFiles(): boolean {
    return typeof this.#clientId !== 'string' || !(this.#clientSecret instanceof Secret);
  }

  /**
   * Re-reads the files that changed since they were last read (one `stat` each when none did);
   * with `reread`, reads them whatever their fingerprint says (after Looker refused a login).
   * Resolves true when a credential's value changed.
   */
  async refresh(options: { reread?: boolean } = {}): Promise<boolean> {
    const files = [this.#clientId, this.#clientSecret].filter(
      (c): c is FileBacked => typeof c !== 'string' && !(c instanceof Secret),
    );
    const changed = await Promise.all(files.map((entry) => this.#refreshOne(entry, options.reread === true)));
    const reloaded = files.filter((_entry, index) => changed[index]);
    if (reloaded.length > 0) {
      this.#logger?.info(
        { variables: reloaded.map((e) => e.variable), files: reloaded.map((e) => e.file) },
        'Looker credentials reloaded',
      );
    }
    return reloaded.length > 0;
  }

  async #refreshOne(entry: FileBacked, reread: boolean): Promise<boolean> {
    try {
      if (
        !reread &&
        entry.fingerprint !== undefined &&
        (await credentialFileFingerprint(entry.file)) === entry.fingerprint
      )
        return false;
      const read = await readCredentialFile(entry.file);
      entry.fingerprint = read.fingerprint;
      if (read.value === entry.value.reveal()) return false;
      entry.value = new Secret(read.value);
      return true;
    } catch (error) {
      const problem = error instanceof CredentialFileError ? error.problem : 'cannot be read';
      this.#logger?.warn(
        { variable: entry.variable, file: entry.file, problem },
        'Looker credential file unusable; keeping the last good value',
      );
      return false;
    }
  }
}
