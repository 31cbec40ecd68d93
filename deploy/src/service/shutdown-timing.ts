/**
 * How a pod stops, derived from the service's own timing constants (never retyped).
 *
 *   deletion ──preStop sleep (drain)──▶ SIGTERM ──app drain (readiness 503, still serving)──▶
 *   stop accepting ──in-flight requests finish (≤ request timeout)──▶ exit (≤ shutdown timeout)
 *
 * The preStop sleep keeps the untouched process serving while the endpoint removal reaches
 * kube-proxy and the load balancer; the service's own drain after SIGTERM repeats that margin for
 * runtimes without preStop hooks (podman, compose) and for slow target deregistration. The grace
 * period must outlast the preStop sleep plus the service's own upper bound on shutdown.
 */
import {
  DEFAULT_DRAIN_SECONDS,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  DEFAULT_SHUTDOWN_TIMEOUT_SECONDS,
} from '@slipway/contract';
import type { PlainSettings } from '../environments/environment.js';

export interface ShutdownTiming {
  preStopSleepSeconds: number;
  drainSeconds: number;
  slowestRequestSeconds: number;
  shutdownTimeoutSeconds: number;
  terminationGracePeriodSeconds: number;
  /** Load balancer deregistration delay: long enough for the slowest in-flight request. */
  deregistrationDelaySeconds: number;
}

/** Spare seconds on top of the worst case, for the kubelet and a slow event loop. */
const GRACE_MARGIN_SECONDS = 5;

/** The timing for an environment's settings (the service's defaults where it sets none). */
export function shutdownTiming(settings: PlainSettings = {}): ShutdownTiming {
  const drainSeconds = settings.SHUTDOWN_DRAIN_SECONDS ?? DEFAULT_DRAIN_SECONDS;
  const preStopSleepSeconds = drainSeconds;
  const slowestRequestSeconds = settings.REQUEST_TIMEOUT_SECONDS ?? DEFAULT_REQUEST_TIMEOUT_SECONDS;
  const shutdownTimeoutSeconds = settings.SHUTDOWN_TIMEOUT_SECONDS ?? DEFAULT_SHUTDOWN_TIMEOUT_SECONDS;
  const worstCase =
    preStopSleepSeconds + Math.max(shutdownTimeoutSeconds, drainSeconds + slowestRequestSeconds);
  return {
    preStopSleepSeconds,
    drainSeconds,
    slowestRequestSeconds,
    shutdownTimeoutSeconds,
    terminationGracePeriodSeconds: worstCase + GRACE_MARGIN_SECONDS,
    deregistrationDelaySeconds: drainSeconds + slowestRequestSeconds,
  };
}
