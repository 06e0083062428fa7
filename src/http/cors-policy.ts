import cors from 'cors';

/** What one route lets a browser on an allowed origin send and read. */
export interface CorsRoute {
  readonly allowedHeaders: readonly string[];
  readonly exposedHeaders: readonly string[];
  /** Methods a preflight may ask for; the cors package's default when absent. */
  readonly methods?: readonly string[];
}

/**
 * The CORS policy of a route: browsers on `origins` (`CORS_ORIGINS`) only, none when the list is
 * empty, preflights kept for 10 minutes. Every route that browsers call directly takes it from here.
 */
export function corsPolicy(origins: readonly string[], route: CorsRoute): ReturnType<typeof cors> {
  return cors({
    origin: origins.length > 0 ? [...origins] : false,
    allowedHeaders: [...route.allowedHeaders],
    exposedHeaders: [...route.exposedHeaders],
    ...(route.methods ? { methods: [...route.methods] } : {}),
    maxAge: 600,
  });
}
