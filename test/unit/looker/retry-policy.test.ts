import { isRetryableStatus, retryDelayMs, sleep } from '../../../src/looker/retry-policy';

const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5_000 };

test('only 429 and gateway-type 5xx are retryable', () => {
  expect([429, 502, 503, 504].every(isRetryableStatus)).toBe(true);
  expect([400, 401, 404, 422, 500].some(isRetryableStatus)).toBe(false);
});

test('Retry-After wins over backoff, bounded by the policy', () => {
  expect(retryDelayMs(policy, 1, 2)).toBe(2_000);
  expect(retryDelayMs(policy, 1, 60)).toBe(5_000);
  expect(retryDelayMs(policy, 1, 0)).toBe(0);
});

test('backoff doubles with jitter between half and all of the step', () => {
  expect(retryDelayMs(policy, 1, undefined, () => 0)).toBe(50);
  expect(retryDelayMs(policy, 1, undefined, () => 1)).toBe(100);
  expect(retryDelayMs(policy, 3, undefined, () => 1)).toBe(400);
  expect(retryDelayMs(policy, 20, undefined, () => 1)).toBe(5_000);
});

test('sleep stops at once when its signal aborts', async () => {
  const controller = new AbortController();
  const pending = sleep(60_000, controller.signal);
  controller.abort(new Error('deadline'));
  await expect(pending).rejects.toThrow('deadline');
});
