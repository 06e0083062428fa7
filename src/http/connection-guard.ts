import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../observability/logger';
import { requestIdOf } from './request-id';
import type { ConnectionBounds } from './server-options';

/** From this share of the connection cap on, idle connections are closed to make room. */
export const SHED_FROM_SHARE = 0.9;
/** A connection idle for less than this is never shed: it is most likely about to send its request. */
export const SHED_MIN_IDLE_MS = 1000;
/** How often every connection is looked at. */
const SWEEP_MS = 1000;

/** What the guard knows of one connection. */
interface Tracked {
  /** Requests received and not answered yet. */
  inFlight: number;
  /** Since when no request is in flight: the connection's start until its first request. */
  idleSince: number;
  /** The latest request's answer, weakly (its request id names the connection in the log; the answer is not kept alive by this). */
  response: WeakRef<ServerResponse> | undefined;
  /** The send's progress at the last sweep (see {@link sendProgress}); undefined when nothing waited. */
  progress: SendProgress | undefined;
  /** When the waiting answer last made progress. */
  progressAt: number;
}

interface SendProgress {
  readonly completed: number;
  readonly queued: number;
}

/**
 * How far the bytes handed to the socket have gone. `bytesWritten` and `writableLength` count what
 * the server handed over and move only when a whole write ends, and one large answer is one write;
 * the write under way shrinks in libuv's queue as the peer reads, so that queue shows its progress.
 */
function sendProgress(socket: Socket): SendProgress {
  const handle = (socket as unknown as { _handle?: { writeQueueSize?: unknown } })._handle;
  return {
    completed: (socket.bytesWritten ?? 0) - socket.writableLength,
    queued: typeof handle?.writeQueueSize === 'number' ? handle.writeQueueSize : 0,
  };
}

/**
 * Guards a server's connections beyond Node's own timeouts, which bound receiving a request but
 * neither sending its answer nor idling at the cap:
 *
 * - a connection whose answer waits in the process (`writableLength > 0`) without progress for
 *   `sendTimeoutMs` is reset, which frees the buffered answer: a client that stops reading cannot
 *   make the server hold its answer. A request waiting silently for Looker has nothing to send
 *   and is left alone, so this is not a socket timeout;
 * - the cap (`server.maxConnections`) is set here, and from {@link SHED_FROM_SHARE} of it idle
 *   connections (no request in flight, nothing left to send, idle for at least
 *   {@link SHED_MIN_IDLE_MS}) are closed, the longest idle first, until the count is below that
 *   mark: a newcomer gets in, and holding a slot costs a request in flight, which the header and
 *   request timeouts bound.
 *
 * Checks once a second while the server listens, and when a connection arrives at the mark.
 */
export function guardConnections(
  server: Server,
  bounds: Pick<ConnectionBounds, 'sendTimeoutMs' | 'maxConnections'>,
  logger: Logger,
): void {
  server.maxConnections = bounds.maxConnections;
  const mark = Math.max(1, Math.floor(bounds.maxConnections * SHED_FROM_SHARE));
  // In order of arrival; a socket leaves on its close, or as soon as the guard closes it.
  const connections = new Map<Socket, Tracked>();
  let shedSinceLog = 0;

  server.on('connection', (socket: Socket) => {
    const now = Date.now();
    connections.set(socket, { inFlight: 0, idleSince: now, response: undefined, progress: undefined, progressAt: now });
    socket.once('close', () => connections.delete(socket));
    if (connections.size >= mark) shed(now, socket);
  });

  // Before the application's listener: an answer sent at once must not finish before it is counted.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const tracked = connections.get(req.socket);
    if (tracked === undefined) return;
    tracked.inFlight += 1;
    // Weakly: the request id is assigned after this listener, and read only if the send stalls.
    tracked.response = new WeakRef(res);
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      tracked.inFlight -= 1;
      if (tracked.inFlight === 0) tracked.idleSince = Date.now();
    };
    res.once('finish', end);
    res.once('close', end);
  });

  /** Closes idle connections, the longest idle first, until fewer than `mark` are open; never `newcomer`. */
  function shed(now: number, newcomer?: Socket): void {
    const idle = [...connections]
      .filter(
        ([socket, tracked]) =>
          socket !== newcomer &&
          tracked.inFlight === 0 &&
          socket.writableLength === 0 &&
          now - tracked.idleSince >= SHED_MIN_IDLE_MS,
      )
      .sort(([, a], [, b]) => a.idleSince - b.idleSince);
    for (const [socket] of idle.slice(0, connections.size - mark + 1)) {
      connections.delete(socket);
      socket.destroy();
      shedSinceLog += 1;
    }
  }

  function stalled(socket: Socket, tracked: Tracked, now: number): boolean {
    if (socket.writableLength === 0) {
      tracked.progress = undefined;
      return false;
    }
    const progress = sendProgress(socket);
    const before = tracked.progress;
    // A send seen for the first time, or moving, restarts the clock.
    if (before === undefined || progress.completed > before.completed || progress.queued < before.queued)
      tracked.progressAt = now;
    tracked.progress = progress;
    return now - tracked.progressAt >= bounds.sendTimeoutMs;
  }

  function sweep(): void {
    const now = Date.now();
    for (const [socket, tracked] of connections) {
      if (!stalled(socket, tracked, now)) continue;
      connections.delete(socket);
      const response = tracked.response?.deref();
      logger.info(
        {
          requestId: response ? requestIdOf(response) : undefined,
          unsentBytes: socket.writableLength,
          sendTimeoutMs: bounds.sendTimeoutMs,
        },
        'connection reset: the client stopped reading its answer',
      );
      // A reset, not a close: the peer reads nothing, so the kernel need not keep the unsent rest either.
      try {
        socket.resetAndDestroy();
      } catch {
        socket.destroy();
      }
    }
    if (connections.size >= mark) shed(now);
    if (shedSinceLog > 0) {
      logger.info(
        { closed: shedSinceLog, open: connections.size, maxConnections: bounds.maxConnections },
        'idle connections closed near the connection cap',
      );
      shedSinceLog = 0;
    }
  }

  let timer: NodeJS.Timeout | undefined;
  server.on('listening', () => {
    clearInterval(timer);
    timer = setInterval(sweep, SWEEP_MS);
    // Never what keeps the process alive.
    timer.unref();
  });
  server.on('close', () => clearInterval(timer));
}
