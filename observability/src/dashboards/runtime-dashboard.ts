/** The Node.js process: event loop, heap, garbage collection, CPU, memory, readiness and build. */
import { METRICS } from '@slipway/contract';
import { newDashboard, svc, timeseries, VARIABLES } from './dashboard-parts.js';

export function runtimeDashboard() {
  const rate = (metric: string) => `rate(${metric}${svc()}[${VARIABLES.rateInterval}])`;
  return newDashboard('runtime', 'Slipway / Node.js runtime', 'Event loop, heap, GC, CPU and memory per pod.')
    .withPanel(
      timeseries('Event loop lag', 's', [
        { expr: `${METRICS.eventLoopLagP99}${svc()}`, legend: 'p99 {{instance}}' },
        { expr: `${METRICS.eventLoopLag}${svc()}`, legend: 'last {{instance}}' },
      ]),
    )
    .withPanel(
      timeseries('Heap used', 'bytes', [{ expr: `${METRICS.heapUsed}${svc()}`, legend: '{{instance}}' }]),
    )
    .withPanel(
      timeseries('Time in garbage collection', 'percentunit', [
        {
          expr: `sum by (instance, kind) (${rate(`${METRICS.gcDuration}_sum`)})`,
          legend: '{{kind}} {{instance}}',
        },
      ]),
    )
    .withPanel(timeseries('CPU', 'percentunit', [{ expr: rate(METRICS.cpuSeconds), legend: '{{instance}}' }]))
    .withPanel(
      timeseries('Resident memory', 'bytes', [
        { expr: `${METRICS.residentMemory}${svc()}`, legend: '{{instance}}' },
      ]),
    )
    .withPanel(
      timeseries('Ready', 'none', [
        { expr: `${METRICS.ready}${svc()}`, legend: '{{instance}}' },
        { expr: `${METRICS.buildInfo}${svc()}`, legend: '{{version}} {{commit}} {{node_version}}' },
      ]),
    );
}
