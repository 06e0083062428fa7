import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  collectRefs,
  extractSubset,
  LOOKER_SUBSET_OPERATIONS,
  parseComponentRef,
} from '../../../scripts/extract-looker-spec';
import { LOOKER_SPEC_FIXTURE, listOperations, loadLookerSpec, resolveLocalRef } from '../../support/openapi-validator';

const spec = loadLookerSpec();
const fixtureDir = join(__dirname, '..', '..', 'fixtures', 'looker-api');

describe('the committed Looker spec subset', () => {
  it('holds exactly the listed operations', () => {
    const inFixture = listOperations(spec)
      .map((op) => `${op.method} ${op.pathTemplate}`)
      .sort();
    const listed = LOOKER_SUBSET_OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort();
    expect(inFixture).toEqual(listed);
  });

  it('resolves every $ref and keeps no schema that nothing references', () => {
    const refs = [...collectRefs(spec)];
    const unresolved = refs.filter((ref) => resolveLocalRef(spec, ref) === undefined);
    expect(unresolved).toEqual([]);
    const schemas = Object.keys((spec.components?.schemas ?? {}) as Record<string, unknown>);
    const referenced = new Set(refs.map((ref) => parseComponentRef(ref).name));
    expect(schemas.filter((name) => !referenced.has(name))).toEqual([]);
    expect(schemas).toEqual(expect.arrayContaining(['Look', 'LookWithQuery', 'Error', 'AccessToken', 'QueryTask']));
  });

  it('carries the spec licence and a README naming its source', () => {
    expect(readFileSync(join(fixtureDir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    const readme = readFileSync(join(fixtureDir, 'README.md'), 'utf8');
    expect(readme).toContain('sdk-codegen');
    expect(readme).toContain('npx tsx scripts/extract-looker-spec.ts');
  });

  const fullSpecPath = join(__dirname, '..', '..', '..', '..', 'shared', 'looker', 'Looker.4.0.oas.json');
  // The full spec lives outside the repository; where it is present, the fixture must match it.
  (existsSync(fullSpecPath) ? it : it.skip)('is what the extraction script produces from the full spec', () => {
    const full: unknown = JSON.parse(readFileSync(fullSpecPath, 'utf8'));
    const expected = `${JSON.stringify(extractSubset(full as Record<string, unknown>, LOOKER_SUBSET_OPERATIONS), null, 2)}\n`;
    expect(readFileSync(LOOKER_SPEC_FIXTURE, 'utf8') === expected).toBe(true);
  });
});

describe('extractSubset', () => {
  const full = {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    servers: [{ url: '/api' }],
    paths: {
      '/a': {
        get: {
          parameters: [{ $ref: '#/components/parameters/Limit' }],
          responses: { '200': { $ref: '#/components/responses/AList' } },
        },
        post: { requestBody: { $ref: '#/components/requestBodies/NewA' }, responses: {} },
      },
      '/b': {
        get: {
          responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/B' } } } } },
        },
      },
    },
    components: {
      parameters: { Limit: { name: 'limit', in: 'query', schema: { $ref: '#/components/schemas/Count' } } },
      responses: {
        AList: { content: { 'application/json': { schema: { items: { $ref: '#/components/schemas/A' } } } } },
      },
      requestBodies: { NewA: { content: { 'application/json': { schema: { $ref: '#/components/schemas/NewA' } } } } },
      schemas: {
        A: { properties: { owner: { $ref: '#/components/schemas/Owner' } } },
        Owner: { properties: { self: { $ref: '#/components/schemas/Owner' } } },
        Count: { type: 'integer' },
        NewA: { properties: {} },
        B: { properties: {} },
      },
    },
  };

  it('keeps the chosen methods and follows refs through parameters, responses and schemas', () => {
    const subset = extractSubset(full, [{ method: 'get', path: '/a' }]);
    expect(Object.keys(subset)).toEqual(['openapi', 'info', 'servers', 'paths', 'components']);
    expect(Object.keys(subset.paths as object)).toEqual(['/a']);
    expect(Object.keys((subset.paths as Record<string, object>)['/a'] ?? {})).toEqual(['get']);
    expect(subset.components).toEqual({
      parameters: { Limit: full.components.parameters.Limit },
      responses: { AList: full.components.responses.AList },
      schemas: {
        A: full.components.schemas.A,
        Owner: full.components.schemas.Owner,
        Count: full.components.schemas.Count,
      },
    });
  });

  it('fails loudly on an operation or a $ref that is not in the spec', () => {
    expect(() => extractSubset(full, [{ method: 'delete', path: '/a' }])).toThrow(
      'operation not in the spec: DELETE /a',
    );
    const broken = {
      ...full,
      paths: { '/c': { get: { responses: { '200': { $ref: '#/components/responses/Gone' } } } } },
    };
    expect(() => extractSubset(broken, [{ method: 'get', path: '/c' }])).toThrow('#/components/responses/Gone');
  });
});
