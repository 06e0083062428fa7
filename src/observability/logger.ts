import pino, { type Logger } from 'pino';

/** The application log: JSON lines on standard error, credentials redacted wherever they appear. */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      base: { service: 'looker-subgraph' },
      // Belt and braces: nothing should log these, but if a header or config slips into a log
      // line, its secret parts are replaced.
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'authorization',
          'token',
          'access_token',
          'client_secret',
          'clientSecret',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
