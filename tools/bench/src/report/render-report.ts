/** The benchmark's section of docs/benchmarks.md, as Markdown. */
import type { BenchReport, ProfileRun } from '../run/bench-report.js';
import { TARGETS } from '../run/bench-report.js';
import type { StartProfile } from '../run/profile-start.js';
import { SCENARIOS } from '../run/scenarios.js';
import { GOALS, median, PAIRS, pairRatios, type RoundRatio } from './ratios.js';

const percent = (share: number) => `${Math.round(share * 100)} %`;
const factor = (value: number) => `${value.toFixed(1)}×`;
const ms = (value: number) => value.toFixed(2);
const verdict = (met: boolean) => (met ? 'met' : 'missed');

function machineLines(report: BenchReport, command: string): string[] {
  const { machine, settings, cpus } = report;
  return [
    `Measured ${machine.date} on ${machine.cores} × ${machine.cpuModel} (Linux ${machine.kernel}), Node ${machine.node}; ` +
      `one-minute load average ${machine.loadAverage.toFixed(1)} when the run started.`,
    `wrk (1 thread, ${settings.connections} connections) ran on CPU ${cpus.load}; every server, and PostgreSQL, on CPU ${cpus.server}. ` +
      `${settings.seconds} s per row after ${settings.warmupSeconds} s of the same load that is not counted; all rows in this one run. ` +
      `Bare Fastify and the service on the same driver ran in alternation, ${settings.rounds} round${settings.rounds === 1 ? '' : 's'}, the first of the pair swapping every round; each ratio is the median of the rounds' ratios, with their range.`,
    '',
    `Command: \`${command}\` (\`BENCH_SECONDS\`, \`BENCH_CONNECTIONS\` and \`BENCH_ROUNDS\` change the run).`,
  ];
}

function rowsTable(report: BenchReport): string[] {
  const lines = [
    '| target | request | round | req/s | p50 ms | p99 ms | errors | server CPU µs per request | PostgreSQL CPU µs per request |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { target, scenario, round, result, serverCpuUs, databaseCpuUs } of report.rows) {
    const database = databaseCpuUs === undefined ? '' : String(Math.round(databaseCpuUs));
    lines.push(
      `| ${target} | ${SCENARIOS[scenario]} | ${round} | ${Math.round(result.requestsPerSecond)} | ${ms(result.p50Ms)} | ${ms(result.p99Ms)} | ${result.errors} | ${Math.round(serverCpuUs)} | ${database} |`,
    );
  }
  return lines;
}

function ratiosTable(report: BenchReport): string[] {
  const ratios = pairRatios(report);
  const cells = (pick: (r: (typeof ratios)[number]) => string) => ratios.map(pick).join(' | ');
  const range = (v: RoundRatio, show: (x: number) => string) =>
    v.min === v.max ? '' : `; rounds ${show(v.min)} to ${show(v.max)}`;
  const share = (v: RoundRatio) =>
    `${percent(v.median)} (${verdict(v.median >= GOALS.throughputShare)}${range(v, percent)})`;
  const p99 = (v: RoundRatio) =>
    `${factor(v.median)} (${verdict(v.median <= GOALS.p99Factor)}${range(v, factor)})`;
  const cpu = (v: RoundRatio) =>
    `${factor(v.median)}${v.min === v.max ? '' : ` (rounds ${factor(v.min)} to ${factor(v.max)})`}`;
  return [
    `| service ÷ bare Fastify on the same driver | ${PAIRS.map((p) => p.database).join(' | ')} | target |`,
    `| --- |${PAIRS.map(() => ' ---: |').join('')} --- |`,
    `| ${SCENARIOS.get} req/s | ${cells((r) => share(r.throughput.get))} | ≥ ${percent(GOALS.throughputShare)} |`,
    `| ${SCENARIOS.post} req/s | ${cells((r) => share(r.throughput.post))} | ≥ ${percent(GOALS.throughputShare)} |`,
    `| ${SCENARIOS.get} p99 | ${cells((r) => p99(r.p99.get))} | ≤ ${factor(GOALS.p99Factor)} |`,
    `| ${SCENARIOS.post} p99 | ${cells((r) => p99(r.p99.post))} | ≤ ${factor(GOALS.p99Factor)} |`,
    `| the service's ${SCENARIOS.root} ÷ ${TARGETS.raw} hello (not paired: measured minutes apart) | ${cells((r) => percent(r.rootOfRaw))} | |`,
    `| server CPU per ${SCENARIOS.get}, service ÷ bare | ${cells((r) => cpu(r.cpu.get))} | |`,
    `| server CPU per ${SCENARIOS.post}, service ÷ bare | ${cells((r) => cpu(r.cpu.post))} | |`,
  ];
}

