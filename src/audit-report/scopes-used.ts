import { numberField, objectField, stringField, stringsField } from './event-fields';

/** The kinds of Looker resource that are content (metadata the caller read or wrote), not data. */
export const contentKinds: ReadonlySet<string> = new Set([
  'look',
  'dashboard',
  'folder',
  'model',
  'explore',
  'dashboard_element',
  'scheduled_plan',
]);

/** The kind of a resource: `look` of `look:12`, `dashboard` of `dashboard:3/tile:7`. */
export function kindOf(resource: string): string {
  const colon = resource.indexOf(':');
  return colon < 0 ? resource : resource.slice(0, colon);
}

/** Whether a resource is a query run (data read): `query:…`, `query_task:…`. */
export function isQueryResource(resource: string): boolean {
  return resource.startsWith('query:') || resource.startsWith('query_task:');
}

/** Embed URLs are minted by operations and tools that name them (`embedUrl`, `create_embed_url`). */
export function isEmbedEvent(event: Record<string, unknown>): boolean {
  return /embed/i.test(stringField(event, 'operationName') ?? '') || /embed/i.test(stringField(event, 'tool') ?? '');
}

/** Whether an event ended with (some of) its answer served: the scopes it needed were used. */
function served(event: Record<string, unknown>): boolean {
  const outcome = stringField(event, 'outcome');
  return outcome === 'ok' || outcome === 'partial';
}

/**
 * The scopes an event shows were used: those its `@auth` checks relied on (`scopesUsed`), where the
 * event records them; else, for older events, read from what it touched: content metadata needs `looker:content:read`, models and explores
 * `looker:models:read` (only in operations that read nothing else: a look or a query run records its model and
 * explore too), a query run `looker:data:read`, an embed URL `looker:embed`, a download
 * both content and data, a write (dry runs included: they pass the same check) the write scope of
 * what it changes.
 */
export function scopesUsedBy(event: Record<string, unknown>): string[] {
  // Recorded by the operation's own `@auth` checks (events written since they record it): exact.
  if (Array.isArray(event.scopesUsed)) return served(event) ? stringsField(event, 'scopesUsed') : [];
  const type = stringField(event, 'type');
  if (type === 'export') return served(event) ? ['looker:content:read', 'looker:data:read'] : [];
  if (type === 'write') {
    if (stringField(event, 'outcome') !== 'ok') return [];
    return [/schedule/i.test(stringField(event, 'mutation') ?? '') ? 'looker:schedules:write' : 'looker:content:write'];
  }
  if (type !== 'graphql.operation' || !served(event)) return [];
  const used = new Set<string>();
  const resources = stringsField(event, 'resources');
  // A look, tile or query run records its model and explore too: models and explores were read
  // for themselves only in an operation that touched nothing else.
  const metadataOnly = resources.every((r) => ['model', 'explore'].includes(kindOf(r)));
  for (const resource of resources) {
    const kind = kindOf(resource);
    if (kind === 'model' || kind === 'explore') {
      if (metadataOnly) used.add('looker:models:read');
    } else if (isQueryResource(resource)) used.add('looker:data:read');
    else if (contentKinds.has(kind)) used.add('looker:content:read');
  }
  if (isEmbedEvent(event)) used.add('looker:embed');
  return [...used];
}

/** The title a write gave its content (`change.title.new`), with the content it names. */
export function titleOfWrite(event: Record<string, unknown>): { resource: string; title: string } | undefined {
  const title = objectField(objectField(event, 'change') ?? {}, 'title');
  const value = title?.new;
  const resource = stringsField(event, 'resources').find((r) =>
    ['look', 'dashboard', 'dashboard_element'].includes(kindOf(r)),
  );
  return typeof value === 'string' && resource !== undefined ? { resource, title: value } : undefined;
}

/** Rows an event says it read (an export's `rows`), else 0. */
export function rowsOf(event: Record<string, unknown>): number {
  return numberField(event, 'rows');
}
