import type { ServiceMetrics } from '../metrics/service-metrics.js';

export type Phase = 'starting' | 'ready' | 'draining';

/**
 * Where the process is in its life. Readiness is true only in `ready`: after migrations are
 * applied and before shutdown begins. A database blip does not change the phase.
 */
export function createLifecycle(metrics?: ServiceMetrics) {
  let phase: Phase = 'starting';
  metrics?.ready.set(0);
  return {
    get phase() {
      return phase;
    },
    markReady() {
      if (phase === 'starting') phase = 'ready';
      metrics?.ready.set(phase === 'ready' ? 1 : 0);
    },
    markDraining() {
      phase = 'draining';
      metrics?.ready.set(0);
    },
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
