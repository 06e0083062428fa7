import { LookerError } from '../../../src/looker/errors';
import type { QueryTaskState } from '../../../src/looker/query-task-state';
import { TaskPoller } from '../../../src/looker/task-poller';

/** A Looker stand-in that answers task states from a table the test changes, recording each poll. */
function fakeLooker() {
  const states = new Map<string, QueryTaskState>();
  const polls: string[][] = [];
  const missing: QueryTaskState = { status: 'missing' };
  const poll = (ids: readonly string[]) => {
    polls.push([...ids]);
    return Promise.resolve(new Map<string, QueryTaskState>(ids.map((id) => [id, states.get(id) ?? missing])));
  };
  return { states, polls, poll };
}

const fast = { firstMs: 1, factor: 1, maxMs: 1 };
const empty = { fields: [], rows: [], sql: null };

test("a request's tasks are polled together, in one call per round", async () => {
  const looker = fakeLooker();
  looker.states.set('a', { status: 'running' });
  looker.states.set('b', { status: 'running' });
  const poller = new TaskPoller(looker.poll, fast);
  const a = poller.wait('a');
  const b = poller.wait('b');
  while (looker.polls.length < 2) await new Promise((resolve) => setTimeout(resolve, 2));
  looker.states.set('a', { status: 'complete', result: empty });
  looker.states.set('b', { status: 'cancelled' });
  expect(await a).toEqual({ status: 'complete', result: empty });
  expect(await b).toEqual({ status: 'cancelled' });
  expect(looker.polls.every((ids) => ids.length === 2)).toBe(true);
});

test('an abort stops waiting with its reason, and the task is polled no more', async () => {
  const looker = fakeLooker();
  looker.states.set('a', { status: 'running' });
  const poller = new TaskPoller(looker.poll, fast);
  const stop = new AbortController();
  const waiting = poller.wait('a', stop.signal);
  while (looker.polls.length < 1) await new Promise((resolve) => setTimeout(resolve, 2));
  const reason = new LookerError('LOOKER_UNAVAILABLE', 'late', 'query_task');
  stop.abort(reason);
  await expect(waiting).rejects.toBe(reason);
  const polled = looker.polls.length;
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(looker.polls.length).toBe(polled);
});

test('a failing poll fails the tasks it asked about, as a LookerError', async () => {
  const poller = new TaskPoller(() => Promise.reject(new TypeError('unexpected shape')), fast);
  await expect(poller.wait('a')).rejects.toMatchObject({ code: 'LOOKER_UNAVAILABLE' });
});
