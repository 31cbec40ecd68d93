import { expect, it } from 'vitest';
import { parseCpuList, planCpus } from '../src/machine/cpu-pinning.js';
import { DEFAULT_SETTINGS, settingsFromEnvironment } from '../src/run/bench-settings.js';

it('takes the row length, connections and rounds from BENCH_SECONDS, BENCH_CONNECTIONS and BENCH_ROUNDS, with a fifth of a row to warm up', () => {
  expect(settingsFromEnvironment({})).toEqual(DEFAULT_SETTINGS);
  expect(
    settingsFromEnvironment({ BENCH_SECONDS: '30', BENCH_CONNECTIONS: '100', BENCH_ROUNDS: '5' }),
  ).toMatchObject({
    seconds: 30,
    warmupSeconds: 6,
    connections: 100,
    rounds: 5,
  });
});

it('refuses a setting that is not a whole number in range, naming it', () => {
  expect(() => settingsFromEnvironment({ BENCH_SECONDS: '10s' })).toThrow(
    'BENCH_SECONDS must be a whole number from 1 to 600, got "10s"',
  );
  expect(() => settingsFromEnvironment({ BENCH_CONNECTIONS: '0' })).toThrow('BENCH_CONNECTIONS must be');
  expect(() => settingsFromEnvironment({ BENCH_ROUNDS: '21' })).toThrow('BENCH_ROUNDS must be');
});

it('gives the load generator and the servers a CPU each, and says so when there are not two', () => {
  expect(parseCpuList('0-1')).toEqual([0, 1]);
  expect(parseCpuList('0,2-3\n')).toEqual([0, 2, 3]);
  expect(planCpus([2, 3, 5])).toEqual({ load: 2, server: 3 });
  expect(() => planCpus([0])).toThrow('the benchmark needs 2 CPUs');
});
