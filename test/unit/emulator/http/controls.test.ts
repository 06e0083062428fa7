import { normalizeRoute, routeMatches } from '../../../../emulator/http/control-schemas';
import { Controls, seededRandom } from '../../../../emulator/http/controls';
import { documentationUrl } from '../../../../emulator/http/errors';
import { projectFields } from '../../../../emulator/http/fields-projection';

describe('route keys', () => {
  it('normalizes the forms a control request may use', () => {
    expect(normalizeRoute('GET /looks/search')).toBe('GET /api/4.0/looks/search');
    expect(normalizeRoute('get /api/4.0/looks/{look_id}')).toBe('GET /api/4.0/looks/:look_id');
    expect(normalizeRoute('/looks/:look_id')).toBe('* /api/4.0/looks/:look_id');
    expect(() => normalizeRoute('GET /a /b')).toThrow(/Invalid route/);
  });

  it('matches any method for a * rule', () => {
    expect(routeMatches('* /api/4.0/queries', 'POST /api/4.0/queries')).toBe(true);
    expect(routeMatches('GET /api/4.0/queries', 'POST /api/4.0/queries')).toBe(false);
  });

  it("builds Looker's documentation_url from a route template", () => {
    expect(documentationUrl(404, 'GET', '/looks/:look_id')).toBe(
      'https://cloud.google.com/looker/docs/r/err/4.0/404/get/looks/:look_id',
    );
  });
});

describe('Controls', () => {
  it('consumes counted faults and keeps uncounted ones', () => {
    const controls = new Controls({ ms: 0, jitterMs: 0 }, seededRandom(1));
    controls.addFault({ route: 'GET /looks/:look_id', status: 503, count: 2 });
    const key = 'GET /api/4.0/looks/:look_id';
    expect(controls.takeFault('GET /api/4.0/looks/search')).toBeUndefined();
    expect(controls.takeFault(key)?.status).toBe(503);
    expect(controls.takeFault(key)?.status).toBe(503);
    expect(controls.takeFault(key)).toBeUndefined();
    controls.addFault({ status: 500 });
    expect(controls.takeFault(key)?.status).toBe(500);
    expect(controls.takeFault('POST /api/4.0/login')?.status).toBe(500);
  });

  it('applies a rate fault to about that fraction of requests, the same way for a seed', () => {
    const hits = (seed: number) => {
      const controls = new Controls({ ms: 0, jitterMs: 0 }, seededRandom(seed));
      controls.addFault({ status: 502, rate: 0.25 });
      return Array.from({ length: 400 }, () => controls.takeFault('GET /api/4.0/user') !== undefined);
    };
    const first = hits(3);
    expect(hits(3)).toEqual(first);
    const count = first.filter(Boolean).length;
    expect(count).toBeGreaterThan(60);
    expect(count).toBeLessThan(140);
  });

  it('prefers route latency over global latency, and reset restores the defaults', () => {
    const controls = new Controls({ ms: 3, jitterMs: 0 }, seededRandom(1));
    controls.setLatency({ ms: 100, route: 'GET /looks/search' });
    expect(controls.delayFor('GET /api/4.0/looks/search')).toBe(100);
    expect(controls.delayFor('GET /api/4.0/user')).toBe(3);
    controls.setLatency({ ms: 10, jitterMs: 5 });
    const delay = controls.delayFor('GET /api/4.0/user');
    expect(delay).toBeGreaterThanOrEqual(10);
    expect(delay).toBeLessThanOrEqual(15);
    controls.reset();
    expect(controls.delayFor('GET /api/4.0/looks/search')).toBe(3);
  });
});

describe('fields projection', () => {
  const look = {
    id: '1',
    title: 'T',
    folder: { id: '2', name: 'Sales', parent_id: '1' },
    query: { fields: ['a'], model: 'm' },
  };

  it('keeps the listed properties, recursing into parenthesised lists and arrays', () => {
    expect(projectFields(look, 'id, folder(id,name)')).toEqual({ id: '1', folder: { id: '2', name: 'Sales' } });
    expect(projectFields([look, look], 'title,query(model)')).toEqual([
      { title: 'T', query: { model: 'm' } },
      { title: 'T', query: { model: 'm' } },
    ]);
  });

  it('ignores unknown properties and an empty list', () => {
    expect(projectFields(look, 'id,nope')).toEqual({ id: '1' });
    expect(projectFields(look, '')).toBe(look);
  });
});
