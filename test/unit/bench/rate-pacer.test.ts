import { dueAtMs, dueBy, paceAtRate, plannedSends, type PaceClock } from '../../../bench/rate-pacer';

describe('the soak pacer', () => {
  it('plans one send per interval of the duration, the first at once', () => {
    expect(plannedSends(10_000, 40)).toBe(400);
    expect(plannedSends(18_000, 40)).toBe(720);
    expect(plannedSends(1_010, 1)).toBe(2);
    expect(plannedSends(0, 40)).toBe(0);
  });

  it('keeps a fixed schedule: send i is due at i / rate seconds', () => {
    expect(dueAtMs(0, 40)).toBe(0);
    expect(dueAtMs(40, 40)).toBe(1000);
    expect(dueAtMs(3, 4)).toBe(750);
  });

  it('counts the sends due at a moment, bounded by the plan, so a late timer catches up', () => {
    expect(dueBy(-1, 40, 400)).toBe(0);
    expect(dueBy(0, 40, 400)).toBe(1);
    expect(dueBy(24, 40, 400)).toBe(1);
    expect(dueBy(25, 40, 400)).toBe(2);
    expect(dueBy(1_000, 40, 400)).toBe(41);
    expect(dueBy(60_000, 40, 400)).toBe(400);
  });

  it('sends every planned request, in order, when answers are quick', async () => {
    const sent: number[] = [];
    const outcome = await paceAtRate({
      ratePerSecond: 1000,
      durationMs: 20,
      maxInFlight: 5,
      send: async (i) => void sent.push(i),
      clock: steppedClock(),
    });
    expect(outcome).toMatchObject({ planned: 20, sent: 20, skipped: 0 });
    expect(sent).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('catches up in a burst when its timer fires late, sending no more than planned', async () => {
    let sent = 0;
    const clock = steppedClock(7);
    const outcome = await paceAtRate({
      ratePerSecond: 1000,
      durationMs: 50,
      maxInFlight: 100,
      send: async () => void (sent += 1),
      clock,
    });
    expect(outcome).toMatchObject({ planned: 50, sent: 50, skipped: 0 });
    expect(sent).toBe(50);
  });

  it('skips, and counts, the sends due while the in-flight bound is reached', async () => {
    const held: (() => void)[] = [];
    // Nothing answers until every send has been due: only the first three go out.
    const clock = steppedClock(0, (now) => {
      if (now >= 9) setTimeout(() => held.forEach((answer) => answer()), 5);
    });
    const outcome = await paceAtRate({
      ratePerSecond: 1000,
      durationMs: 10,
      maxInFlight: 3,
      send: () => new Promise<void>((resolve) => held.push(resolve)),
      clock,
    });
    expect(outcome).toMatchObject({ planned: 10, sent: 3, skipped: 7 });
  });
});

/**
 * A clock that moves only when the pacer sleeps, by what it asked plus `lateMs` (a late timer);
 * each sleep lets pending callbacks run, as a real timer would.
 */
function steppedClock(lateMs = 0, onStep: (now: number) => void = () => undefined): PaceClock {
  let now = 0;
  return {
    now: () => now,
    sleep: (ms) => {
      now += ms + lateMs;
      onStep(now);
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}
