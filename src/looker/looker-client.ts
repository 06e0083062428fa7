import type {
  IDashboard,
  IDashboardElement,
  IEmbedSsoParams,
  IFolder,
  ILook,
  ILookmlModel,
  ILookmlModelExplore,
  IQuery,
  IWriteQuery,
} from '@looker/sdk';
import { ResultFormat } from '@looker/sdk';
import { DelimArray } from '@looker/sdk-rtl';
import type { Context as TraceContext } from '@opentelemetry/api';
import type { CallerAdmission } from '../limits/looker-admission';
import type { ReleaseTaskSlot } from '../limits/subject-task-slots';
import { laneOf } from '../limits/looker-lanes';
import { withBodyLimit, type BodyLimit } from './body-limit';
import { LookerError, notRunnableAsForbidden } from './errors';
import type { CallAttempt } from './call-scope';
import { callLooker, type Invoke } from './looker-call';
import type { LookerSession } from './looker-session';
import { parseJsonDetail, queryErrorIn, queryFailed, type QueryResultData } from './query-result';
import { parseTaskState, type QueryTaskState } from './query-task-state';
import type { RetryPolicy } from './retry-policy';

/** Criteria of a content search; ids are sent comma-separated in one call. */
export interface ContentSearch {
  readonly ids?: readonly string[];
  /** Substring of the title, matched case-insensitively. */
  readonly title?: string;
  readonly folderId?: string;
  /** Folders only: the parent folder. */
  readonly parentId?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** One page of a content search and, when Looker counted them (`X-Total-Count`), how many items match in all. */
export interface SearchAnswer<T> {
  readonly items: T[];
  /** The whole list's size; absent when Looker sent no count. */
  readonly totalCount?: number;
}

/** Options of a request's Looker client. */
export interface LookerClientOptions {
  readonly timeoutMs: number;
  /**
   * Deadline of metadata calls (searches, models, explores, dashboards), which Looker answers in
   * milliseconds: a hung one must not hold a metadata slot for a query's whole timeout.
   */
  readonly metadataTimeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** The caller's share of Looker's capacity (concurrency, rate, circuit breaker), shared across requests. */
  readonly gate?: CallerAdmission;
  /** What one request may spend: Looker calls started and result rows read. */
  readonly budget?: RequestBudget;
  /** The request's trace context: its Looker calls' spans are children of it. */
  readonly trace?: TraceContext;
  /**
   * Aborts when the request's client went away before its answer was sent: no further call
   * starts, calls in flight are aborted, and the query tasks its results run are killed.
   */
  readonly signal?: AbortSignal;
  /**
   * Takes one of the caller's query task slots (`LOOKER_SUBJECT_MAX_TASKS`, shared with
   * `startQuery`) for a result run as a task: its release, or undefined when all are held.
   * Without it, results' tasks are not bounded per caller.
   */
  readonly taskSlot?: () => Promise<ReleaseTaskSlot | undefined>;
}

/**
 * How a query runs. Every run asks for `server_table_calcs`: Looker computes a query's table
 * calculations on the server only when asked (the spec: "Perform table calculations on query
 * results"), and a tile's table calculations are part of what it shows. Every json_detail run asks
 * for no drill links (`generate_drill_links: false`): Looker adds them by default, as `links` on
 * cells and totals and as drill-menu HTML in pivot labels, and the subgraph serves none of them.
 */
export interface RunOptions {
  /** Bypass Looker's own result cache (`cache: false`). */
  readonly refresh?: boolean;
}

/** The most one request may cost Looker; beyond it, further calls fail with LOOKER_BUDGET_EXCEEDED. */
export interface RequestBudget {
  readonly maxCalls: number;
  readonly maxRows: number;
}

/**
 * What the subgraph reads of each kind of content. Asking Looker for these only (its `fields`
 * parameter, with nested selections) shrinks answers tenfold or more: folders, for example, embed
 * all their looks and dashboards unless told otherwise.
 */
const lookFields =
  'id,title,description,folder_id,folder(id,name,parent_id),model(id,label),query_id,created_at,updated_at';
const folderFields = 'id,name,parent_id';
const modelFields = 'name,label,explores(name,label,description,hidden)';
const exploreFieldFields = 'name,label,label_short,type,description,view,hidden,drill_fields,links(label,url,icon_url)';
/** Parameters add their allowed values (`enumerations`) and default (`default_filter_value`). */
const parameterFields = `${exploreFieldFields},has_allowed_values,enumerations(label,value),default_filter_value`;
const exploreFields = `name,label,description,model_name,fields(dimensions(${exploreFieldFields}),measures(${exploreFieldFields}),filters(${exploreFieldFields}),parameters(${parameterFields}))`;

/**
 * The result format of every run and query task: json_detail (values with Looker's rendered
 * strings, field metadata with value formats, totals and pivots in one answer). Result cache keys
 * name it, so answers cached in another format are never read as this one.
 */
export const resultFormat = 'json_detail';

/** One SDK call, given the SDK of the request's session and the transport settings of the call. */
export type SdkInvoke<T> = (sdk: LookerSession['sdk'], settings: Parameters<Invoke<T>>[0]) => ReturnType<Invoke<T>>;

/** How one call departs from the client's defaults. */
interface CallTerms {
  /** A deadline other than the client's (a synchronous run that gives way to a query task). */
  readonly timeoutMs?: number;
  /** False for calls that create something in Looker: a retry could create it twice. */
  readonly idempotent?: boolean;
  /** Aborts the call (besides the request's end): a synchronous run that gives way to a query task. */
  readonly signal?: AbortSignal;
  /**
   * What the request's end does to the call: `abort` (the default) refuses or aborts it;
   * `finish` lets it complete once sent (a task it creates must be known, to be killed); `send`
   * sends it all the same, outside the request's budget (a kill is what stops Looker's work).
   */
  readonly onRequestEnd?: 'abort' | 'finish' | 'send';
  /** Receives the answered attempt (see `CallOptions.onAnswered`). */
  readonly onAnswered?: (attempt: CallAttempt) => void;
}

/** Operations that read result rows, which the row budget bounds. */
function isResultOperation(operation: string): boolean {
  return operation === 'run_query' || operation === 'run_inline_query';
}

/**
 * Looker's search parameters for a content search: ids comma-separated in one request, the title
 * as a substring match (Looker's own `%` and `_` wildcards stay usable inside it), stable order.
 */
function searchParameters(search: ContentSearch) {
  return {
    id: search.ids?.join(','),
    title: search.title === undefined ? undefined : `%${search.title}%`,
    folder_id: search.folderId,
    limit: search.limit,
    offset: search.offset,
    sorts: 'title,id',
  };
}

/**
 * One request's access to Looker: typed calls made as the request's Looker session, each with a
 * deadline, retries and error mapping, counting HTTP calls and recording the resources touched
 * (`look:12`, `explore:ecommerce/order_items`) for the audit trail.
 */
export class LookerClient {
  /** HTTP requests sent to Looker on behalf of this request. */
  calls = 0;
  /** Looker resources this request read. */
  readonly touched = new Set<string>();
  /** Titles (names, for folders) of the content this request read, by resource (`look:12`), for access reviews. */
  readonly titles = new Map<string, string>();

