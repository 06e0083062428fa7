import type { Policy } from '../policy';
import { numberField, objectField, stringField, stringsField } from './event-fields';
import type {
  AccessReviewReport,
  ActivityPoint,
  AnomalyRow,
  ContentRow,
  RefusalRow,
  RoleRow,
  SubjectRow,
} from './report-model';
import { contentKinds, isEmbedEvent, isQueryResource, kindOf, rowsOf, scopesUsedBy, titleOfWrite } from './scopes-used';

/** What counts as unusual; every bound can be set from the command line. */
export interface AnomalyBounds {
  /** A day is a spike when the subject's Looker calls exceed this many times its median active day… */
  readonly callsFactor: number;
  /** …and at least this many calls. */
  readonly callsMinimum: number;
  /** An export of at least this many rows. */
  readonly exportRows: number;
  /** At least this many refusals of one subject… */
  readonly burstRefusals: number;
  /** …within one window of this many minutes. */
  readonly burstMinutes: number;
}

/** The bounds used unless told otherwise. */
export const defaultAnomalyBounds: AnomalyBounds = {
  callsFactor: 10,
  callsMinimum: 200,
  exportRows: 10_000,
  burstRefusals: 20,
  burstMinutes: 10,
};

const dayMs = 86_400_000;

interface Span {
  first: number;
  last: number;
}

interface ContentUse extends Span {
  reads: number;
  exports: number;
  writes: number;
}

interface RefusalUse extends Span {
  count: number;
}

/** What is kept of one subject: sets and counters, bounded by the scopes, content and days it met. */
interface SubjectState extends Span {
  readonly clientIds: Set<string>;
  events: number;
  readonly held: Set<string>;
  readonly used: Set<string>;
  readonly rules: Set<string>;
  queries: number;
  rows: number;
  exports: number;
  embeds: number;
  mcpToolCalls: number;
  writes: number;
  lookerCalls: number;
  readonly refusals: Map<string, RefusalUse>;
  readonly content: Map<string, ContentUse>;
  /** Looker calls per day (days since the epoch). */
  readonly callsByDay: Map<number, number>;
  /** Refusals per burst window (windows since the epoch). */
  readonly refusalWindows: Map<number, number>;
  readonly largeExports: { at: number; rows: number; resource: string }[];
}

