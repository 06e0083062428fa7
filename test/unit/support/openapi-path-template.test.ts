import { createResponseValidator, loadLookerSpec, pathTemplateFor } from '../../support/openapi-validator';

const spec = loadLookerSpec();
const validator = createResponseValidator(spec);

describe('path template mapping', () => {
  it.each([
    ['/api/4.0/looks/12/run/json', '/looks/{look_id}/run/{result_format}'],
    ['/api/4.0/looks/search?title=Orders&fields=id,title', '/looks/search'],
    ['/api/4.0/looks/12', '/looks/{look_id}'],
    ['/api/4.0/query_tasks/multi_results?query_task_ids=a,b', '/query_tasks/multi_results'],
    ['/api/4.0/query_tasks/abc/results', '/query_tasks/{query_task_id}/results'],
    ['/api/4.0/users/credential/email/ann%40example.com', '/users/credential/{credential_type}/{credential_id}'],
    [
      'http://127.0.0.1:19999/api/4.0/lookml_models/ecommerce/explores/orders',
      '/lookml_models/{lookml_model_name}/explores/{explore_name}',
    ],
    ['/folders/7/dashboards', '/folders/{folder_id}/dashboards'],
    ['/api/4.0/login/', '/login'],
  ])('%s → %s', (concrete, template) => {
    expect(validator.pathTemplateFor(concrete)).toBe(template);
  });

  it('takes the method into account and returns undefined when nothing fits', () => {
    expect(pathTemplateFor(spec, '/api/4.0/queries/run/csv', 'POST')).toBe('/queries/run/{result_format}');
    expect(pathTemplateFor(spec, '/api/4.0/queries/run/csv', 'GET')).toBeUndefined();
    expect(pathTemplateFor(spec, '/api/4.0/queries/40', 'GET')).toBe('/queries/{query_id}');
    expect(pathTemplateFor(spec, '/api/4.0/render_tasks/1')).toBeUndefined();
    expect(pathTemplateFor(spec, '/api/4.0/looks/12/run')).toBeUndefined();
  });

  it('validates a recorded exchange by its concrete path', () => {
    const exchange = { method: 'GET', path: '/api/4.0/looks/search?title=x', status: 200, body: [{ id: 3 }] };
    expect(validator.validateExchange(exchange)).toEqual(['GET /looks/search 200: body[0].id must be string']);
    expect(validator.validateExchange({ ...exchange, path: '/api/4.0/nowhere' })).toEqual([
      'GET /api/4.0/nowhere: no path template in the spec',
    ]);
    const csv = {
      method: 'GET',
      path: '/api/4.0/queries/9/run/csv',
      status: 200,
      body: 'a\n1\n',
      contentType: 'text/csv',
    };
    expect(validator.validateExchange(csv)).toEqual([]);
  });
});

describe('unknown properties', () => {
  const look = {
    id: '1',
    titel: 'typo',
    can: { run: true, brand_new_permission: true },
    query: { model: 'm', view: 'v', feilds: [] },
    folder: { name: 'Shared', 'odd key': 1 },
  };

  it('are allowed by default, since Looker adds fields freely', () => {
    expect(validator.validate('GET', '/looks/{look_id}', 200, look)).toEqual([]);
  });

  it('are listed by path and schema on request, map-typed objects excepted', () => {
    const problems = validator.validate('GET', '/looks/{look_id}', 200, look, { reportUnknownProperties: true });
    expect(problems).toEqual([
      'GET /looks/{look_id} 200: body.titel is not a property of LookWithQuery',
      'GET /looks/{look_id} 200: body.query.feilds is not a property of Query',
      'GET /looks/{look_id} 200: body.folder["odd key"] is not a property of FolderBase',
    ]);
  });

  it('can be switched on for a whole validator and are found inside arrays', () => {
    const strict = createResponseValidator(spec, { reportUnknownProperties: true });
    expect(strict.validate('GET', '/folders', 200, [{ name: 'a' }, { name: 'b', colour: 'red' }])).toEqual([
      'GET /folders 200: body[1].colour is not a property of FolderBase',
    ]);
    expect(strict.validate('GET', '/folders', 200, [{ name: 'a' }], { reportUnknownProperties: false })).toEqual([]);
  });
});
