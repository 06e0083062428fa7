import { closeSync, openSync, writeSync } from 'node:fs';

/** A title as a content author could type it: must reach the report as text. */
export const hostileTitle = '<img src=x onerror="document.title=\'pwned\'">=HYPERLINK("http://evil.example")';

/** What one generated trail holds, besides its lines, for the tests to check the report against. */
export interface GeneratedTrail {
  readonly lines: number;
  readonly bytes: number;
  /** A subject with one day of Looker calls far above its usual days. */
  readonly spikeSubject: string;
  /** A subject refused many times within minutes. */
  readonly burstSubject: string;
  /** A subject that exported a very large file. */
  readonly bigExportSubject: string;
  readonly bigExportRows: number;
}

/** The demo's scopes per kind of caller, as the policy and the IdP would give them. */
const roles = [
  { client: 'portal', share: 0.4, scopes: ['looker:content:read', 'looker:models:read'] },
  { client: 'bi-app', share: 0.4, scopes: ['looker:content:read', 'looker:data:read', 'looker:models:read'] },
  {
    client: 'admin-console',
    share: 0.15,
    scopes: [
      'looker:content:read',
      'looker:content:write',
      'looker:data:read',
      'looker:embed',
      'looker:models:read',
      'looker:schedules:write',
      'looker:sql:read',
    ],
  },
  { client: 'agent', share: 0.05, scopes: ['looker:content:read', 'looker:data:read', 'looker:models:read'] },
] as const;

/** mulberry32: the same trail for the same seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tools = ['search_content', 'run_look', 'run_query', 'get_dashboard'];
const explores = ['ecommerce/order_items', 'ecommerce/inventory_items', 'ecommerce/users'];
const dayMs = 86_400_000;

/**
 * Writes an audit trail as the subgraph would over `days` days for `subjects` callers: GraphQL
 * operations over looks, dashboards and explores, query runs, exports with row counts, writes, MCP
 * tool calls and refusals, each line with the chain fields (`seq`, `prev`, `hash`, `kid`) and time
 * ordered within each day, plus three things a reviewer should be shown (a spike, a burst of
 * refusals, a large export) and a look whose title is HTML.
 */
