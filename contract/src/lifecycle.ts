/**
 * Timing facts that the service and its deployment must agree on. The Kubernetes preStop hook,
 * terminationGracePeriodSeconds and the container tests are derived from these defaults.
 */

/** After SIGTERM, readiness fails at once but the server keeps serving this long, so load
 * balancers and kube-proxy stop routing here before connections are refused. */
export const DEFAULT_DRAIN_SECONDS = 5;

/** Upper bound on the whole shutdown (drain + in-flight requests + closing the database). */
export const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 20;

/** The slowest request the service lets run: Fastify's request timeout. */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 10;

/** Longer than the AWS ALB's 60 s idle timeout, so the load balancer closes idle connections
 * first and never sends a request on a socket the service is closing. */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_SECONDS = 65;

/** The exit code the service uses for invalid configuration (EX_CONFIG from sysexits.h). */
export const EXIT_CODE_CONFIG_ERROR = 78;
