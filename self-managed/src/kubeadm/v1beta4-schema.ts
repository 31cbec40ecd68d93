/**
 * The kubeadm configuration API, kubeadm.k8s.io/v1beta4, as TypeBox schemas: InitConfiguration,
 * ClusterConfiguration and JoinConfiguration with every field the Go types define
 * (cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go and the bootstraptoken/v1 group, as of
 * Kubernetes 1.35/1.36), each object closed (`additionalProperties: false`) so a misspelled or
 * v1beta3-shaped field is an error here, as kubeadm's strict decoding makes it one there.
 *
 * No kubeadm binary runs on the machines that test this, so this schema is the check; it is
 * written from the API types, not generated, and the test names say so. Values are constrained
 * where kubeadm validates them (token and key formats, durations, enums, ports).
 */
import { type Static, type TSchema, Type } from 'typebox';

export const KUBEADM_API_VERSION = 'kubeadm.k8s.io/v1beta4';

const closed = <T extends Record<string, TSchema>>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });
const opt = Type.Optional;
const strings = Type.Array(Type.String());

/** Go's time.Duration text as metav1.Duration accepts it: `8760h0m0s`, `4m`, `1.5s`. */
export const Duration = Type.String({ pattern: '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$' });
/** `abcdef.0123456789abcdef` */
export const BOOTSTRAP_TOKEN_PATTERN = '^[a-z0-9]{6}\\.[a-z0-9]{16}$';
/** A hex-encoded 32-byte AES key. */
export const CERTIFICATE_KEY_PATTERN = '^[a-f0-9]{64}$';
/** `sha256:` and the hex SHA-256 of the CA's Subject Public Key Info. */
export const CA_CERT_HASH_PATTERN = '^sha256:[a-f0-9]{64}$';

const Port = Type.Integer({ minimum: 1, maximum: 65535 });
/** v1beta4 turned every extraArgs map into a list of name/value pairs (duplicates allowed). */
export const Arg = closed({ name: Type.String({ minLength: 1 }), value: Type.String() });
const EnvVar = closed({ name: Type.String({ minLength: 1 }), value: opt(Type.String()) });
const HostPathMount = closed({
  name: Type.String({ minLength: 1 }),
  hostPath: Type.String({ minLength: 1 }),
  mountPath: Type.String({ minLength: 1 }),
  readOnly: opt(Type.Boolean()),
  pathType: opt(
    Type.Enum([
      '',
      'DirectoryOrCreate',
      'Directory',
      'FileOrCreate',
      'File',
      'Socket',
      'CharDevice',
      'BlockDevice',
    ]),
  ),
});
const Taint = closed({
  key: Type.String({ minLength: 1 }),
  value: opt(Type.String()),
  effect: Type.Enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
  timeAdded: opt(Type.String()),
});
const APIEndpoint = closed({ advertiseAddress: opt(Type.String()), bindPort: opt(Port) });
const NodeRegistrationOptions = closed({
  name: opt(Type.String()),
  criSocket: opt(Type.String({ pattern: '^(unix|npipe)://' })),
  taints: opt(Type.Array(Taint)),
  kubeletExtraArgs: opt(Type.Array(Arg)),
  ignorePreflightErrors: opt(strings),
  imagePullPolicy: opt(Type.Enum(['Always', 'IfNotPresent', 'Never'])),
  imagePullSerial: opt(Type.Boolean()),
});
const Patches = closed({ directory: opt(Type.String()) });
const Timeouts = closed({
  controlPlaneComponentHealthCheck: opt(Duration),
  kubeletHealthCheck: opt(Duration),
  kubernetesAPICall: opt(Duration),
  etcdAPICall: opt(Duration),
  tlsBootstrap: opt(Duration),
  discovery: opt(Duration),
  upgradeManifests: opt(Duration),
});
const BootstrapToken = closed({
  token: Type.String({ pattern: BOOTSTRAP_TOKEN_PATTERN }),
  description: opt(Type.String()),
  ttl: opt(Duration),
  expires: opt(Type.String()),
  usages: opt(Type.Array(Type.Enum(['signing', 'authentication']))),
  groups: opt(strings),
});
const imageMeta = { imageRepository: opt(Type.String()), imageTag: opt(Type.String()) };
const controlPlaneComponent = {
  extraArgs: opt(Type.Array(Arg)),
  extraVolumes: opt(Type.Array(HostPathMount)),
  extraEnvs: opt(Type.Array(EnvVar)),
};
const ControlPlaneComponent = closed(controlPlaneComponent);

