/**
 * Maps concrete request paths (as recorded from traffic) to the spec's path templates, e.g.
 * `/api/4.0/looks/12/run/json` → `/looks/{look_id}/run/{result_format}`.
 */

/** The parts of an OpenAPI document the matcher reads. */
export interface PathsSource {
  readonly servers?: readonly { readonly url: string }[];
  readonly paths: Readonly<Record<string, unknown>>;
}

/** Finds the template for a concrete path (and, optionally, a method); undefined when none fits. */
export type PathTemplateMatcher = (concretePath: string, method?: string) => string | undefined;

interface CompiledTemplate {
  readonly template: string;
  readonly segments: readonly string[];
  readonly isParam: readonly boolean[];
  readonly methods: ReadonlySet<string>;
}

/** The path part of the first server URL (`/api/4.0` for Looker), without a trailing slash. */
export function basePathOf(source: PathsSource): string {
  const url = source.servers?.[0]?.url;
  if (!url) return '';
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? new URL(url).pathname : url;
  return path.replace(/\/+$/, '');
}

/**
 * Literal segments outrank parameters, position by position from the left, so `/looks/search`
 * wins over `/looks/{look_id}` and `/query_tasks/multi_results` over `/query_tasks/{query_task_id}`.
 */
function moreSpecificFirst(a: CompiledTemplate, b: CompiledTemplate): number {
  for (let i = 0; i < Math.min(a.isParam.length, b.isParam.length); i += 1) {
    if (a.isParam[i] !== b.isParam[i]) return a.isParam[i] ? 1 : -1;
  }
  return a.template.localeCompare(b.template);
}

/** Builds a matcher over the spec's paths; accepts full URLs, query strings and the server's base path. */
export function createPathTemplateMatcher(source: PathsSource): PathTemplateMatcher {
  const basePath = basePathOf(source);
  const templates: CompiledTemplate[] = Object.entries(source.paths)
    .map(([template, item]) => {
      const segments = template.split('/').filter((s) => s !== '');
      return {
        template,
        segments,
        isParam: segments.map((s) => /^\{[^}]+\}$/.test(s)),
        methods: new Set(typeof item === 'object' && item !== null ? Object.keys(item) : []),
      };
    })
    .sort(moreSpecificFirst);

  return (concretePath, method) => {
    let path = /^[a-z][a-z0-9+.-]*:\/\//i.test(concretePath) ? new URL(concretePath).pathname : concretePath;
    path = path.replace(/[?#].*$/, '');
    if (basePath && (path === basePath || path.startsWith(`${basePath}/`))) path = path.slice(basePath.length);
    const segments = path.split('/').filter((s) => s !== '');
    const wantedMethod = method?.toLowerCase();
    const found = templates.find(
      (t) =>
        t.segments.length === segments.length &&
        (wantedMethod === undefined || t.methods.has(wantedMethod)) &&
        t.segments.every((s, i) => t.isParam[i] || s === segments[i]),
    );
    return found?.template;
  };
}

/** One-off form of {@link createPathTemplateMatcher}: the template for a concrete path, or undefined. */
export function pathTemplateFor(source: PathsSource, concretePath: string, method?: string): string | undefined {
  return createPathTemplateMatcher(source)(concretePath, method);
}