function widen(span: Span, at: number): void {
  if (at < span.first) span.first = at;
  if (at > span.last) span.last = at;
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Why an event was a refusal (refused, or without a valid token), else undefined. */
function refusalReason(event: Record<string, unknown>): string | undefined {
  const outcome = stringField(event, 'outcome');
  if (outcome === 'refused' || outcome === 'unauthenticated') return stringField(event, 'reason') ?? outcome;
  return undefined;
}

/**
 * An access review built from audit events, one at a time: {@link AccessReview.add} keeps per
 * subject only sets and counters (scopes, content, days, refusal windows), so a year of the trail
 * streams through in bounded memory; {@link AccessReview.report} makes the tables.
 */
export class AccessReview {
  private readonly subjects = new Map<string, SubjectState>();
  /** The latest title the trail shows for each piece of content, with when. */
  private readonly titles = new Map<string, { title: string; at: number }>();
  private readonly byType = new Map<string, number>();
  private readonly activity = new Map<number, { events: number; refusals: number; lookerCalls: number }>();
  private readonly span: Span = { first: Infinity, last: -Infinity };
  private events = 0;

  constructor(private readonly options: { readonly policy?: Policy; readonly bounds?: AnomalyBounds } = {}) {}

  private get bounds(): AnomalyBounds {
    return this.options.bounds ?? defaultAnomalyBounds;
  }

  /** The subject an event belongs to: its token's subject; operator routes and missing tokens apart. */
  private subjectOf(event: Record<string, unknown>): string {
    if (stringField(event, 'type') === 'operator') return '(operator)';
    return stringField(event, 'subject') ?? stringField(event, 'clientId') ?? '(no token)';
  }

  private stateOf(subject: string): SubjectState {
    let state = this.subjects.get(subject);
    if (!state) {
      state = {
        first: Infinity,
        last: -Infinity,
        clientIds: new Set(),
        events: 0,
        held: new Set(),
        used: new Set(),
        rules: new Set(),
        queries: 0,
        rows: 0,
        exports: 0,
        embeds: 0,
        mcpToolCalls: 0,
        writes: 0,
        lookerCalls: 0,
        refusals: new Map(),
        content: new Map(),
        callsByDay: new Map(),
        refusalWindows: new Map(),
        largeExports: [],
      };
      this.subjects.set(subject, state);
    }
    return state;
  }

  private touch(state: SubjectState, resource: string, at: number, what: 'reads' | 'exports' | 'writes'): void {
    let use = state.content.get(resource);
    if (!use) {
      use = { first: Infinity, last: -Infinity, reads: 0, exports: 0, writes: 0 };
      state.content.set(resource, use);
    }
    use[what]++;
    widen(use, at);
  }

  private refuse(state: SubjectState, reason: string, at: number): void {
    const use = state.refusals.get(reason) ?? { first: Infinity, last: -Infinity, count: 0 };
    use.count++;
    widen(use, at);
    state.refusals.set(reason, use);
    if (Number.isFinite(at)) {
      const window = Math.floor(at / (this.bounds.burstMinutes * 60_000));
      state.refusalWindows.set(window, (state.refusalWindows.get(window) ?? 0) + 1);
    }
  }

  // Rotated files may be read in any order: the latest title by time wins, not the last read.
  private retitle(resource: string, title: string, at: number): void {
    const known = this.titles.get(resource);
    if (!known || !(at < known.at)) this.titles.set(resource, { title, at });
  }

  /** Takes one audit line (any event type; unknown types are counted and otherwise left alone). */
  add(event: Record<string, unknown>): void {
    const type = stringField(event, 'type') ?? 'unknown';
    this.events++;
    this.byType.set(type, (this.byType.get(type) ?? 0) + 1);
    const at = Date.parse(stringField(event, 'time') ?? '');
    const state = this.stateOf(this.subjectOf(event));
    state.events++;
    widen(state, at);
    widen(this.span, at);
    const clientId = stringField(event, 'clientId');
    if (clientId !== undefined) state.clientIds.add(clientId);
    for (const scope of stringsField(event, 'scopes')) state.held.add(scope);
    for (const scope of scopesUsedBy(event)) state.used.add(scope);
    // The policy rules that matched the caller, where the event records them.
    for (const rule of stringsField(event, 'rules')) state.rules.add(rule);
    const calls = numberField(event, 'lookerCalls');
    const reason = refusalReason(event);
    if (reason !== undefined) this.refuse(state, reason, at);

    if (type === 'graphql.operation') {
      state.lookerCalls += calls;
      if (stringField(event, 'channel') === 'mcp' && stringField(event, 'tool') !== undefined) state.mcpToolCalls++;
      if (Array.isArray(event.denied) && event.denied.length > 0) this.refuse(state, 'forbidden_field', at);
      const outcome = stringField(event, 'outcome');
      // The titles of the looks and dashboards the operation read, where the event records them.
      const titles = objectField(event, 'titles');
      if (titles)
        for (const [resource, title] of Object.entries(titles))
          if (typeof title === 'string') this.retitle(resource, title, at);
      if (outcome === 'ok' || outcome === 'partial') {
        for (const resource of stringsField(event, 'resources')) {
          if (isQueryResource(resource)) state.queries++;
          else if (contentKinds.has(kindOf(resource))) this.touch(state, resource, at, 'reads');
        }
        // Embed URLs minted: the `embed:` resources (events since they record them), else by name.
        const embeds = stringsField(event, 'resources').filter((r) => r.startsWith('embed:')).length;
        state.embeds += embeds > 0 ? embeds : isEmbedEvent(event) ? 1 : 0;
        state.rows += rowsOf(event);
      }
    } else if (type === 'export') {
      state.lookerCalls += calls;
      const resource = stringField(event, 'resource');
      const title = stringField(event, 'title');
      if (resource !== undefined && title !== undefined) this.retitle(resource, title, at);
      if (stringField(event, 'outcome') === 'ok') {
        state.exports++;
        const rows = rowsOf(event);
        state.rows += rows;
        if (resource !== undefined) this.touch(state, resource, at, 'exports');
        if (rows >= this.bounds.exportRows) state.largeExports.push({ at, rows, resource: resource ?? '' });
      }
    } else if (type === 'write') {
      // The write's Looker calls are already counted in its operation's event.
      const titled = titleOfWrite(event);
      if (titled && event.dryRun !== true && stringField(event, 'outcome') === 'ok')
        this.retitle(titled.resource, titled.title, at);
      if (stringField(event, 'outcome') === 'ok') {
        state.writes++;
        for (const rule of stringsField(event, 'rules')) state.rules.add(rule);
        if (event.dryRun !== true)
          for (const resource of stringsField(event, 'resources')) this.touch(state, resource, at, 'writes');
      }
    }

    if (Number.isFinite(at)) {
      const day = Math.floor(at / dayMs);
      if (calls > 0 && type !== 'write') state.callsByDay.set(day, (state.callsByDay.get(day) ?? 0) + calls);
      const point = this.activity.get(day) ?? { events: 0, refusals: 0, lookerCalls: 0 };
      point.events++;
      if (reason !== undefined) point.refusals++;
      if (type !== 'write') point.lookerCalls += calls;
      this.activity.set(day, point);
    }
  }

  private anomaliesOf(subject: string, state: SubjectState): AnomalyRow[] {
    const bounds = this.bounds;
    const rows: AnomalyRow[] = [];
    const typical = median([...state.callsByDay.values()]);
    for (const [day, calls] of state.callsByDay)
      if (calls >= bounds.callsMinimum && calls > bounds.callsFactor * Math.max(typical, 1))
        rows.push({
          subject,
          kind: 'looker_calls_spike',
          at: iso(day * dayMs).slice(0, 10),
          value: calls,
          baseline: typical,
          detail: `${calls} Looker calls in a day; the subject's median active day is ${typical}`,
        });
    for (const big of state.largeExports)
      rows.push({
        subject,
        kind: 'large_export',
        at: iso(big.at),
        value: big.rows,
        baseline: bounds.exportRows,
        detail: `export of ${big.rows} rows of ${big.resource}`,
      });
    for (const [window, count] of state.refusalWindows)
      if (count >= bounds.burstRefusals)
        rows.push({
          subject,
          kind: 'refusal_burst',
          at: iso(window * bounds.burstMinutes * 60_000),
          value: count,
          baseline: bounds.burstRefusals,
          detail: `${count} refusals within ${bounds.burstMinutes} minutes`,
        });
    return rows;
  }

  private rolesOf(policy: Policy): RoleRow[] {
    return policy.rules.map((rule, index) => {
      const role = rule.name ?? `rules[${index}]`;
      // A member is a subject an event names the rule for (operation events record the rules that
      // matched; older trails only writes), or one that held every scope the rule grants.
      const members = [...this.subjects].filter(
        ([, state]) =>
          state.rules.has(role) || (rule.grant.length > 0 && rule.grant.every((scope) => state.held.has(scope))),
      );
      const used = rule.grant.filter((scope) => members.some(([, state]) => state.used.has(scope)));
      return {
        role,
        grants: [...rule.grant],
        membersSeen: members.map(([subject]) => subject).sort(),
        grantsUsed: used,
        grantsNeverUsed: rule.grant.filter((scope) => !used.includes(scope)),
      };
    });
  }

  private activityPoints(): { step: 'day' | 'week'; points: ActivityPoint[] } {
    const days = [...this.activity.keys()].sort((a, b) => a - b);
    const firstDay = days[0];
    const lastDay = days[days.length - 1];
    if (firstDay === undefined || lastDay === undefined) return { step: 'day', points: [] };
    // Over four months a bar a day is too thin to read: a bar a week.
    const width = lastDay - firstDay > 120 ? 7 : 1;
    const points: ActivityPoint[] = [];
    for (let start = firstDay; start <= lastDay; start += width) {
      let events = 0;
      let refusals = 0;
      let lookerCalls = 0;
      for (let day = start; day < start + width; day++) {
        const point = this.activity.get(day);
        if (!point) continue;
        events += point.events;
        refusals += point.refusals;
        lookerCalls += point.lookerCalls;
      }
      points.push({ start: iso(start * dayMs).slice(0, 10), events, refusals, lookerCalls });
    }
    return { step: width === 7 ? 'week' : 'day', points };
  }

  /** The tables of the review, subjects in name order. */
  report(): AccessReviewReport {
    const subjects: SubjectRow[] = [];
    const refusals: RefusalRow[] = [];
    const content: ContentRow[] = [];
    const anomalies: AnomalyRow[] = [];
    const names = [...this.subjects.keys()].sort();
    for (const subject of names) {
      const state = this.subjects.get(subject);
      if (!state) continue;
      let refused = 0;
      for (const [reason, use] of [...state.refusals].sort(([a], [b]) => a.localeCompare(b))) {
        refused += use.count;
        refusals.push({ subject, reason, count: use.count, first: iso(use.first), last: iso(use.last) });
      }
      for (const [resource, use] of [...state.content].sort(([a], [b]) => a.localeCompare(b)))
        content.push({
          subject,
          resource,
          kind: kindOf(resource),
          title: this.titles.get(resource)?.title ?? '',
          reads: use.reads,
          exports: use.exports,
          writes: use.writes,
          first: iso(use.first),
          last: iso(use.last),
        });
      anomalies.push(...this.anomaliesOf(subject, state));
      const held = [...state.held].sort();
      subjects.push({
        subject,
        clientIds: [...state.clientIds].sort(),
        firstSeen: iso(state.first),
        lastSeen: iso(state.last),
        events: state.events,
        scopesHeld: held,
        scopesUsed: [...state.used].sort(),
        scopesUnused: held.filter((scope) => !state.used.has(scope)),
        contentTouched: state.content.size,
        queries: state.queries,
        rows: state.rows,
        exports: state.exports,
        embeds: state.embeds,
        mcpToolCalls: state.mcpToolCalls,
        writes: state.writes,
        lookerCalls: state.lookerCalls,
        refusals: refused,
      });
    }
    const { step, points } = this.activityPoints();
    return {
      firstSeen: Number.isFinite(this.span.first) ? iso(this.span.first) : null,
      lastSeen: Number.isFinite(this.span.last) ? iso(this.span.last) : null,
      events: this.events,
      eventsByType: Object.fromEntries([...this.byType].sort(([a], [b]) => a.localeCompare(b))),
      subjects,
      roles: this.options.policy ? this.rolesOf(this.options.policy) : null,
      refusals,
      content,
      anomalies: anomalies.sort(
        (a, b) => a.kind.localeCompare(b.kind) || a.subject.localeCompare(b.subject) || a.at.localeCompare(b.at),
      ),
      activityStep: step,
      activity: points,
    };
  }
}