export const InitConfiguration = closed({
  apiVersion: Type.Literal(KUBEADM_API_VERSION),
  kind: Type.Literal('InitConfiguration'),
  bootstrapTokens: opt(Type.Array(BootstrapToken)),
  dryRun: opt(Type.Boolean()),
  nodeRegistration: opt(NodeRegistrationOptions),
  localAPIEndpoint: opt(APIEndpoint),
  certificateKey: opt(Type.String({ pattern: CERTIFICATE_KEY_PATTERN })),
  skipPhases: opt(strings),
  patches: opt(Patches),
  timeouts: opt(Timeouts),
});

export const ClusterConfiguration = closed({
  apiVersion: Type.Literal(KUBEADM_API_VERSION),
  kind: Type.Literal('ClusterConfiguration'),
  etcd: opt(
    closed({
      local: opt(
        closed({
          ...imageMeta,
          dataDir: opt(Type.String({ minLength: 1 })),
          extraArgs: opt(Type.Array(Arg)),
          extraEnvs: opt(Type.Array(EnvVar)),
          serverCertSANs: opt(strings),
          peerCertSANs: opt(strings),
        }),
      ),
      external: opt(
        closed({
          endpoints: Type.Array(Type.String(), { minItems: 1 }),
          httpEndpoints: opt(strings),
          caFile: Type.String(),
          certFile: Type.String(),
          keyFile: Type.String(),
        }),
      ),
    }),
  ),
  networking: opt(
    closed({
      serviceSubnet: opt(Type.String()),
      podSubnet: opt(Type.String()),
      dnsDomain: opt(Type.String()),
    }),
  ),
  kubernetesVersion: opt(Type.String()),
  controlPlaneEndpoint: opt(Type.String()),
  apiServer: opt(closed({ ...controlPlaneComponent, certSANs: opt(strings) })),
  controllerManager: opt(ControlPlaneComponent),
  scheduler: opt(ControlPlaneComponent),
  dns: opt(closed({ ...imageMeta, disabled: opt(Type.Boolean()) })),
  proxy: opt(closed({ disabled: opt(Type.Boolean()) })),
  certificatesDir: opt(Type.String()),
  imageRepository: opt(Type.String()),
  featureGates: opt(Type.Record(Type.String(), Type.Boolean())),
  clusterName: opt(Type.String()),
  encryptionAlgorithm: opt(Type.Enum(['RSA-2048', 'RSA-3072', 'RSA-4096', 'ECDSA-P256', 'ECDSA-P384'])),
  certificateValidityPeriod: opt(Duration),
  caCertificateValidityPeriod: opt(Duration),
});

export const JoinConfiguration = closed({
  apiVersion: Type.Literal(KUBEADM_API_VERSION),
  kind: Type.Literal('JoinConfiguration'),
  dryRun: opt(Type.Boolean()),
  nodeRegistration: opt(NodeRegistrationOptions),
  caCertPath: opt(Type.String()),
  discovery: closed({
    bootstrapToken: opt(
      closed({
        token: Type.String({ pattern: BOOTSTRAP_TOKEN_PATTERN }),
        apiServerEndpoint: opt(Type.String()),
        caCertHashes: opt(Type.Array(Type.String({ pattern: CA_CERT_HASH_PATTERN }))),
        unsafeSkipCAVerification: opt(Type.Boolean()),
      }),
    ),
    file: opt(closed({ kubeConfigPath: Type.String({ minLength: 1 }) })),
    tlsBootstrapToken: opt(Type.String({ pattern: BOOTSTRAP_TOKEN_PATTERN })),
  }),
  controlPlane: opt(
    closed({
      localAPIEndpoint: opt(APIEndpoint),
      certificateKey: opt(Type.String({ pattern: CERTIFICATE_KEY_PATTERN })),
    }),
  ),
  skipPhases: opt(strings),
  patches: opt(Patches),
  timeouts: opt(Timeouts),
});

export type InitConfiguration = Static<typeof InitConfiguration>;
export type ClusterConfiguration = Static<typeof ClusterConfiguration>;
export type JoinConfiguration = Static<typeof JoinConfiguration>;
export type Arg = Static<typeof Arg>;
