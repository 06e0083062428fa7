import { QueryTaskIds, taskIdLifetimeMs } from '../../../src/query-tasks/task-ids';

const analyst = { subject: 'demo-analyst', lookerIdentity: 'service' };

describe('query task ids', () => {
  let now = Date.UTC(2026, 5, 15);
  const ids = new QueryTaskIds('a configured key of at least thirty-two characters', () => now);

  test('open to the Looker task id for their owner only', () => {
    const id = ids.issue('0a1b2c3d', analyst);
    expect(ids.open(id, analyst)).toBe('0a1b2c3d');
    expect(ids.open(id, { ...analyst, subject: 'demo-admin' })).toBeUndefined();
    expect(ids.open(id, { ...analyst, lookerIdentity: 'user:2' })).toBeUndefined();
  });

  test('work on another replica holding the same key, and nowhere else', () => {
    const id = ids.issue('0a1b2c3d', analyst);
    expect(new QueryTaskIds('a configured key of at least thirty-two characters', () => now).open(id, analyst)).toBe(
      '0a1b2c3d',
    );
    expect(
      new QueryTaskIds('another key of at least thirty-two characters!!', () => now).open(id, analyst),
    ).toBeUndefined();
    expect(new QueryTaskIds(undefined, () => now).open(id, analyst)).toBeUndefined();
  });

  test('altered, expired or malformed ids open to nothing', () => {
    const id = ids.issue('0a1b2c3d', analyst);
    const [prefix, task, expires, mac] = id.split('.') as [string, string, string, string];
    expect(ids.open(`${prefix}.0a1b2c3e.${expires}.${mac}`, analyst)).toBeUndefined();
    expect(ids.open(`${prefix}.${task}.${(parseInt(expires, 36) + 1).toString(36)}.${mac}`, analyst)).toBeUndefined();
    expect(ids.open(`${id}.more`, analyst)).toBeUndefined();
    for (const junk of ['', 'qt1', 'qt1...', 'qt2.a.b.c', 'x'.repeat(1000)])
      expect(ids.open(junk, analyst)).toBeUndefined();
    now += taskIdLifetimeMs + 1000;
    expect(ids.open(id, analyst)).toBeUndefined();
  });

  test('any other last character of the MAC is refused, though some decode to the same bytes', () => {
    const id = ids.issue('0a1b2c3d', analyst);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const accepted = [...alphabet]
      .map((c) => `${id.slice(0, -1)}${c}`)
      .filter((variant) => ids.open(variant, analyst) !== undefined);
    expect(accepted).toEqual([id]);
  });

  test('the owner is not written into the id', () => {
    expect(ids.issue('0a1b2c3d', analyst)).not.toContain('demo-analyst');
  });
});
