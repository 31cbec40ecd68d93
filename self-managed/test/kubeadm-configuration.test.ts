/**
 * The rendered kubeadm files, checked against TypeBox schemas written from the kubeadm v1beta4 Go
 * types (no kubeadm binary runs here), and against the design they come from.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { controlPlaneEndpoint, SELF_MANAGED_CLUSTER } from '../src/design/cluster-design.js';
import { contains, overlaps, parseCidr, parseIpv4 } from '../src/design/ipv4-cidr.js';
import {
  NODE_SHUTDOWN_CRITICAL_PODS_SECONDS,
  NODE_SHUTDOWN_GRACE_SECONDS,
  SERVICE_POD_SHUTDOWN_SECONDS,
} from '../src/kubeadm/kubelet-configuration.js';
import type {
  ClusterConfiguration,
  InitConfiguration,
  JoinConfiguration,
} from '../src/kubeadm/v1beta4-schema.js';
import { configurationProblems } from '../src/kubeadm/validate.js';
import { kubeadmFiles } from '../src/render/kubeadm-files.js';
import { testJoinSecrets } from './support/join-secrets.js';

const design = SELF_MANAGED_CLUSTER;
const secrets = testJoinSecrets();
const files = kubeadmFiles(design, secrets);
const documents = files
  .filter((f) => f.name.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as Record<string, unknown>));
const ofKind = <T>(kind: string) => documents.filter((d) => d.kind === kind) as T[];
const [init] = ofKind<InitConfiguration>('InitConfiguration');
const [cluster] = ofKind<ClusterConfiguration>('ClusterConfiguration');
const joins = ofKind<JoinConfiguration>('JoinConfiguration');
const kubelet = ofKind<Record<string, unknown>>('KubeletConfiguration')[0]!;

describe('kubeadm configuration files', () => {
  it('are the init file, the audit policy, the load balancer, and with secrets one join file per further control plane and one for workers', () => {
    expect(files.map((f) => f.name)).toEqual([
      'init-cp-1.yaml',
      'audit-policy.yaml',
      'haproxy.cfg',
      'join-cp-2.yaml',
      'join-cp-3.yaml',
      'join-worker.yaml',
    ]);
    expect(files.filter((f) => f.secret).map((f) => f.name)).toEqual([
      'join-cp-2.yaml',
      'join-cp-3.yaml',
      'join-worker.yaml',
    ]);
    expect(kubeadmFiles(design).map((f) => f.name)).toEqual([
      'init-cp-1.yaml',
      'audit-policy.yaml',
      'haproxy.cfg',
    ]);
  });

  it('pass the v1beta4 and kubelet schemas with no unknown field (TypeBox schemas; no kubeadm binary here)', () => {
    const checked = documents.filter((d) => d.kind !== 'Policy');
    expect(checked.map((d) => d.kind).sort()).toEqual([
      'ClusterConfiguration',
      'InitConfiguration',
      'JoinConfiguration',
      'JoinConfiguration',
      'JoinConfiguration',
      'KubeletConfiguration',
    ]);
    for (const document of checked) expect(configurationProblems(document)).toEqual([]);
    expect(
      new Set(checked.filter((d) => d.kind !== 'KubeletConfiguration').map((d) => d.apiVersion)),
    ).toEqual(new Set(['kubeadm.k8s.io/v1beta4']));
  });

  it('put three control-plane API servers behind one load-balanced endpoint', () => {
    expect(cluster!.controlPlaneEndpoint).toBe(`${design.apiEndpoint.dnsName}:${design.apiEndpoint.port}`);
    const advertised = [
      init!.localAPIEndpoint?.advertiseAddress,
      ...joins.filter((j) => j.controlPlane).map((j) => j.controlPlane?.localAPIEndpoint?.advertiseAddress),
    ];
    expect(advertised).toEqual(design.controlPlane.map((n) => n.address));
    expect(new Set(advertised).size).toBe(3);
    for (const join of joins)
      expect(join.discovery.bootstrapToken?.apiServerEndpoint).toBe(controlPlaneEndpoint(design));
    expect(cluster!.apiServer?.certSANs).toEqual(
      expect.arrayContaining([design.apiEndpoint.dnsName, design.apiEndpoint.virtualAddress]),
    );
    expect(cluster!.etcd?.local, 'stacked etcd: one member per control-plane node').toBeDefined();
    expect(cluster!.etcd?.external).toBeUndefined();
  });

  it('register every node with containerd, and the kubelet talks to the same socket', () => {
    const sockets = [init!, ...joins].map((c) => c.nodeRegistration?.criSocket);
    expect(new Set(sockets)).toEqual(new Set(['unix:///var/run/containerd/containerd.sock']));
    expect(kubelet.containerRuntimeEndpoint).toBe(design.criSocket);
    expect(kubelet.cgroupDriver).toBe('systemd');
    expect(JSON.stringify(documents)).not.toMatch(/dockershim|docker\.sock|cri-dockerd/);
  });

  it('use pod and Service ranges that overlap neither each other nor the node network, which holds every machine', () => {
    const pods = parseCidr(cluster!.networking!.podSubnet!);
    const services = parseCidr(cluster!.networking!.serviceSubnet!);
    const machines = parseCidr(design.nodeNetwork);
    expect(overlaps(pods, services)).toBe(false);
    expect(overlaps(pods, machines)).toBe(false);
    expect(overlaps(services, machines)).toBe(false);
    for (const address of [...design.controlPlane.map((n) => n.address), design.apiEndpoint.virtualAddress])
      expect(contains(machines, parseIpv4(address)), address).toBe(true);
  });

  it('keep secrets out of the init file and pin the cluster CA in every join', () => {
    const initFile = files.find((f) => f.name === 'init-cp-1.yaml')!.content;
    for (const value of Object.values(secrets)) expect(initFile).not.toContain(value);
    expect(init!.bootstrapTokens).toBeUndefined();
    for (const join of joins) {
      expect(join.discovery.bootstrapToken?.caCertHashes).toEqual([secrets.caCertHash]);
      expect(join.discovery.bootstrapToken?.unsafeSkipCAVerification).toBeUndefined();
    }
    expect(
      joins
        .filter((j) => j.controlPlane)
        .every((j) => j.controlPlane?.certificateKey === secrets.certificateKey),
    ).toBe(true);
  });

  it('give service pods enough of a node shutdown to stop cleanly (drain + shutdown timeout from the contract)', () => {
    expect(kubelet.shutdownGracePeriod).toBe(`${NODE_SHUTDOWN_GRACE_SECONDS}s`);
    expect(NODE_SHUTDOWN_GRACE_SECONDS - NODE_SHUTDOWN_CRITICAL_PODS_SECONDS).toBeGreaterThanOrEqual(
      SERVICE_POD_SHUTDOWN_SECONDS,
    );
  });

  it('harden the API server and kubelet as the design says (CIS)', () => {
    const args = Object.fromEntries((cluster!.apiServer?.extraArgs ?? []).map((a) => [a.name, a.value]));
    expect(args).toMatchObject({ profiling: 'false', 'audit-log-path': expect.any(String) });
    expect(args['encryption-provider-config']).toBeDefined();
    expect(kubelet).toMatchObject({
      readOnlyPort: 0,
      authentication: { anonymous: { enabled: false } },
      authorization: { mode: 'Webhook' },
      rotateCertificates: true,
      protectKernelDefaults: true,
    });
  });
});
