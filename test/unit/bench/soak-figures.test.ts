import { faultRules } from '../../../bench/fault-mix';
import type { CallOutcome } from '../../../bench/graphql-call';
import { OutcomeTally } from '../../../bench/outcome-tally';
import { MixDealer, soakMix, type MixedOperation } from '../../../bench/soak-mix';

const answer = (ms: number, extra: Partial<CallOutcome> = {}): CallOutcome => ({
  ms,
  status: 200,
  codes: [],
  ok: true,
  ...extra,
});

describe('the soak outcome tally', () => {
  it('gives nearest-rank percentiles per class, and over answers without errors', () => {
    const tally = new OutcomeTally();
    for (let ms = 1; ms <= 100; ms += 1) tally.add('look title', answer(ms));
    tally.add('look title', answer(5_000, { ok: false, codes: ['LOOKER_UNAVAILABLE'] }));
    const [figures] = tally.figures().classes;
    expect(figures).toMatchObject({ name: 'look title', requests: 101, ok: 100 });
    expect(figures?.latency.p50).toBe(51);
    expect(figures?.latency.max).toBe(5_000);
    expect(figures?.okLatency.p99).toBe(99);
    expect(figures?.okLatency.max).toBe(100);
  });

  it('counts errors by GraphQL code and by HTTP status, and failures without an answer by kind', () => {
    const tally = new OutcomeTally();
    tally.add('runQuery', answer(10, { ok: false, codes: ['LOOKER_RATE_LIMITED', 'LOOKER_UNAVAILABLE'] }));
    tally.add('runQuery', answer(10, { ok: false, codes: ['LOOKER_UNAVAILABLE'] }));
    tally.add('look title', answer(10, { ok: false, status: 401, codes: ['UNAUTHENTICATED'] }));
    tally.add('look title', { ms: 60_000, status: null, failure: 'timeout', codes: [], ok: false });
    const figures = tally.figures();
    expect(figures.errorCodes).toEqual({ LOOKER_RATE_LIMITED: 1, LOOKER_UNAVAILABLE: 2, UNAUTHENTICATED: 1 });
    expect(figures.statuses).toEqual({ '200': 2, '401': 1, timeout: 1 });
    expect(figures.classes.map((c) => c.name)).toEqual(['runQuery', 'look title']);
    // A request without an answer has no latency sample: its time is the client's own limit.
    expect(figures.classes[1]?.latency.samples).toBe(1);
  });
});

describe('the soak mix', () => {
  it('deals each class its share of every cycle, interleaved', () => {
    const dealer = new MixDealer(soakMix);
    const cycle = soakMix.reduce((sum, op) => sum + op.weight, 0);
    const dealt = Array.from({ length: cycle }, () => dealer.next().operation.name);
    for (const op of soakMix) expect(dealt.filter((name) => name === op.name)).toHaveLength(op.weight);
    // No class is sent in a run longer than its share requires.
    const longestRun = dealt.reduce(
      (acc, name, i) =>
        i > 0 && dealt[i - 1] === name
          ? { n: acc.n + 1, max: Math.max(acc.max, acc.n + 1) }
          : { n: 1, max: Math.max(acc.max, 1) },
      { n: 0, max: 0 },
    );
    expect(longestRun.max).toBeLessThanOrEqual(2);
  });

  it('sends an operation only as callers that may read all of it, in turn', () => {
    const dealer = new MixDealer(soakMix);
    const callersOf = new Map<string, Set<string>>();
    for (let i = 0; i < 400; i += 1) {
      const request = dealer.next();
      expect(request.operation.callers).toContain(request.caller);
      callersOf.set(request.operation.name, (callersOf.get(request.operation.name) ?? new Set()).add(request.caller));
    }
    for (const op of soakMix) expect([...(callersOf.get(op.name) ?? [])].sort()).toEqual([...op.callers].sort());
    expect(callersOf.get('runQuery')?.has('demo-viewer')).toBe(false);
  });

  it('refuses a mix it cannot deal', () => {
    const none: MixedOperation = { name: 'x', weight: 0, callers: ['demo-admin'], query: () => '{ __typename }' };
    expect(() => new MixDealer([])).toThrow(RangeError);
    expect(() => new MixDealer([none])).toThrow(RangeError);
  });
});

describe('the injected fault mix', () => {
  it('fails the total rate of calls, split by share, with conditional rates in rule order', () => {
    const rules = faultRules(0.2, { unavailable: 0.75, rateLimited: 0.2, hang: 0.05 });
    expect(rules.map((r) => ({ status: r.status, hang: r.hang === true }))).toEqual([
      { status: 503, hang: false },
      { status: 429, hang: false },
      { status: 504, hang: true },
    ]);
    // The emulator tries the rules in order: the share of all calls each one ends up failing.
    let passedBy = 1;
    const shares = rules.map((r) => {
      const share = passedBy * (r.rate ?? 1);
      passedBy -= share;
      return share;
    });
    expect(shares[0]).toBeCloseTo(0.15, 10);
    expect(shares[1]).toBeCloseTo(0.04, 10);
    expect(shares[2]).toBeCloseTo(0.01, 10);
    expect(1 - passedBy).toBeCloseTo(0.2, 10);
  });

  it('installs nothing for a clean run, and refuses impossible rates or shares', () => {
    expect(faultRules(0)).toEqual([]);
    expect(() => faultRules(1.5)).toThrow(RangeError);
    expect(() => faultRules(0.2, { unavailable: 0.5, rateLimited: 0.2, hang: 0 })).toThrow(RangeError);
  });

  it('fails every call at a rate of 1', () => {
    const rules = faultRules(1, { unavailable: 0.5, rateLimited: 0.5, hang: 0 });
    expect(rules.map((r) => r.rate)).toEqual([0.5, 1]);
  });
});
