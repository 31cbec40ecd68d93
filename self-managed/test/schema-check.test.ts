/**
 * The schema check catches what kubeadm's strict decoding and validation would refuse. The
 * schemas are TypeBox, written from the kubeadm v1beta4 Go types (no kubeadm binary here).
 */
import { describe, expect, it } from 'vitest';
import { SELF_MANAGED_CLUSTER } from '../src/design/cluster-design.js';
import { clusterConfiguration } from '../src/kubeadm/cluster-configuration.js';
import { controlPlaneJoinConfiguration } from '../src/kubeadm/join-configuration.js';
import { kubeletConfiguration } from '../src/kubeadm/kubelet-configuration.js';
import { configurationProblems } from '../src/kubeadm/validate.js';
import { testJoinSecrets } from './support/join-secrets.js';

const design = SELF_MANAGED_CLUSTER;
// biome-ignore lint/suspicious/noExplicitAny: these tests build documents the types forbid, on purpose
type Loose = Record<string, any>;
const cluster = () => structuredClone(clusterConfiguration(design)) as unknown as Loose;
const join = () =>
  structuredClone(
    controlPlaneJoinConfiguration(design, design.controlPlane[1]!, testJoinSecrets()),
  ) as unknown as Loose;

describe('the kubeadm schema check (TypeBox schemas of v1beta4; no kubeadm binary here)', () => {
  it('reports a misspelled field with its path', () => {
    const document = cluster();
    document.networking.podSubnets = document.networking.podSubnet;
    expect(configurationProblems(document)).toEqual([
      'ClusterConfiguration /networking: unknown field podSubnets',
    ]);
  });

  it('refuses v1beta3-style extraArgs maps (v1beta4 takes a list of name/value pairs)', () => {
    const document = cluster();
    document.apiServer.extraArgs = { profiling: 'false' };
    expect(configurationProblems(document)).toContainEqual(
      'ClusterConfiguration /apiServer/extraArgs: must be array',
    );
  });

  it('refuses an older apiVersion and an unknown kind', () => {
    expect(configurationProblems({ ...cluster(), apiVersion: 'kubeadm.k8s.io/v1beta3' })).toEqual([
      'ClusterConfiguration: apiVersion "kubeadm.k8s.io/v1beta3", expected kubeadm.k8s.io/v1beta4',
    ]);
    expect(
      configurationProblems({ apiVersion: 'kubeadm.k8s.io/v1beta4', kind: 'MasterConfiguration' })[0],
    ).toMatch(/kind "MasterConfiguration" is not one of/);
  });

  it('refuses a malformed bootstrap token, certificate key and CA hash', () => {
    const document = join();
    document.discovery.bootstrapToken.token = 'not-a-token';
    document.discovery.bootstrapToken.caCertHashes = ['md5:abc'];
    document.controlPlane.certificateKey = 'short';
    const problems = configurationProblems(document);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/discovery\/bootstrapToken\/token: must match pattern/);
    expect(problems.join('\n')).toMatch(/caCertHashes\/0: must match pattern/);
    expect(problems.join('\n')).toMatch(/controlPlane\/certificateKey: must match pattern/);
  });

  it('applies kubeadm cross-field rules: no discovery, no CA pinning, local and external etcd together', () => {
    const noDiscovery = join();
    noDiscovery.discovery = {};
    expect(configurationProblems(noDiscovery)).toContain(
      'JoinConfiguration /discovery: set exactly one of bootstrapToken and file',
    );
    const unpinned = join();
    delete unpinned.discovery.bootstrapToken.caCertHashes;
    expect(configurationProblems(unpinned)[0]).toMatch(/caCertHashes is empty; pin the cluster CA/);
    const bothEtcd = cluster();
    bothEtcd.etcd.external = {
      endpoints: ['https://10.30.0.21:2379'],
      caFile: 'a',
      certFile: 'b',
      keyFile: 'c',
    };
    expect(configurationProblems(bothEtcd)).toEqual([
      'ClusterConfiguration /etcd: local and external are mutually exclusive',
    ]);
  });

  it('checks values kubeadm validates: enums, durations, ports', () => {
    const document = join();
    document.nodeRegistration.imagePullPolicy = 'Sometimes';
    document.controlPlane.localAPIEndpoint.bindPort = 70000;
    const withDuration = cluster();
    withDuration.certificateValidityPeriod = 'one year';
    expect(configurationProblems(document)).toHaveLength(2);
    expect(configurationProblems(withDuration)).toEqual([
      expect.stringMatching(/^ClusterConfiguration \/certificateValidityPeriod: must match pattern/),
    ]);
  });

  it('closes the kubelet subset too: an unlisted field must be added to the schema on purpose', () => {
    const kubelet = { ...kubeletConfiguration(design), readOnlyPorts: 0 };
    expect(configurationProblems(kubelet)).toEqual(['KubeletConfiguration /: unknown field readOnlyPorts']);
  });
});