  constructor(
    private readonly session: LookerSession,
    private readonly options: LookerClientOptions,
  ) {}

  /** Aborted once the request's client went away (see `LookerClientOptions.signal`). */
  get requestEnd(): AbortSignal | undefined {
    return this.options.signal;
  }

  /**
   * One of the caller's query task slots for a task this request runs, shared with its
   * `startQuery` tasks: its release, or undefined when they are all held. Unbounded (a release
   * that does nothing) for a client built without slots.
   */
  takeTaskSlot(): Promise<ReleaseTaskSlot | undefined> {
    return this.options.taskSlot ? this.options.taskSlot() : Promise.resolve(() => undefined);
  }

  /** The Looker user the calls act as (per-user mode), for the audit trail. */
  get lookerUserId(): string | undefined {
    return this.session.lookerUserId;
  }

  #identity: Promise<string> | undefined;

  /** Who Looker answers this request as (`service` or `user:<id>`), for cache keys; found once per request. */
  identity(): Promise<string> {
    this.#identity ??= this.session.identity((n) => {
      this.calls += n;
    });
    return this.#identity;
  }

  /** Records resources an answer served from the cache read, so the audit trail lists them as if fetched. */
  recordResources(resources: Iterable<string>): void {
    for (const resource of resources) this.touched.add(resource);
  }

  /** Looker calls this request started (retries and logins are counted in `calls`). */
  private started = 0;
  /** Result rows this request read. */
  rows = 0;

  private call<T>(operation: string, invoke: Invoke<T>, how: CallTerms = {}): Promise<T> {
    const onEnd = how.onRequestEnd ?? 'abort';
    const budget = onEnd === 'send' ? undefined : this.options.budget;
    const requestEnd = onEnd === 'abort' ? this.options.signal : undefined;
    if (onEnd === 'finish' && this.options.signal?.aborted) {
      return Promise.reject(
        new LookerError('LOOKER_UNAVAILABLE', `The request ended before ${operation} was sent`, operation),
      );
    }
    if (budget && (this.started >= budget.maxCalls || this.calls >= budget.maxCalls)) {
      return Promise.reject(
        new LookerError(
          'LOOKER_BUDGET_EXCEEDED',
          `This request reached its budget of ${budget.maxCalls} Looker calls; ask for less in one operation`,
          operation,
        ),
      );
    }
    if (budget && isResultOperation(operation) && this.rows >= budget.maxRows) {
      return Promise.reject(
        new LookerError(
          'LOOKER_BUDGET_EXCEEDED',
          `This request reached its budget of ${budget.maxRows} result rows; ask for fewer rows in one operation`,
          operation,
        ),
      );
    }
    this.started += 1;
    return callLooker(invoke, {
      operation,
      timeoutMs:
        how.timeoutMs ??
        (laneOf(operation) === 'metadata' && this.options.metadataTimeoutMs !== undefined
          ? Math.min(this.options.metadataTimeoutMs, this.options.timeoutMs)
          : this.options.timeoutMs),
      retry: this.options.retry,
      gate: this.options.gate,
      trace: this.options.trace,
      signal: how.signal && requestEnd ? AbortSignal.any([how.signal, requestEnd]) : (how.signal ?? requestEnd),
      // Every call below only reads (or, like a kill, may be repeated), so may be retried, unless it says otherwise.
      idempotent: how.idempotent ?? true,
      onAnswered: how.onAnswered,
      onUnauthorized: (attempt) => this.session.invalidate(attempt),
      onRequests: (n) => {
        this.calls += n;
      },
    });
  }

  /**
   * A call that changes Looker (see `looker-writes.ts`): never retried (a retry after a lost answer
   * could write twice), and finished once sent even if the client goes away, so what was written
   * is known to the audit trail and the cache eviction.
   */
  write<T>(operation: string, invoke: SdkInvoke<T>): Promise<T> {
    return this.call(operation, (settings) => invoke(this.session.sdk, settings), {
      idempotent: false,
      onRequestEnd: 'finish',
    });
  }

  /** A read a write's checks need that no loader makes (see `looker-writes.ts`); retried like every read. */
  read<T>(operation: string, invoke: SdkInvoke<T>): Promise<T> {
    return this.call(operation, (settings) => invoke(this.session.sdk, settings));
  }

  /** Counts a result's rows against the budget; the result that crosses it is not served. */
  private countRows(operation: string, data: QueryResultData): QueryResultData {
    this.rows += data.rows.length;
    const max = this.options.budget?.maxRows;
    if (max !== undefined && this.rows > max) {
      throw new LookerError(
        'LOOKER_BUDGET_EXCEEDED',
        `This request reached its budget of ${max} result rows; ask for fewer rows in one operation`,
        operation,
      );
    }
    return data;
  }

  private record(kind: string, ids: Iterable<string | null | undefined>): void {
    for (const id of ids) if (id) this.touched.add(`${kind}:${id}`);
  }

  /** Records the titles of content read (Looker's or the cache's answer), by resource. */
  recordTitles(entries: Iterable<readonly [string, string | null | undefined]>): void {
    for (const [resource, title] of entries) if (title) this.titles.set(resource, title);
  }

  /**
   * A content search and the count Looker sends with it (`X-Total-Count`), read from the same answer:
   * counting costs no further call.
   */
  private async counted<T>(operation: string, invoke: Invoke<T[]>): Promise<SearchAnswer<T>> {
    let totalCount: number | undefined;
    const items = await this.call(operation, invoke, {
      onAnswered: (attempt) => {
        totalCount = attempt.totalCount;
      },
    });
    return totalCount === undefined ? { items } : { items, totalCount };
  }

  /** `search_looks`, ids comma-separated in one request. */
  async searchLooks(search: ContentSearch): Promise<ILook[]> {
    return (await this.searchLooksPage(search)).items;
  }

  /** `search_looks` with Looker's count of every match. */
  async searchLooksPage(search: ContentSearch): Promise<SearchAnswer<ILook>> {
    const answer = await this.counted('search_looks', (settings) =>
      this.session.sdk.search_looks({ ...searchParameters(search), fields: lookFields }, settings),
    );
    const looks = answer.items;
    this.record(
      'look',
      looks.map((l) => l.id),
    );
    this.record(
      'folder',
      looks.map((l) => l.folder?.id),
    );
    this.record(
      'model',
      looks.map((l) => l.model?.id),
    );
    this.recordTitles(looks.map((l) => [`look:${l.id}`, l.title]));
    return answer;
  }

  /** `search_dashboards`, ids comma-separated in one request. */
  async searchDashboards(search: ContentSearch): Promise<IDashboard[]> {
    return (await this.searchDashboardsPage(search)).items;
  }

  /** `search_dashboards` with Looker's count of every match. */
  async searchDashboardsPage(search: ContentSearch): Promise<SearchAnswer<IDashboard>> {
    const answer = await this.counted('search_dashboards', (settings) =>
      this.session.sdk.search_dashboards(searchParameters(search), settings),
    );
    this.record(
      'dashboard',
      answer.items.map((d) => d.id),
    );
    this.recordTitles(answer.items.map((d) => [`dashboard:${d.id}`, d.title]));
    return answer;
  }

  /** One dashboard with its tiles and filters. */
  async dashboard(id: string): Promise<IDashboard> {
    const dashboard = await this.call('dashboard', (settings) => this.session.sdk.dashboard(id, undefined, settings));
    this.record('dashboard', [id]);
    this.recordTitles([[`dashboard:${id}`, dashboard.title]]);
    return dashboard;
  }

  /** The tiles of one dashboard, with their queries and looks. */
  async dashboardElements(dashboardId: string): Promise<IDashboardElement[]> {
    const elements = await this.call('dashboard_dashboard_elements', (settings) =>
      this.session.sdk.dashboard_dashboard_elements(dashboardId, undefined, settings),
    );
    this.record('dashboard', [dashboardId]);
    return elements;
  }

  /**
   * The LookML dashboards (`model::name` ids) the Looker user may see. `search_dashboards` "does
   * not return LookML dashboard objects" (the spec); `all_dashboards` lists them, with every
   * user-defined dashboard, so it is asked for a few small fields only.
   */
  async lookmlDashboards(): Promise<IDashboard[]> {
    const all = await this.call('all_dashboards', (settings) =>
      this.session.sdk.all_dashboards(
        'id,title,description,hidden,folder(id,name,parent_id),model(id,label)',
        settings,
      ),
    );
    const lookml = all.filter((d) => d.id?.includes('::'));
    this.record(
      'dashboard',
      lookml.map((d) => d.id),
    );
    // A dashboard's base answers its folder embedded, not its `folder_id`.
    return lookml.map((d) => ({ ...d, folder_id: d.folder?.id }) as IDashboard);
  }

  /**
   * `search_folders`: by ids (comma-separated in one request), or a page of folders matching a
   * name and parent. Never `all_folders`: on a real instance it lists every personal folder.
   */
  async searchFolders(search: ContentSearch): Promise<IFolder[]> {
    return (await this.searchFoldersPage(search)).items;
  }

  /** `search_folders` with Looker's count of every match. */
  async searchFoldersPage(search: ContentSearch): Promise<SearchAnswer<IFolder>> {
    const { title, folder_id: _folderId, ...common } = searchParameters(search);
    const answer = await this.counted('search_folders', (settings) =>
      this.session.sdk.search_folders(
        { ...common, name: title, parent_id: search.parentId, sorts: 'name,id', fields: folderFields },
        settings,
      ),
    );
    this.record(
      'folder',
      answer.items.map((f) => f.id),
    );
    return answer;
  }

  /** Every LookML model the Looker user may see. */
  async lookmlModels(): Promise<ILookmlModel[]> {
    const models = await this.call('all_lookml_models', (settings) =>
      this.session.sdk.all_lookml_models({ fields: modelFields }, settings),
    );
    this.record(
      'model',
      models.map((m) => m.name),
    );
    return models;
  }

  /** One LookML model. */
  async lookmlModel(name: string): Promise<ILookmlModel> {
    const model = await this.call('lookml_model', (settings) =>
      this.session.sdk.lookml_model(name, modelFields, settings),
    );
    this.record('model', [model.name]);
    return model;
  }

  /** One explore with its fields. */
  async explore(model: string, name: string): Promise<ILookmlModelExplore> {
    const explore = await this.call('lookml_model_explore', (settings) =>
      this.session.sdk.lookml_model_explore(
        { lookml_model_name: model, explore_name: name, fields: exploreFields },
        settings,
      ),
    );
    this.record('explore', [`${model}/${name}`]);
    return explore;
  }

  /** A query definition by id. */
  async query(id: string): Promise<IQuery> {
    const query = await this.call('query', (settings) => this.session.sdk.query(id, undefined, settings));
    this.record('query', [id]);
    return query;
  }

  /** A run with Looker's cache off costs Looker a real run: it is charged to the caller's refresh rate too. */
  private async chargeRefresh(operation: string, options: RunOptions): Promise<void> {
    if (options.refresh) await this.options.gate?.chargeRefresh(operation);
  }

  /**
   * Runs a saved query in json_detail, the one format that answers values, Looker's rendered
   * strings, field metadata (labels, value formats), totals and pivots together (json_bi has no
   * rendered values, value formats nor totals). The id comes from content the user can see, so
   * Looker's 404 means the user may not run it (its model is outside their set).
   */
  async runQuery(queryId: string, limit: number | undefined, options: RunOptions = {}): Promise<QueryResultData> {
    await this.chargeRefresh('run_query', options);
    const body = await this.call('run_query', (settings) =>
      this.session.sdk.run_query(
        {
          query_id: queryId,
          result_format: resultFormat,
          limit,
          cache: options.refresh ? false : undefined,
          server_table_calcs: true,
          generate_drill_links: false,
        },
        settings,
      ),
    ).catch(notRunnableAsForbidden('run_query'));
    this.record('query', [queryId]);
    return this.countRows('run_query', parseJsonDetail(body));
  }

  /** Runs an ad-hoc query (json_detail) without saving it first: one call instead of two. */
  async runInlineQuery(query: IWriteQuery, options: RunOptions = {}): Promise<QueryResultData> {
    await this.chargeRefresh('run_inline_query', options);
    const body = await this.call('run_inline_query', (settings) =>
      this.session.sdk.run_inline_query(
        {
          result_format: resultFormat,
          body: query,
          cache: options.refresh ? false : undefined,
          server_table_calcs: true,
          generate_drill_links: false,
        },
        settings,
      ),
    );
    this.record('explore', [`${query.model}/${query.view}`]);
    return this.countRows('run_inline_query', parseJsonDetail(body, 'run_inline_query'));
  }

  /**
   * Runs a saved query as `runQuery` does, but waits at most `waitMs` for Looker's answer (past it
   * the HTTP call is aborted and the call fails with LOOKER_UNAVAILABLE, "did not answer in
   * time"), and no longer once `signal` aborts: so the caller may run the query as a task instead.
   */
  async runQueryWithin(
    queryId: string,
    limit: number | undefined,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<QueryResultData> {
    const body = await this.call(
      'run_query',
      (settings) =>
        this.session.sdk.run_query(
          {
            query_id: queryId,
            result_format: resultFormat,
            limit,
            server_table_calcs: true,
            generate_drill_links: false,
          },
          settings,
        ),
      {
        timeoutMs: Math.min(waitMs, this.options.timeoutMs),
        signal,
      },
    ).catch(notRunnableAsForbidden('run_query'));
    this.record('query', [queryId]);
    return this.countRows('run_query', parseJsonDetail(body));
  }

  /**
   * The SQL Looker generates for an ad-hoc query: `run_inline_query` with result format `sql`
   * compiles the query and runs nothing, so no row is read.
   */
  async inlineQuerySql(query: IWriteQuery): Promise<string> {
    const body: unknown = await this.call('run_inline_query', (settings) =>
      this.session.sdk.run_inline_query({ result_format: 'sql', body: query }, settings),
    );
    this.record('explore', [`${query.model}/${query.view}`]);
    if (typeof body !== 'string')
      throw new LookerError('INTERNAL_SERVER_ERROR', 'Looker answered no SQL text', 'run_inline_query');
    return body;
  }

  /**
   * Saves an ad-hoc query (`create_query`) and returns its id, slug and `share_url`: the link that
   * opens the query in Looker's explore. Looker gives an identical query the same id and slug.
   */
  async createQueryLink(query: IWriteQuery): Promise<{ id: string; slug: string | null; shareUrl: string | null }> {
    const saved = await this.call('create_query', (settings) =>
      this.session.sdk.create_query(query, 'id,slug,share_url', settings),
    );
    this.record('explore', [`${query.model}/${query.view}`]);
    if (!saved.id)
      throw new LookerError('INTERNAL_SERVER_ERROR', 'Looker saved the query without an id', 'create_query');
    this.record('query', [saved.id]);
    return { id: saved.id, slug: saved.slug ?? null, shareUrl: saved.share_url ?? null };
  }

  /** Saves an ad-hoc query (`create_query`) and returns its id; Looker gives an identical query the same id. */
  async createQuery(query: IWriteQuery): Promise<string> {
    const saved = await this.call('create_query', (settings) => this.session.sdk.create_query(query, 'id', settings));
    this.record('explore', [`${query.model}/${query.view}`]);
    if (!saved.id)
      throw new LookerError('INTERNAL_SERVER_ERROR', 'Looker saved the query without an id', 'create_query');
    this.record('query', [saved.id]);
    return saved.id;
  }

  /**
   * Starts a query task for a saved query (`create_query_task`, json_detail) and returns Looker's task
   * id. Never retried: a retry after a lost answer could start the query twice. As for
   * `runQuery`, Looker's 404 for a query the user can reach means they may not run it.
   */
  async createQueryTask(queryId: string, limit: number | undefined): Promise<string> {
    const task = await this.call(
      'create_query_task',
      (settings) =>
        this.session.sdk.create_query_task(
          {
            body: { query_id: queryId, result_format: ResultFormat.json_detail },
            limit,
            server_table_calcs: true,
            generate_drill_links: false,
            fields: 'id',
          },
          settings,
        ),
      { idempotent: false, onRequestEnd: 'finish' },
    ).catch(notRunnableAsForbidden('create_query_task'));
    this.record('query', [queryId]);
    if (!task.id)
      throw new LookerError('INTERNAL_SERVER_ERROR', 'Looker started a query task without an id', 'create_query_task');
    this.record('query_task', [task.id]);
    return task.id;
  }

  /**
   * Where query tasks stand, by Looker task id, in one `query_task_multi_results` call. The rows of
   * completed tasks count against the request's row budget.
   */
  async queryTaskResults(taskIds: readonly string[]): Promise<Map<string, QueryTaskState>> {
    const answer = await this.call('query_task_multi_results', (settings) =>
      this.session.sdk.query_task_multi_results(new DelimArray<string>([...taskIds]), settings),
    );
    this.record('query_task', taskIds);
    const states = new Map<string, QueryTaskState>();
    for (const id of taskIds) {
      const state = parseTaskState((answer as Record<string, unknown>)[id]);
      if (state.status === 'complete') this.countRows('query_task_multi_results', state.result);
      states.set(id, state);
    }
    return states;
  }

  /**
   * A client on this request's Looker session for work that outlives the request: watching and
   * killing the query tasks it started. Same identity, deadline and retries; none of the request's
   * budget, caller gate, trace, end or task slots, which end with it (a kill must not be refused by them).
   */
  detached(): LookerClient {
    return new LookerClient(this.session, {
      timeoutMs: this.options.timeoutMs,
      metadataTimeoutMs: this.options.metadataTimeoutMs,
      retry: this.options.retry,
    });
  }

  /** Kills a query task (`kill_query`). False when Looker no longer runs it: finished, or unknown to this user. */
  async killQueryTask(taskId: string): Promise<boolean> {
    this.record('query_task', [taskId]);
    try {
      await this.call('kill_query', (settings) => this.session.sdk.kill_query(taskId, settings), {
        onRequestEnd: 'send',
      });
      return true;
    } catch (error) {
      if (error instanceof LookerError && error.code === 'NOT_FOUND') return false;
      throw error;
    }
  }

  /** The Looker instance's URL as the SDK reaches it (its `base_url`), the default host of embed target URLs. */
  lookerUrl(): string {
    return this.session.sdk.authSession.settings.base_url;
  }

  /**
   * A signed SSO embed URL (`create_sso_embed_url`) for `params.target_url`, recorded as the
   * `kind:id` resource it opens and as `embed:kind:id` (an embed session, for access reviews). Looker signs it with its embed secret; the API credentials never
   * appear in it. A retry after a lost answer only signs another one-time URL, so it may be retried.
   */
  async createSsoEmbedUrl(params: IEmbedSsoParams, resource: { kind: string; id: string }): Promise<string> {
    const answer = await this.call('create_sso_embed_url', (settings) =>
      this.session.sdk.create_sso_embed_url(params, settings),
    );
    this.record(resource.kind, [resource.id]);
    this.record('embed', [`${resource.kind}:${resource.id}`]);
    if (!answer.url)
      throw new LookerError('INTERNAL_SERVER_ERROR', 'Looker signed no embed URL', 'create_sso_embed_url');
    return answer.url;
  }

  /**
   * Values of one explore field that Looker suggests for filters (`model_fieldname_suggestions`):
   * distinct values whose start or a word's start is `term` (Looker's suggestion query,
   * `LIKE 'term%' OR LIKE '% term%'`; the spec says `%term%`), narrowed by `filters`
   * (field → filter expression). Looker reports a database failure in the answer's `error`.
   */
  async fieldSuggestions(
    model: string,
    explore: string,
    field: string,
    term: string | undefined,
    filters: Readonly<Record<string, string>> | undefined,
  ): Promise<string[]> {
    const answer = await this.call('model_fieldname_suggestions', (settings) =>
      this.session.sdk.model_fieldname_suggestions(
        { model_name: model, view_name: explore, field_name: field, term, filters },
        settings,
      ),
    );
    this.record('explore', [`${model}/${explore}`]);
    if (answer.error)
      throw new LookerError(
        'LOOKER_QUERY_FAILED',
        `Looker could not suggest values for ${field}: ${answer.error.split('\n')[0]?.slice(0, 500)}`,
        'model_fieldname_suggestions',
      );
    return answer.suggestions ?? [];
  }

  /**
   * Runs a saved query (`run_query`) or an ad-hoc one (`run_inline_query`) in one of Looker's
   * download formats and answers Looker's own body as bytes, for exports. The SDK hands back `csv`
   * as text, `xlsx` (a binary content type) as a latin1 string of its bytes, and `json` parsed; each
   * is turned back into the bytes Looker sent (json re-serialized). `limit` bounds the rows Looker
   * reads (it counts against the row budget), `maxBytes` what the subgraph reads of Looker's body:
   * the transport stops reading there and drops the answer, which is LOOKER_BUDGET_EXCEEDED (not
   * retried: the same run would answer as much again). Error rows in json are LOOKER_QUERY_FAILED,
   * never a file.
   */
  async runForExport(
    run: { readonly queryId: string } | { readonly query: IWriteQuery },
    format: 'csv' | 'xlsx' | 'json',
    limit: number,
    maxBytes: number,
  ): Promise<Buffer> {
    const operation = 'queryId' in run ? 'run_query' : 'run_inline_query';
    const bodyLimit: BodyLimit = { maxBytes, exceeded: false };
    // Thrown from inside the call, our own error ends it at once: no retry, no outage counted.
    const within = <T>(answer: Promise<T>): Promise<T> =>
      answer.then((value) => {
        if (bodyLimit.exceeded)
          throw new LookerError(
            'LOOKER_BUDGET_EXCEEDED',
            `The export is larger than ${maxBytes} bytes; filter it or export fewer rows`,
            operation,
          );
        return value;
      });
    const body: unknown =
      'queryId' in run
        ? await this.call('run_query', (settings) =>
            within(
              this.session.sdk.run_query(
                { query_id: run.queryId, result_format: format, limit, server_table_calcs: true },
                withBodyLimit(settings, bodyLimit),
              ),
            ),
          ).catch(notRunnableAsForbidden('run_query'))
        : await this.call('run_inline_query', (settings) =>
            within(
              this.session.sdk.run_inline_query(
                { result_format: format, body: run.query, limit, server_table_calcs: true },
                withBodyLimit(settings, bodyLimit),
              ),
            ),
          );
    if ('queryId' in run) this.record('query', [run.queryId]);
    else this.record('explore', [`${run.query.model}/${run.query.view}`]);
    const failure = format === 'json' ? queryErrorIn(body) : undefined;
    if (failure !== undefined) throw queryFailed(failure, operation);
    const bytes =
      typeof body === 'string'
        ? Buffer.from(body, format === 'xlsx' ? 'latin1' : 'utf8')
        : Buffer.isBuffer(body)
          ? body
          : Buffer.from(JSON.stringify(body ?? null), 'utf8');
    // Rows are known for json only; the other formats count as the limit they were read with.
    this.rows += format === 'json' && Array.isArray(body) ? body.length : limit;
    return bytes;
  }
}
