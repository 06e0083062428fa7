import { useState, type ChangeEvent } from 'react';
import type { DemoIdentity } from '../../src/graphiql/page-config';
import { fetchDemoToken } from './demo-token';

/** Props of {@link IdentityPicker}. */
export interface IdentityPickerProps {
  readonly tokenUrl: string;
  readonly identities: readonly DemoIdentity[];
  /** Receives a fresh access token for the chosen identity. */
  onToken(token: string): void;
}

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'ok'; readonly label: string }
  | { readonly kind: 'error'; readonly message: string };

/** Demo only: a select of the demo issuer's clients; choosing one fetches a token for it. */
export function IdentityPicker({ tokenUrl, identities, onToken }: IdentityPickerProps) {
  const [clientId, setClientId] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

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
