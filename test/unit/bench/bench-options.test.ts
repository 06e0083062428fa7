import { parseOptions } from '../../../bench/options';

describe('npm run bench options: scenario C', () => {
  it('runs every scenario and the caches by default', () => {
    expect(parseOptions([])).toMatchObject({
      scenarios: ['1', '2', '3', '4', '5'],
      cacheScenarios: true,
      cacheResultTtlS: 5,
    });
  });

  it('runs only the caches with --scenarios C', () => {
    expect(parseOptions(['--scenarios', 'C', '--cache-result-ttl', '10'])).toMatchObject({
      scenarios: [],
      cacheScenarios: true,
      cacheResultTtlS: 10,
    });
  });

  it('leaves the caches out when the list does not name them', () => {
    expect(parseOptions(['--scenarios', '1,3'])).toMatchObject({ scenarios: ['1', '3'], cacheScenarios: false });
  });

  it('refuses unknown ids, a zero TTL and a profile of the caches alone', () => {
    expect(() => parseOptions(['--scenarios', 'C,9'])).toThrow(/--scenarios takes ids among 1,2,3,4,5,C/);
    expect(() => parseOptions(['--cache-result-ttl', '0'])).toThrow(/--cache-result-ttl/);
    expect(() => parseOptions(['--profile', '--scenarios', 'C'])).toThrow(/--profile/);
  });
});