export function writeAuditTrail(
  file: string,
  options: { subjects: number; days: number; seed?: number },
): GeneratedTrail {
  const rand = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const subjects = Array.from({ length: options.subjects }, (_, i) => {
    const draw = (i * 0.618034) % 1;
    let acc = 0;
    const role = roles.find((r) => (acc += r.share) > draw) ?? roles[0];
    return { subject: `user-${String(i + 1).padStart(4, '0')}`, role, activity: 0.3 + rand() * 0.7 };
  });
  const spikeSubject = subjects[7]?.subject ?? 'user-0008';
  const burstSubject = subjects[11]?.subject ?? 'user-0012';
  const bigExportSubject = subjects[1]?.subject ?? 'user-0002';
  const bigExportRows = 250_000;
  const start = Date.parse('2025-12-01T00:00:00Z');
  const fd = openSync(file, 'w');
  let seq = 0;
  let lines = 0;
  let bytes = 0;
  try {
    for (let day = 0; day < options.days; day++) {
      const dayStart = start + day * dayMs;
      const weekend = [0, 6].includes(new Date(dayStart).getUTCDay());
      const events: { at: number; event: Record<string, unknown> }[] = [];
      const push = (at: number, event: Record<string, unknown>) => events.push({ at, event });
      for (const s of subjects) {
        const active = rand() <= (weekend ? 0.08 : 0.85) * s.activity;
        const spike = s.subject === spikeSubject && day === options.days - 3;
        const count = (active ? 1 + Math.floor(rand() * 24) : 0) + (spike ? 400 : 0);
        for (let n = 0; n < count; n++) {
          const at = dayStart + 8 * 3_600_000 + Math.floor(rand() * 10 * 3_600_000);
          const base = {
            time: new Date(at).toISOString(),
            requestId: `r${seq}`,
            subject: s.subject,
            clientId: s.role.client,
            scopes: s.role.scopes,
            lookerUser: null,
          };
          const canData = (s.role.scopes as readonly string[]).includes('looker:data:read');
          const roll = rand();
          const look = 1 + Math.floor(rand() * 60);
          const mcp = s.role.client === 'agent';
          if (roll < 0.03) {
            push(at, {
              type: 'graphql.operation',
              ...base,
              subject: null,
              clientId: null,
              scopes: undefined,
              outcome: 'unauthenticated',
              reason: 'expired',
              status: 401,
              denied: [],
              errors: { UNAUTHENTICATED: 1 },
              resources: [],
              lookerCalls: 0,
              cacheHits: 0,
              durationMs: 1.2,
            });
          } else if (roll < 0.08 && s.role.client !== 'agent') {
            push(at, {
              type: 'export',
              ...base,
              resource: `look:${look}`,
              format: pick(['CSV', 'XLSX', 'JSON']),
              outcome: canData ? 'ok' : 'refused',
              ...(canData
                ? { title: look === 53 ? hostileTitle : `Look ${look}`, rows: 20 + Math.floor(rand() * 2000) }
                : { reason: 'forbidden' }),
              status: canData ? 200 : 403,
              resources: canData ? [`look:${look}`, `query:${look * 7}`] : [],
              lookerCalls: canData ? 3 : 0,
              durationMs: 120,
            });
          } else if (roll < 0.1 && s.role.client === 'admin-console') {
            push(at, {
              type: 'write',
              ...base,
              channel: 'graphql',
              mutation: pick(['updateLook', 'createSchedule', 'addDashboardTile']),
              resources: [`look:${look}`],
              change: { title: { old: `Look ${look}`, new: look === 53 ? hostileTitle : `Look ${look}` } },
              dryRun: false,
              idempotencyKeyHash: null,
              replayed: false,
              outcome: 'ok',
              rules: ['admins'],
              lookerCalls: 2,
            });
          } else {
            const explore = roll < 0.25;
            const withData = canData && rand() < 0.6;
            const denied = !canData && rand() < 0.1;
            const resources = explore
              ? [`explore:${pick(explores)}`, ...(withData ? [`query:${Math.floor(rand() * 5000)}`] : [])]
              : rand() < 0.5
                ? [`look:${look}`, `folder:${1 + (look % 9)}`, ...(withData ? [`query:${look * 7}`] : [])]
                : [`dashboard:${1 + (look % 25)}`, ...(withData ? [`query:${look * 11}`, `query:${look * 13}`] : [])];
            push(at, {
              type: 'graphql.operation',
              channel: mcp ? 'mcp' : 'graphql',
              ...(mcp ? { tool: pick(tools) } : {}),
              ...base,
              operationName: explore ? 'ExploreQuery' : 'LookAndData',
              documentHash: 'a3f1c0de',
              outcome: denied ? 'partial' : 'ok',
              status: 200,
              denied: denied ? [{ path: 'look.result', requiredScopes: [['looker:data:read']] }] : [],
              errors: denied ? { FORBIDDEN: 1 } : {},
              resources,
              lookerCalls: s.subject === spikeSubject ? 5 : 1 + Math.floor(rand() * 3),
              cacheHits: Math.floor(rand() * 2),
              durationMs: 20 + Math.floor(rand() * 300),
            });
          }
        }
        if (s.subject === burstSubject && day === 2)
          for (let n = 0; n < 40; n++)
            push(dayStart + 13 * 3_600_000 + n * 5_000, {
              type: 'graphql.operation',
              time: new Date(dayStart + 13 * 3_600_000 + n * 5_000).toISOString(),
              requestId: `burst${n}`,
              subject: s.subject,
              clientId: s.role.client,
              scopes: s.role.scopes,
              lookerUser: null,
              operationName: null,
              documentHash: null,
              outcome: 'refused',
              reason: 'rate_limited',
              status: 429,
              denied: [],
              errors: { LOOKER_RATE_LIMITED: 1 },
              resources: [],
              lookerCalls: 0,
              cacheHits: 0,
              durationMs: 0.4,
            });
        if (s.subject === bigExportSubject && day === 1)
          push(dayStart + 15 * 3_600_000, {
            type: 'export',
            time: new Date(dayStart + 15 * 3_600_000).toISOString(),
            requestId: 'big-export',
            subject: s.subject,
            clientId: s.role.client,
            scopes: s.role.scopes,
            lookerUser: null,
            resource: 'look:53',
            format: 'CSV',
            title: hostileTitle,
            rows: bigExportRows,
            outcome: 'ok',
            status: 200,
            resources: ['look:53', 'query:371'],
            lookerCalls: 3,
            durationMs: 4200,
          });
      }
      events.sort((a, b) => a.at - b.at);
      let chunk = '';
      for (const { event } of events) {
        // The chain's fields, as the audit sink adds them: the report reads past them.
        chunk += `${JSON.stringify({ log: 'audit', ...event, seq, prev: 'p'.repeat(16), hash: 'h'.repeat(43), kid: 'k1' })}\n`;
        seq++;
        lines++;
      }
      bytes += writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
  return { lines, bytes, spikeSubject, burstSubject, bigExportSubject, bigExportRows };
}
