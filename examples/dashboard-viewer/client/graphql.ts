/** A GraphQL error as the subgraph sends it. */
export interface GraphQLError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly requiredScopes?: readonly (readonly string[])[] };
}

/** An answer: data (possibly partial), errors, and the HTTP status. */
export interface GraphQLAnswer<T> {
  readonly status: number;
  readonly data: T | null;
  readonly errors: readonly GraphQLError[];
}

/** The `Authorization` header for a token, or none. */
export function bearer(token: string): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Posts one operation to this origin's `/graphql` (the server proxies it to the subgraph). */
export async function graphql<T>(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLAnswer<T>> {
  const response = await fetch('graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...bearer(token) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: T | null; errors?: GraphQLError[] };
  return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
}

/** The first error whose path starts with `prefix`. */
export function errorAt(
  errors: readonly GraphQLError[],
  prefix: readonly (string | number)[],
): GraphQLError | undefined {
  return errors.find((error) => prefix.every((part, index) => error.path?.[index] === part));
}

/** An error as one line for the page: the message and, for a refusal, the scopes it needs. */
export function describeError(error: GraphQLError): string {
  if (error.extensions?.code === 'FORBIDDEN') {
    const needed = (error.extensions.requiredScopes ?? []).map((all) => all.join(' + ')).join(' or ');
    return `Not allowed${needed ? ` (needs ${needed})` : ''}: ${error.message}`;
  }
  return `${error.message}${error.extensions?.code ? ` (${error.extensions.code})` : ''}`;
}
