import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on right now: for a process that takes a fixed port (main.ts,
 * redis-server), or an address that must refuse connections.
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
