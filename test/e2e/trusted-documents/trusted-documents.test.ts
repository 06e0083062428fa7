import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createManifestStore, sha256Hex } from '../../../src/trusted-documents';
import { connectMcp, textOf } from '../../support/mcp-client';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Trusted documents over real HTTP with real tokens: `allow` runs registered documents by id and
 * any text; `enforce` runs registered documents only (by `sha256Hash` or `documentId`), refuses
 * anything else before parsing, lets the policy's exempt scope send text, and picks up an edited
 * manifest without a restart.
 */
const looksDocument = 'query TrustedLooks { looks(first: 2) { nodes { id title } } }';
const foldersDocument = 'query TrustedFolders { folders(first: 2) { nodes { id name } } }';
const unregistered = '{ looks(first: 1) { nodes { id } } }';

let dir: string;
const manifestFile = () => join(dir, 'manifest.json');

/** Apollo's manifest format, as `generate-persisted-query-manifest` writes it. */
function apolloManifest(...bodies: string[]): string {
  return JSON.stringify({
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: bodies.map((body) => ({
      id: sha256Hex(body),
      name: /query (\w+)/.exec(body)?.[1],
      type: 'query',
      body,
    })),
  });
}

/** Replaces the file as editors and ConfigMaps do: a new file renamed over the old one. */
function replaceManifest(text: string): void {
  const next = join(dir, 'manifest.json.next');
  writeFileSync(next, text);
  renameSync(next, manifestFile());
}

async function post(
  stack: SubgraphStack,
  body: Record<string, unknown>,
  token?: string,
): Promise<{ status: number; body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } }> {
  const response = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

const byHash = (text: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(text) } } });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trusted-documents-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('allow', () => {
  let stack: SubgraphStack;
  beforeAll(async () => {
    writeFileSync(join(dir, 'allow.json'), apolloManifest(looksDocument));
    stack = await startSubgraphStack({
      env: { TRUSTED_DOCUMENTS: join(dir, 'allow.json'), TRUSTED_DOCUMENTS_MODE: 'allow' },
    });
  });
  afterAll(() => stack?.stop());

  test('a registered hash runs with no text, and any text runs', async () => {
    const token = await stack.token('demo-viewer');
    const hashed = await post(stack, byHash(looksDocument), token);
    expect(hashed.status).toBe(200);
    expect(hashed.body.errors).toBeUndefined();
    expect((hashed.body.data as { looks: { nodes: unknown[] } }).looks.nodes).toHaveLength(2);

    const text = await post(stack, { query: unregistered }, token);
    expect(text.status).toBe(200);
    expect((text.body.data as { looks: { nodes: unknown[] } }).looks.nodes).toHaveLength(1);
  });

  test('an unknown documentId with no text is PERSISTED_QUERY_NOT_FOUND, as clients expect, and audited', async () => {
    const token = await stack.token('demo-viewer');
    const answer = await post(stack, { documentId: 'f'.repeat(64) }, token);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(stack.auditEvents().at(-1)).toMatchObject({ outcome: 'refused', reason: 'persisted_query_not_found' });
  });
});

