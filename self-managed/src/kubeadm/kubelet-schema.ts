/**
 * KubeletConfiguration (kubelet.config.k8s.io/v1beta1), the part this design sets. The type has
 * about a hundred fields; this schema lists only those the design uses, closed, so a typo fails
 * and a new field is added here on purpose, with its type. kubeadm fills the rest (cluster DNS,
 * static pod path, certificate paths) with its own defaults.
 */
import { type Static, Type } from 'typebox';
import { Duration } from './v1beta4-schema.js';

export const KUBELET_API_VERSION = 'kubelet.config.k8s.io/v1beta1';

export const KubeletConfiguration = Type.Object(
  {
    apiVersion: Type.Literal(KUBELET_API_VERSION),
    kind: Type.Literal('KubeletConfiguration'),
    cgroupDriver: Type.Enum(['systemd', 'cgroupfs']),
    containerRuntimeEndpoint: Type.String({ pattern: '^unix://' }),
    authentication: Type.Object(
      {
        anonymous: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
        webhook: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
    authorization: Type.Object(
      { mode: Type.Enum(['AlwaysAllow', 'Webhook']) },
      { additionalProperties: false },
    ),
    readOnlyPort: Type.Integer({ minimum: 0, maximum: 65535 }),
    rotateCertificates: Type.Boolean(),
    serverTLSBootstrap: Type.Boolean(),
    protectKernelDefaults: Type.Boolean(),
    seccompDefault: Type.Boolean(),
    tlsMinVersion: Type.Enum(['VersionTLS12', 'VersionTLS13']),
    tlsCipherSuites: Type.Array(Type.String({ pattern: '^TLS_' })),
    eventRecordQPS: Type.Integer({ minimum: 0 }),
    shutdownGracePeriod: Duration,
    shutdownGracePeriodCriticalPods: Duration,
  },
  { additionalProperties: false },
);

export type KubeletConfiguration = Static<typeof KubeletConfiguration>;
