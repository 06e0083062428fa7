import { createResponseValidator, loadLookerSpec, type OpenApiDocument } from '../../support/openapi-validator';

const spec = loadLookerSpec();
const validator = createResponseValidator(spec);

const errorBody = {
  message: 'Not found',
  documentation_url: 'https://cloud.google.com/looker/docs/r/err/4.0/404/get/looks/:look_id',
};

describe('valid Looker bodies pass', () => {
  it('accepts an access token from POST /login', () => {
    const token = { access_token: 'abc123', token_type: 'Bearer', expires_in: 3600, refresh_token: null };
    expect(validator.validate('POST', '/login', 200, token)).toEqual([]);
  });

  it('accepts a look with its query, folder and permissions', () => {
    const look = {
      id: '12',
      title: 'Orders by month',
      description: null,
      user_id: '1',
      created_at: '2024-05-01T12:34:56.000+00:00',
      favorite_count: 3,
      deleted: false,
      public: false,
      can: { run: true, update: false },
      folder: { id: '7', name: 'Shared', parent_id: null },
      query: {
        id: '40',
        model: 'ecommerce',
        view: 'orders',
        fields: ['orders.created_month', 'orders.count'],
        filters: { 'orders.status': 'complete' },
        limit: '500',
        vis_config: { type: 'looker_line', show_legend: true, series: [{ a: 1 }] },
      },
    };
    expect(validator.validate('get', '/looks/{look_id}', 200, look)).toEqual([]);
    expect(validator.validate('GET', '/looks', 200, [look, { id: '13' }])).toEqual([]);
  });

  it('accepts an error body for 404, whatever media type the client asked for', () => {
    expect(validator.validate('GET', '/looks/{look_id}', 404, errorBody)).toEqual([]);
    const csv = { contentType: 'text/csv; charset=utf-8' };
    expect(validator.validate('GET', '/looks/{look_id}/run/{result_format}', 404, errorBody, csv)).toEqual([]);
  });

  it('accepts null where the spec says nullable, including nullable enums', () => {
    const look = { id: '1', title: null, certification_metadata: { certification_status: null } };
    expect(validator.validate('GET', '/looks/{look_id}', 200, look)).toEqual([]);
  });

  it('accepts a query task, a query, an explore and dashboard tiles', () => {
    expect(validator.validate('POST', '/query_tasks', 200, { id: 't1', query_id: '40', status: 'added' })).toEqual([]);
    expect(validator.validate('GET', '/queries/{query_id}', 200, { id: '40', model: 'm', view: 'v' })).toEqual([]);
    const explore = {
      name: 'orders',
      fields: { dimensions: [{ name: 'orders.id', type: 'number', category: 'dimension', align: 'right' }] },
    };
    expect(
      validator.validate('GET', '/lookml_models/{lookml_model_name}/explores/{explore_name}', 200, explore),
    ).toEqual([]);
    const tiles = [{ id: '5', dashboard_id: '2', look_id: '12', type: 'vis', title: null }];
    expect(validator.validate('GET', '/dashboards/{dashboard_id}/dashboard_elements', 200, tiles)).toEqual([]);
  });

  it('accepts raw run results: parsed JSON rows, CSV text, and an empty 204 on logout', () => {
    const rows = [{ 'orders.count': 3 }];
    expect(validator.validate('GET', '/looks/{look_id}/run/{result_format}', 200, rows)).toEqual([]);
    const csv = { contentType: 'text/csv' };
    expect(validator.validate('POST', '/queries/run/{result_format}', 200, 'a,b\n1,2\n', csv)).toEqual([]);
    expect(validator.validate('DELETE', '/logout', 204, undefined)).toEqual([]);
    expect(validator.validate('DELETE', '/logout', 204, '')).toEqual([]);
  });
});

