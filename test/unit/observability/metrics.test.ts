import {
  MAX_OPERATION_LABELS,
  operationLabel,
  reportLookerSlots,
  startMetricsServer,
} from '../../../src/observability';
import { scrape } from '../../e2e/observability/scrape';

test('operation names become bounded label values', () => {
  expect(operationLabel(undefined)).toBe('anonymous');
  expect(operationLabel(null)).toBe('anonymous');
  expect(operationLabel('')).toBe('anonymous');
  expect(operationLabel('PageOfLooks')).toBe('PageOfLooks');
  // Not a GraphQL name (a refused document may carry any operationName): never a label as is.
  expect(operationLabel('a b')).toBe('other');
  expect(operationLabel('x'.repeat(101))).toBe('other');
  for (let i = 0; i < MAX_OPERATION_LABELS * 2; i += 1) operationLabel(`Op${i}`);
  // The first names keep their label; past the bound every new name is `other`.
  expect(operationLabel('PageOfLooks')).toBe('PageOfLooks');
  expect(operationLabel('Op0')).toBe('Op0');
  expect(operationLabel(`Op${MAX_OPERATION_LABELS * 2 - 1}`)).toBe('other');
  expect(operationLabel('BrandNew')).toBe('other');
});

test('Looker slots reported per class of caller are served as gauges', async () => {
  const metrics = await startMetricsServer(0);
  try {
    reportLookerSlots('ordinary', 3, 1);
    reportLookerSlots('heavy', 2, 7);
    reportLookerSlots('ordinary', 1, 0);
    const scraped = await scrape(metrics.url);
    expect(scraped.value('looker_concurrency_in_use', { class: 'ordinary' })).toBe(1);
    expect(scraped.value('looker_concurrency_queued', { class: 'ordinary' })).toBe(0);
    expect(scraped.value('looker_concurrency_in_use', { class: 'heavy' })).toBe(2);
    expect(scraped.value('looker_concurrency_queued', { class: 'heavy' })).toBe(7);
  } finally {
    await metrics.close();
  }
});
