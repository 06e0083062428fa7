import { Looker40SDK } from '@looker/sdk';
import { NodeSession } from '@looker/sdk-node';
import { ConfiguredSettings } from '../../src/looker/settings';
import { AbortableTransport } from '../../src/looker/transport';
import { Secret } from '../../src/config/secret';

/** The real SDK logged in as the emulator's API3 admin, as a hand-written Looker client would be. */
export function adminSdk(
  baseUrl: string,
  clientSecret = 'looker-admin-secret',
  clientId = 'looker-admin',
): Looker40SDK {
  const settings = new ConfiguredSettings({
    baseUrl,
    clientId,
    clientSecret: new Secret(clientSecret),
    verifySsl: true,
    timeoutMs: 30_000,
  });
  return new Looker40SDK(new NodeSession(settings, new AbortableTransport(settings)));
}

/** Unwraps an SDK answer, failing the test with Looker's message when the call failed. */
export async function ok<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const answer = await promise;
  if (!answer.ok) throw new Error(`Looker call failed: ${JSON.stringify(answer.error)}`);
  return answer.value;
}