describe('invalid bodies fail with messages that name the property path', () => {
  it('reports a wrong type at its path', () => {
    const problems = validator.validate('GET', '/looks', 200, [{ id: '1' }, { id: '2', title: 42 }]);
    expect(problems).toEqual(['GET /looks 200: body[1].title must be string']);
  });

  it('reports a value outside an enum with the allowed values', () => {
    const explore = { fields: { dimensions: [{ name: 'x', align: 'center' }] } };
    const problems = validator.validate(
      'GET',
      '/lookml_models/{lookml_model_name}/explores/{explore_name}',
      200,
      explore,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('body.fields.dimensions[0].align must be equal to one of the allowed values');
    expect(problems[0]).toContain('"left", "right"');
  });

  it('checks each element of an enum-typed array', () => {
    const field = { name: 'x', user_attribute_filter_types: ['string', 'colour'] };
    const problems = validator.validate('GET', '/lookml_models/{lookml_model_name}/explores/{explore_name}', 200, {
      fields: { measures: [field] },
    });
    expect(problems.join('\n')).toContain(
      'body.fields.measures[0].user_attribute_filter_types[1] must be equal to one',
    );
  });

  it('rejects null where the spec does not allow it, and a non-object where an object is due', () => {
    expect(validator.validate('GET', '/looks/{look_id}', 200, { id: null })).toEqual([
      'GET /looks/{look_id} 200: body.id must be string',
    ]);
    expect(validator.validate('GET', '/looks/{look_id}', 200, 'a look')).toEqual([
      'GET /looks/{look_id} 200: body must be object',
    ]);
    expect(validator.validate('GET', '/looks/{look_id}', 200, { folder: null })).toEqual([
      'GET /looks/{look_id} 200: body.folder must be object',
    ]);
  });

  it('enforces required properties of error bodies, queries and folders', () => {
    expect(validator.validate('GET', '/looks/{look_id}', 404, { message: 'Not found' })).toEqual([
      "GET /looks/{look_id} 404: body must have required property 'documentation_url'",
    ]);
    expect(validator.validate('GET', '/looks/{look_id}', 200, { query: { model: 'm' } })).toEqual([
      "GET /looks/{look_id} 200: body.query must have required property 'view'",
    ]);
  });

  it('checks formats: date-time, int64, and booleans inside permission maps', () => {
    const look = { created_at: 'yesterday', favorite_count: 1.5, can: { run: 'yes' } };
    expect(validator.validate('GET', '/looks/{look_id}', 200, look).sort()).toEqual([
      'GET /looks/{look_id} 200: body.can.run must be boolean',
      'GET /looks/{look_id} 200: body.created_at must match format "date-time"',
      'GET /looks/{look_id} 200: body.favorite_count must be integer',
    ]);
    expect(validator.validate('GET', '/looks/{look_id}', 200, { favorite_count: 2 ** 60 })).toEqual([
      'GET /looks/{look_id} 200: body.favorite_count must match format "int64"',
    ]);
  });

  it('rejects a body on 204 and a JSON object where text was declared', () => {
    expect(validator.validate('DELETE', '/logout', 204, { ok: true })).toEqual([
      'DELETE /logout 204: body must be empty, got object',
    ]);
    const text = { contentType: 'text/plain' };
    expect(validator.validate('GET', '/queries/{query_id}/run/{result_format}', 200, { a: 1 }, text)).toEqual([
      'GET /queries/{query_id}/run/{result_format} 200: body must be string',
    ]);
  });
});

describe('response selection', () => {
  const tiny: OpenApiDocument = {
    openapi: '3.0.0',
    info: { title: 'tiny', version: '1' },
    paths: {
      '/things/{id}': {
        get: {
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
            '4XX': { $ref: '#/components/responses/Problem' },
            default: { content: { 'application/json': { schema: { type: 'object', required: ['code'] } } } },
          },
        },
      },
    },
    components: {
      schemas: { Thing: { properties: { id: { type: 'integer' } } } },
      responses: {
        Problem: { content: { 'application/json': { schema: { properties: { why: { type: 'string' } } } } } },
      },
    },
  };
  const tinyValidator = createResponseValidator(tiny);

  it('uses the exact status, then the status class, then default', () => {
    expect(tinyValidator.validate('GET', '/things/{id}', 200, { id: 'x' })).toEqual([
      'GET /things/{id} 200: body.id must be integer',
    ]);
    expect(tinyValidator.validate('GET', '/things/{id}', 418, { why: 7 })).toEqual([
      'GET /things/{id} 418: body.why must be string',
    ]);
    expect(tinyValidator.validate('GET', '/things/{id}', 503, {})).toEqual([
      "GET /things/{id} 503: body must have required property 'code'",
    ]);
    expect(tinyValidator.validate('GET', '/things/{id}', 503, { code: 1 })).toEqual([]);
  });

  it('says so when the status, the operation or the media type is not declared', () => {
    expect(validator.validate('GET', '/looks', 500, [])).toEqual([
      'GET /looks 500: status not declared (declared: 200, 400, 404, 429)',
    ]);
    expect(validator.validate('PUT', '/looks', 200, [])).toEqual(['PUT /looks 200: no such operation in the spec']);
    expect(validator.validate('GET', '/looks', 200, [], { contentType: 'image/png' })).toEqual([
      'GET /looks 200: content type image/png not declared (declared: application/json)',
    ]);
  });
});