describe('enforce', () => {
  let stack: SubgraphStack;
  beforeAll(async () => {
    writeFileSync(manifestFile(), apolloManifest(looksDocument));
    writeFileSync(join(dir, 'policy.yaml'), 'rules: []\ntrustedDocuments:\n  exemptScopes: [looker:sql:read]\n');
    stack = await startSubgraphStack({
      env: {
        TRUSTED_DOCUMENTS: manifestFile(),
        TRUSTED_DOCUMENTS_MODE: 'enforce',
        POLICY_FILE: join(dir, 'policy.yaml'),
      },
    });
  });
  afterAll(() => stack?.stop());

  test('unregistered text is refused with PERSISTED_QUERY_NOT_IN_LIST, audited, before Looker is asked', async () => {
    const token = await stack.token('demo-analyst');
    await stack.resetLookerStats();
    const refused = await post(stack, { query: unregistered }, token);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(refused.body.data).toBeUndefined();
    expect((await stack.lookerStats()).total).toBe(0);
    const event = stack.auditEvents().at(-1);
    expect(event).toMatchObject({ outcome: 'refused', reason: 'persisted_query_not_in_list', status: 400 });
    expect(event?.subject).not.toBeNull();
  });

  test('a document that would not parse gets the same refusal, not a parse error', async () => {
    const token = await stack.token('demo-analyst');
    const refused = await post(stack, { query: '{ looks(first: ' }, token);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    // An unknown hash with no text is refused the same way.
    const unknown = await post(stack, byHash(unregistered), token);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  test('a request without a valid token is refused 401 first', async () => {
    const refused = await post(stack, { query: unregistered });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('registered documents run by sha256Hash, by documentId, and as their exact text', async () => {
    const token = await stack.token('demo-viewer');
    for (const body of [byHash(looksDocument), { documentId: sha256Hex(looksDocument) }, { query: looksDocument }]) {
      const answer = await post(stack, body, token);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect((answer.body.data as { looks: { nodes: unknown[] } }).looks.nodes).toHaveLength(2);
    }
  });

  test("the policy's exempt scope may send any text", async () => {
    const admin = await stack.token('demo-admin');
    const answer = await post(stack, { query: unregistered }, admin);
    expect(answer.status).toBe(200);
    expect((answer.body.data as { looks: { nodes: unknown[] } }).looks.nodes).toHaveLength(1);
  });

  test('MCP tools keep working: they run their own documents in process', async () => {
    const client = await connectMcp(stack.url, await stack.token('demo-viewer'), stack.responses);
    try {
      const result = (await client.callTool({ name: 'get_look', arguments: { id: '1' } })) as CallToolResult;
      expect(result.isError).not.toBe(true);
      expect(textOf(result)).not.toContain('PERSISTED_QUERY_NOT_IN_LIST');
      expect(textOf(result).length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  test('the manifest edited on disk is picked up without a restart; a bad edit keeps the last good one', async () => {
    const token = await stack.token('demo-viewer');
    expect((await post(stack, { documentId: sha256Hex(foldersDocument) }, token)).status).toBe(400);
    // GraphQL Code Generator's persisted-documents.json: `{ "<hash>": "<document>" }`.
    replaceManifest(JSON.stringify({ [sha256Hex(foldersDocument)]: foldersDocument }));
    const deadline = Date.now() + 10_000;
    let answer = await post(stack, { documentId: sha256Hex(foldersDocument) }, token);
    while (answer.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await post(stack, { documentId: sha256Hex(foldersDocument) }, token);
    }
    expect(answer.status).toBe(200);
    expect((answer.body.data as { folders: { nodes: unknown[] } }).folders.nodes.length).toBeGreaterThan(0);
    // The old document is no longer registered.
    expect((await post(stack, byHash(looksDocument), token)).status).toBe(400);

    // An id that is not the hash of its document: refused, logged, the last good manifest stays.
    replaceManifest(JSON.stringify({ [sha256Hex(looksDocument)]: foldersDocument }));
    const logged = Date.now() + 10_000;
    while (!stack.logLines.some((l) => l.includes('trusted documents reload failed')) && Date.now() < logged)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stack.logLines.some((l) => l.includes('is not the SHA-256 of its document'))).toBe(true);
    expect((await post(stack, { documentId: sha256Hex(foldersDocument) }, token)).status).toBe(200);
  });
});

test('a bad manifest is refused at start with a message naming the file and the problem', () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, apolloManifest(looksDocument).replace(sha256Hex(looksDocument), sha256Hex(unregistered)));
  const logger = { info: () => undefined, warn: () => undefined };
  expect(() => createManifestStore({ file: bad, logger })).toThrow(
    /bad\.json: operations\[0\]\.id: is not the SHA-256 of its body/,
  );
  expect(() => createManifestStore({ file: join(dir, 'missing.json'), logger })).toThrow(/missing\.json/);
});
