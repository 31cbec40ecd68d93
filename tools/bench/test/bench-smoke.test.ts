/**
 * The whole harness for real, kept short: one second per row and a few connections, so it checks
 * that every target starts, is driven and is measured, and that the profile is attributed — never
 * how fast anything is (speed belongs in `npm run bench`'s figures, not in assertions).
 */
import { describeWithTool } from '@slipway/testing';
import { beforeAll, expect, it } from 'vitest';
import { LAYER } from '../src/profile/layers.js';
import { pairRatios } from '../src/report/ratios.js';
import { renderReport } from '../src/report/render-report.js';
import { type BenchReport, TARGETS } from '../src/run/bench-report.js';
import { benchTools } from '../src/run/required-tools.js';
import { runBenchmark } from '../src/run/run-benchmark.js';
import { SCENARIOS } from '../src/run/scenarios.js';

describeWithTool('npm run bench, as a one-second smoke run', benchTools(), () => {
  let report: BenchReport;
  let markdown: string;

  beforeAll(async () => {
    report = await runBenchmark({
      settings: { seconds: 1, warmupSeconds: 0, connections: 4, starts: 1, rounds: 2 },
    });
    markdown = renderReport(report, 'npm run bench');
  }, 180_000);

  it('drives every target in one run, bare and service in alternation, the first of each pair swapping every round', () => {
    const pair = (bare: string, service: string) => [
      `${bare}: get, round 1`,
      `${service}: get, round 1`,
      `${bare}: post, round 1`,
      `${service}: post, round 1`,
      `${service}: get, round 2`,
      `${bare}: get, round 2`,
      `${service}: post, round 2`,
      `${bare}: post, round 2`,
      `${service}: root, round 1`,
    ];
    expect(report.rows.map((row) => `${row.target}: ${row.scenario}, round ${row.round}`)).toEqual([
      `${TARGETS.raw}: root, round 1`,
      ...pair(TARGETS.bareSqlite, TARGETS.serviceSqlite),
      ...pair(TARGETS.barePostgres, TARGETS.servicePostgres),
    ]);
    for (const { target, scenario, round, result, serverCpuUs, databaseCpuUs } of report.rows) {
      expect(result.requests, `${target}, ${scenario}`).toBeGreaterThan(0);
      expect(result.errors, `${target}, ${scenario}`).toBe(0);
      expect(serverCpuUs, `${target}, ${scenario}`).toBeGreaterThan(0);
      const onPostgres = target === TARGETS.barePostgres || target === TARGETS.servicePostgres;
      expect(databaseCpuUs !== undefined, `${target}, ${scenario}`).toBe(onPostgres);
      expect(markdown).toContain(
        `| ${target} | ${SCENARIOS[scenario]} | ${round} | ${Math.round(result.requestsPerSecond)} |`,
      );
    }
  });

  it('puts wrk and the servers on different CPUs', () => {
    expect(report.cpus.load).not.toBe(report.cpus.server);
    expect(markdown).toContain(`wrk (1 thread, 4 connections) ran on CPU ${report.cpus.load}`);
  });

  it('reports the service ÷ bare ratios, the start time and the memory of the service', () => {
    for (const ratios of pairRatios(report)) {
      for (const value of [ratios.throughput.get, ratios.throughput.post, ratios.p99.get, ratios.p99.post]) {
        expect(value.median, ratios.database).toBeGreaterThan(0);
        expect(Number.isFinite(value.median), ratios.database).toBe(true);
        expect(value.min).toBeLessThanOrEqual(value.median);
        expect(value.max).toBeGreaterThanOrEqual(value.median);
      }
    }
    expect(report.startToReadyMs).toHaveLength(1);
    expect(report.referenceStartMs).toHaveLength(1);
    expect(report.referenceStartMs[0]).toBeGreaterThan(0);
    expect(markdown).toMatch(
      /start → first 200 of bare Fastify with one route, bundled the same way, median of 1 \(\d+ ms\) \| \d+ ms/,
    );
    expect(report.residentMb[TARGETS.serviceSqlite]).toBeGreaterThan(0);
    expect(report.residentMb[TARGETS.servicePostgres]).toBeGreaterThan(0);
    expect(markdown).toMatch(
      /\| GET \/api\/users\/:id req\/s \| \d+ % \((met|missed)(; rounds \d+ % to \d+ %)?\) \| \d+ % \((met|missed)(; rounds \d+ % to \d+ %)?\) \| ≥ 85 % \|/,
    );
    expect(markdown).toMatch(
      /start → `\/readyz` 200 of the bundle on SQLite, median of 1 \(\d+ ms\) \| \d+ ms/,
    );
  });

  it('attributes the profiled CPU time to the layers of the source, through the bundle’s source maps', () => {
    expect(report.profiles.map((run) => `${run.database}: ${run.scenario}`)).toEqual([
      'SQLite: get',
      'SQLite: post',
      'PostgreSQL: get',
      'PostgreSQL: post',
    ]);
    for (const { database, scenario, summary } of report.profiles) {
      const layers = summary.layers.filter((l) => l.ms > 0).map((l) => l.layer);
      const context = `${database}, ${scenario}: ${layers.join(', ')}`;
      expect(layers, context).toContain(LAYER.node);
      expect(layers, context).toContain(LAYER.fastify);
      expect(layers, context).toContain(database === 'SQLite' ? LAYER.sqlite : 'PostgreSQL driver (pg)');
      expect(
        layers.some((layer) => layer.startsWith('service: ')),
        context,
      ).toBe(true);
      // Every bundled function was traced back to a package or a source file of the service.
      expect(
        layers.filter((layer) => layer.startsWith('other: ')),
        context,
      ).toEqual([]);
    }
    expect(markdown).toContain('| layer (share of the busy CPU time) |');
  });

  it('profiles one start up to the moment it is ready, by layer', () => {
    const layers = (report.startProfile?.summary.layers ?? []).filter((l) => l.ms > 0).map((l) => l.layer);
    expect(layers).toContain(LAYER.modules);
    expect(layers).toContain(LAYER.fastify);
    expect(layers.filter((layer) => layer.startsWith('other: '))).toEqual([]);
    expect(markdown).toContain('#### Where the start-up time goes, by layer');
  });
});
