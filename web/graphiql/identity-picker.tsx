import { useState, type ChangeEvent } from 'react';
import type { DemoIdentity } from '../../src/graphiql/page-config';
import { fetchDemoToken } from './demo-token';
import type { StartingIdentity } from './starting-identity';

/** Props of {@link IdentityPicker}. */
export interface IdentityPickerProps {
  readonly tokenUrl: string;
  readonly identities: readonly DemoIdentity[];
  /** The identity the page was signed in as before it rendered, if any. */
  readonly starting?: StartingIdentity;
  /** Receives a fresh access token for the chosen identity. */
  onToken(token: string): void;
}

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'ok'; readonly label: string }
  | { readonly kind: 'error'; readonly message: string };

/** What the picker says about the starting identity. */
function startingStatus(starting: StartingIdentity | undefined): Status {
  if (!starting) return { kind: 'idle' };
  return 'token' in starting
    ? { kind: 'ok', label: starting.identity.label }
    : { kind: 'error', message: starting.error };
}

/** Demo only: a select of the demo issuer's clients; choosing one fetches a token for it. */
export function IdentityPicker({ tokenUrl, identities, starting, onToken }: IdentityPickerProps) {
  const [clientId, setClientId] = useState(starting?.identity.clientId ?? '');
  const [status, setStatus] = useState<Status>(() => startingStatus(starting));

  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    const identity = identities.find((candidate) => candidate.clientId === event.target.value);
    setClientId(event.target.value);
    if (!identity) return;
    setStatus({ kind: 'busy' });
    fetchDemoToken(tokenUrl, identity).then(
      (token) => {
        onToken(token);
        setStatus({ kind: 'ok', label: identity.label });
      },
      (error: unknown) => setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  };

  const chosen = identities.find((identity) => identity.clientId === clientId);
  return (
    <div className="explorer-identity">
      <label>
        <span>Demo identity</span>
        <select aria-label="Demo identity" value={clientId} onChange={choose}>
          <option value="">choose…</option>
          {identities.map((identity) => (
            <option key={identity.clientId} value={identity.clientId} title={identity.description}>
              {identity.label}
            </option>
          ))}
        </select>
      </label>
      <output className={`explorer-identity-status ${status.kind}`} aria-live="polite">
        {status.kind === 'busy' && 'getting a token…'}
        {status.kind === 'ok' && `token set for ${status.label}${chosen ? ` (${chosen.description})` : ''}`}
        {status.kind === 'error' && `no token: ${status.message}`}
      </output>
    </div>
  );
}
