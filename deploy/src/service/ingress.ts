/**
 * The public entry. AWS: an internet-facing ALB (AWS Load Balancer Controller) that terminates TLS
 * with the ACM certificate it discovers from the TLS host (no certificate ARN in git), redirects
 * HTTP to HTTPS, announces HSTS (where TLS terminates; the service does not send it), and sends
 * traffic straight to pod IPs. Local: Traefik, plain HTTP, so no HSTS.
 */
import {
  EDGE_HSTS_MAX_AGE_SECONDS,
  hstsHeaderValue,
  NAMESPACES,
  OBJECT_NAMES,
  PATHS,
  PORT_NAMES,
} from '@slipway/contract';
import type { Construct } from 'constructs';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { Environment } from '../environments/index.js';
import { addObject } from '../objects/kube-object.js';
import { SERVICE_LABELS } from '../objects/names.js';
import { waiverAnnotations } from '../objects/waivers.js';
import { shutdownTiming } from './shutdown-timing.js';

/** The ALB's idle timeout stays below the service's keep-alive timeout (the contract test checks it). */
export const ALB_IDLE_TIMEOUT_SECONDS = 60;

function albAnnotations(env: Environment): Record<string, string> {
  const timing = shutdownTiming(env.settings);
  return {
    'alb.ingress.kubernetes.io/scheme': 'internet-facing',
    'alb.ingress.kubernetes.io/target-type': 'ip',
    'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP": 80}, {"HTTPS": 443}]',
    'alb.ingress.kubernetes.io/ssl-redirect': '443',
    'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    'alb.ingress.kubernetes.io/backend-protocol': 'HTTP',
    'alb.ingress.kubernetes.io/healthcheck-path': PATHS.readiness,
    'alb.ingress.kubernetes.io/healthcheck-port': 'traffic-port',
    'alb.ingress.kubernetes.io/load-balancer-attributes': [
      `idle_timeout.timeout_seconds=${ALB_IDLE_TIMEOUT_SECONDS}`,
      `routing.http.response.strict_transport_security.header_value=${hstsHeaderValue(EDGE_HSTS_MAX_AGE_SECONDS)}`,
    ].join(','),
    'alb.ingress.kubernetes.io/target-group-attributes': `deregistration_delay.timeout_seconds=${timing.deregistrationDelaySeconds}`,
  };
}

export function serviceIngress(scope: Construct, env: Environment): void {
  const aws = env.ingress.controller === 'aws-load-balancer-controller';
  const annotations = aws
    ? albAnnotations(env)
    : waiverAnnotations([
        {
          check: 'ingress-tls',
          reason: 'local kind cluster: plain HTTP on the developer machine, no certificate',
        },
      ]);
  addObject(
    scope,
    new Ingress({
      metadata: {
        name: OBJECT_NAMES.ingress,
        namespace: NAMESPACES.service,
        labels: { ...SERVICE_LABELS },
        annotations,
      },
      spec: {
        ingressClassName: aws ? 'alb' : 'traefik',
        ...(aws ? { tls: [{ hosts: [env.ingress.host] }] } : {}),
        rules: [
          {
            host: env.ingress.host,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: OBJECT_NAMES.service, port: { name: PORT_NAMES.http } } },
                },
              ],
            },
          },
        ],
      },
    }),
  );
}
