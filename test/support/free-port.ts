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

/** Whether nothing listens on a loopback port now. */
async function isFree(port: number): Promise<boolean> {
  const probe = createServer();
  const free = await new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (free) await new Promise((resolve) => probe.close(resolve));
  return free;
}

/**
 * A free loopback port below the kernel's ephemeral range (Linux: 32768 and up), for a server a
 * test kills and restarts on the same port: while it is down, nothing that asks for port 0 (every
 * other test server, `freePort`) can be given its port, so the restart finds it free and no other
 * suite's clients end up talking to it.
 */
export async function freeFixedPort(): Promise<number> {
  for (let tries = 0; tries < 100; tries += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isFree(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}