function startAndMemoryTable(report: BenchReport): string[] {
  const startMedian = median(report.startToReadyMs);
  const runs = report.startToReadyMs.map((v) => Math.round(v)).join(', ');
  const lines = [
    '| figure | measured | target |',
    '| --- | ---: | --- |',
    `| start → \`/readyz\` 200 of the bundle on SQLite, median of ${report.startToReadyMs.length} (${runs} ms) | ${Math.round(startMedian)} ms (${verdict(startMedian <= GOALS.startToReadyMs)}) | ≤ ${GOALS.startToReadyMs} ms |`,
  ];
  if (report.referenceStartMs.length > 0) {
    const referenceMedian = median(report.referenceStartMs);
    const referenceRuns = report.referenceStartMs.map((v) => Math.round(v)).join(', ');
    lines.push(
      `| for reference: start → first 200 of bare Fastify with one route, bundled the same way, median of ${report.referenceStartMs.length} (${referenceRuns} ms) | ${Math.round(referenceMedian)} ms | |`,
      `| the service's start ÷ the reference's | ${factor(startMedian / referenceMedian)} | |`,
    );
  }
  for (const target of Object.values(TARGETS)) {
    const mb = report.residentMb[target];
    if (mb === undefined) continue;
    const isService = target === TARGETS.serviceSqlite || target === TARGETS.servicePostgres;
    lines.push(
      `| resident memory after its rows, ${target} | ${Math.round(mb)} MB${isService ? ` (${verdict(mb <= GOALS.residentMb)})` : ''} | ${isService ? `≤ ${GOALS.residentMb} MB` : ''} |`,
    );
  }
  return lines;
}

const profileTitle = (run: ProfileRun) => `${run.database}, ${SCENARIOS[run.scenario]}`;

function layersTable(profiles: ProfileRun[]): string[] {
  // Layers in the order of their largest share in any profile.
  const largest = new Map<string, number>();
  for (const run of profiles) {
    for (const { layer, share } of run.summary.layers)
      largest.set(layer, Math.max(largest.get(layer) ?? 0, share));
  }
  const layers = [...largest].sort((a, b) => b[1] - a[1]).map(([layer]) => layer);
  const lines = [
    `| layer (share of the busy CPU time) | ${profiles.map(profileTitle).join(' | ')} |`,
    `| --- |${profiles.map(() => ' ---: |').join('')}`,
  ];
  for (const layer of layers) {
    const cells = profiles.map((run) => {
      const share = run.summary.layers.find((l) => l.layer === layer)?.share ?? 0;
      return share < 0.005 ? (share === 0 ? '—' : '< 1 %') : percent(share);
    });
    lines.push(`| ${layer} | ${cells.join(' | ')} |`);
  }
  const busy = profiles.map(({ summary }) => {
    const sampled = summary.busyMs + summary.idleMs;
    return sampled > 0 ? percent(summary.busyMs / sampled) : 'no samples';
  });
  lines.push(`| *the server CPU was busy* | ${busy.join(' | ')} |`);
  return lines;
}

function hottestFunctions(profiles: ProfileRun[]): string[] {
  const lines = ['<details><summary>The functions with the most self time, by profile</summary>', ''];
  for (const run of profiles) {
    lines.push(
      `${profileTitle(run)}:`,
      '',
      '| function | source | layer | share |',
      '| --- | --- | --- | ---: |',
    );
    for (const hot of run.summary.hottest) {
      lines.push(`| \`${hot.name}\` | ${hot.source || '(native)'} | ${hot.layer} | ${percent(hot.share)} |`);
    }
    lines.push('');
  }
  lines.push('</details>');
  return lines;
}

function startProfileLines(start: StartProfile | undefined): string[] {
  if (start === undefined) return [];
  const { summary } = start;
  const lines = [
    '#### Where the start-up time goes, by layer',
    '',
    `One more start of the bundle on SQLite under \`node --cpu-prof\`, from the process's first sample to the moment \`/readyz\` answered 200 (${Math.round(start.startMs)} ms under the profiler; ` +
      `the CPU was busy ${Math.round(summary.busyMs)} ms of it and waited ${Math.round(summary.idleMs)} ms). Attributed as above.`,
    '',
    '| layer | ms | share of the busy time |',
    '| --- | ---: | ---: |',
  ];
  for (const { layer, ms: layerMs, share } of summary.layers) {
    if (share < 0.005) continue;
    lines.push(`| ${layer} | ${Math.round(layerMs)} | ${percent(share)} |`);
  }
  lines.push(
    '',
    '<details><summary>The functions with the most self time during the start</summary>',
    '',
    '| function | source | layer | share |',
    '| --- | --- | --- | ---: |',
    ...summary.hottest.map(
      (hot) => `| \`${hot.name}\` | ${hot.source || '(native)'} | ${hot.layer} | ${percent(hot.share)} |`,
    ),
    '',
    '</details>',
    '',
  );
  return lines;
}

export function renderReport(report: BenchReport, command: string): string {
  return [
    ...machineLines(report, command),
    '',
    ...rowsTable(report),
    '',
    ...ratiosTable(report),
    '',
    ...startAndMemoryTable(report),
    '',
    ...startProfileLines(report.startProfile),
    '#### Where the service spends its CPU, by layer',
    '',
    `The service under the same load with \`node --cpu-prof\`, one process per database running the requests in turn (profiling slows it, so these runs are not in the table above); each column counts only its measured seconds. ` +
      'Self time of each function, attributed to the layer of its source file through the bundle’s source maps; native code counts for its caller.',
    '',
    ...layersTable(report.profiles),
    '',
    ...hottestFunctions(report.profiles),
  ].join('\n');
}
