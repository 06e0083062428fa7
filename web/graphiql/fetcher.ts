import type { GraphiQL } from 'graphiql';
import type { ComponentProps } from 'react';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

/** A plain JSON-over-POST fetcher for a same-origin GraphQL endpoint, with the headers editor's headers. */
export function createFetcher(graphqlPath: string): Fetcher {
  return async (params, options) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    for (const [name, value] of Object.entries(options?.headers ?? {})) {
      if (typeof value === 'string') headers[name] = value;
    }
    const response = await fetch(graphqlPath, {
      method: 'POST',
      headers,
      body: JSON.stringify(params),
      credentials: 'omit',
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      // A proxy's HTML error page or an empty body: show the status instead of a parse error.
      return { errors: [{ message: `HTTP ${response.status}: the answer was not JSON` }] };
    }
  };
}
