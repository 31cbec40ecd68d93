/**
 * HTTP Strict Transport Security: a browser honours it only over HTTPS, so whoever terminates TLS
 * sends it — the ALB in AWS (deploy/ renders it onto the load balancer), or the service itself when
 * `HSTS_MAX_AGE_SECONDS` is set because it terminates TLS.
 */

/** One year: the max-age the AWS load balancer announces (the HSTS preload list's minimum). */
export const EDGE_HSTS_MAX_AGE_SECONDS = 31_536_000;

/** The Strict-Transport-Security header value for a max-age. */
export function hstsHeaderValue(maxAgeSeconds: number): string {
  return `max-age=${maxAgeSeconds}; includeSubDomains`;
}
