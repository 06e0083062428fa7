import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on `port` and `host`; rejects when the server cannot (the port is taken). */
export function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/** Stops accepting and resolves once every connection is closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The port a listening server was given. */
export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** The base URL of a listening server on `host` (an IPv6 address in brackets). */
export function baseUrlOf(server: Server, host: string): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${portOf(server)}`;
}
