import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createAuditSink } from '../../../src/audit/audit-sink';
import { splitChainedLine } from '../../../src/audit/audit-chain';
import { verifyAuditFiles, type ChainVerdict } from '../../../src/audit/verify-audit-files';
import { Secret } from '../../../src/config';
import { memoryLines } from '../../support/log-capture';

const key = new Secret('audit-chain-test-key-0123456789abcdef');

function freshFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'audit-chain-')), 'audit.log');
}

function writeEvents(sink: Logger, ids: readonly string[]): void {
  for (const requestId of ids)
    sink.info({ type: 'operator', time: new Date().toISOString(), requestId, action: 'cache.flush', status: 200 });
}

/** The verdict has no problem, and the counts given. */
function expectIntact(verdict: ChainVerdict, counts: { events: number; files?: number }): void {
  expect(verdict.problem).toBeUndefined();
  expect(verdict).toMatchObject(counts);
}

const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n');
const save = (file: string, all: readonly string[]) => writeFileSync(file, `${all.join('\n')}\n`);

test('each line keeps its fields and gains seq, prev, kid and hash, linked to the one before', () => {
  const { stream, lines: written } = memoryLines();
  writeEvents(createAuditSink({ destination: stream }), ['a', 'b']);
  const [first, second] = written.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(first).toEqual({
    log: 'audit',
    type: 'operator',
    time: expect.any(String),
    requestId: 'a',
    action: 'cache.flush',
    status: 200,
    seq: 1,
    prev: null,
    kid: 'sha256',
    hash: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  expect(second).toMatchObject({ requestId: 'b', seq: 2, prev: first?.hash });
  // The hash covers the line as written, without the hash itself.
  const split = splitChainedLine(written[1] as string);
  expect(
    createHash('sha256')
      .update(split?.canonical ?? '')
      .digest('hex'),
  ).toBe(second?.hash);
});

test('an intact file verifies; a changed, removed or swapped line is named', () => {
  const file = freshFile();
  writeEvents(createAuditSink({ file }), ['r1', 'r2', 'r3', 'r4']);
  expectIntact(verifyAuditFiles([file]), { events: 4 });
  const original = lines(file);

  save(
    file,
    original.map((l, i) => (i === 1 ? l.replace('"status":200', '"status":500') : l)),
  );
  expect(verifyAuditFiles([file]).problem).toMatchObject({
    kind: 'changed',
    line: 2,
    event: { seq: 2, requestId: 'r2' },
  });

  save(
    file,
    original.filter((_, i) => i !== 1),
  );
  expect(verifyAuditFiles([file]).problem).toMatchObject({
    kind: 'removed',
    line: 2,
    event: { seq: 3, requestId: 'r3' },
    detail: expect.stringContaining('seq 2 missing'),
  });

  save(file, [original[0], original[2], original[1], original[3]] as string[]);
  expect(verifyAuditFiles([file]).problem).toMatchObject({ kind: 'reordered', line: 2, event: { seq: 3 } });
});

test('a process appending to an existing file continues its chain', () => {
  const file = freshFile();
  writeEvents(createAuditSink({ file }), ['first-process']);
  writeEvents(createAuditSink({ file }), ['second-process']);
  const [a, b] = lines(file).map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(b).toMatchObject({ seq: 2, prev: a?.hash });
  expectIntact(verifyAuditFiles([file]), { events: 2 });
});

test('a line cut short by a crash is named, and the next process writes on a line of its own', () => {
  const file = freshFile();
  writeEvents(createAuditSink({ file }), ['whole']);
  writeFileSync(file, `${readFileSync(file, 'utf8')}{"log":"audit","type":"oper`);
  writeEvents(createAuditSink({ file }), ['after-crash']);
  expect(lines(file)).toHaveLength(3);
  expect(JSON.parse(lines(file)[2] as string)).toMatchObject({ requestId: 'after-crash', seq: 1, prev: null });
  expect(verifyAuditFiles([file]).problem).toMatchObject({ kind: 'changed', line: 2 });
});

test('rotation by rename (create) and by copytruncate keeps the chain across files', () => {
  const file = freshFile();
  const sink = createAuditSink({ file });
  writeEvents(sink, ['before-1', 'before-2']);
  renameSync(file, `${file}.2`);
  writeEvents(sink, ['after-rename']);
  // copytruncate: the file is copied, then emptied in place while still open.
  writeFileSync(`${file}.1`, readFileSync(file));
  truncateSync(file, 0);
  writeEvents(sink, ['after-truncate']);

  expectIntact(verifyAuditFiles([`${file}.2`, `${file}.1`, file]), { events: 4, files: 3 });
  // The newest file alone is a chain segment whose beginning is elsewhere: a note, not a failure.
  const alone = verifyAuditFiles([file]);
  expect(alone.problem).toBeUndefined();
  expect(alone.notes.join('\n')).toContain('segment starts at seq 4');
  // A file left out between two given ones is named.
  expect(verifyAuditFiles([`${file}.2`, file]).problem).toMatchObject({ kind: 'removed', file, line: 1 });
});

test('with a key, an edit whose plain SHA-256 is recomputed is still detected, and the key never appears', () => {
  const file = freshFile();
  writeEvents(createAuditSink({ file, hmacKey: key }), ['k1', 'k2']);
  const text = readFileSync(file, 'utf8');
  expect(text).not.toContain(key.reveal());
  expect(JSON.parse(lines(file)[0] as string)).toMatchObject({
    kid: createHash('sha256').update(key.reveal()).digest('hex').slice(0, 8),
  });
  expectIntact(verifyAuditFiles([file], [key]), { events: 2 });

  // A forger without the key edits line 2 and recomputes its hash as plain SHA-256.
  const forged = lines(file).map((l, i) => {
    if (i !== 1) return l;
    const edited = splitChainedLine(l.replace('"status":200', '"status":204'));
    return `${edited?.canonical.slice(0, -1)},"hash":"${createHash('sha256')
      .update(edited?.canonical ?? '')
      .digest('hex')}"}`;
  });
  save(file, forged);
  expect(verifyAuditFiles([file], [key]).problem).toMatchObject({ kind: 'changed', line: 2 });
  // Without the key, keyed events cannot be checked at all, rather than passing.
  expect(verifyAuditFiles([file]).problem).toMatchObject({ kind: 'unverifiable', line: 1 });
});

test('write overhead of the chain, per event (printed, not asserted)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-bench-'));
  const event = { type: 'operator', time: new Date().toISOString(), requestId: 'x'.repeat(36), status: 200 };
  const perEvent = (sink: Logger, n: number) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) sink.info(event);
    return Number(process.hrtime.bigint() - start) / n / 1000;
  };
  const n = 5000;
  // The same pino settings without the chain: the baseline every event already paid.
  const plainSink = pino(
    { base: undefined, timestamp: false },
    pino.destination({ dest: join(dir, 'plain.log'), sync: true }),
  );
  perEvent(plainSink, 500);
  perEvent(createAuditSink({ file: join(dir, 'warm.log') }), 500);
  const plain = perEvent(plainSink, n);
  const chained = perEvent(createAuditSink({ file: join(dir, 'chained.log') }), n);
  const keyed = perEvent(createAuditSink({ file: join(dir, 'keyed.log'), hmacKey: key }), n);
  process.stdout.write(
    `audit write per event: plain ${plain.toFixed(1)} µs, chained SHA-256 ${chained.toFixed(1)} µs, chained HMAC ${keyed.toFixed(1)} µs\n`,
  );
  expect(lines(join(dir, 'keyed.log'))).toHaveLength(n);
});
