/**
 * Translates a rendered pod's container into a container engine run, field by field, so the real
 * image runs with what the manifest declares: args, working directory, env (ConfigMap + env), the
 * user and group, read-only root filesystem, dropped capabilities, no privilege escalation, the
 * memory limit, emptyDir volumes as tmpfs, and the projected Secret files.
 *
 * What a container engine cannot take from a manifest is said here rather than faked: the image is
 * the locally built one (the manifest's registry digest is not pullable here); seccomp
 * RuntimeDefault is the engine's default profile. The pod network is, with podman, a network
 * namespace of its own (slirp4netns, which reaches the host's loopback at 10.0.2.2 for PostgreSQL);
 * with docker (no slirp4netns) the host's network, where the declared ports are the host's ports.
 */
import { chmodSync, chownSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { RunContainerOptions } from '@slipway/container';
import type { ContainerEnvironment } from '../../src/container-environment.js';
import type { ContainerSpec, PodSpec } from '../../src/workloads.js';

export type NetworkMode = 'slirp4netns' | 'host';

/** How the container reaches the host's 127.0.0.1 (slirp4netns maps 10.0.2.2 to it). */
export function hostLoopbackFromContainer(mode: NetworkMode): string {
  return mode === 'slirp4netns' ? '10.0.2.2' : '127.0.0.1';
}

function engineMemory(quantity: string): string {
  const match = /^(\d+)(Mi|Gi|M|G)?$/.exec(quantity);
  if (!match) throw new Error(`memory quantity ${quantity} is not translated`);
  const unit = { Mi: 'm', Gi: 'g', M: 'm', G: 'g' }[match[2] ?? ''] ?? 'b';
  return `${match[1]}${unit}`;
}

export interface TranslatedContainer {
  options: RunContainerOptions;
  /** Host folders holding the secret files (remove after the run). */
  hostDirs: string[];
}

export function containerRunOptions(
  image: string,
  pod: PodSpec,
  container: ContainerSpec,
  runtime: ContainerEnvironment,
  network: NetworkMode,
  /** Cluster DNS names to resolve to the host's loopback (stand-ins for in-cluster services). */
  hostAliases: string[] = [],
): TranslatedContainer {
  const s = { ...pod.securityContext, ...container.securityContext };
  if (s.runAsUser === undefined || s.runAsGroup === undefined)
    throw new Error('the manifest must declare the user and group');
  const securityOpts: string[] = [];
  if (s.allowPrivilegeEscalation === false) securityOpts.push('no-new-privileges');
  if (s.seccompProfile?.type !== 'RuntimeDefault')
    throw new Error('only the RuntimeDefault seccomp profile is translated');
  if ((s.capabilities?.add ?? []).length > 0) throw new Error('added capabilities are not translated');

  const extraFlags = [
    '--network',
    network === 'slirp4netns' ? 'slirp4netns:allow_host_loopback=true' : 'host',
  ];
  for (const host of hostAliases)
    extraFlags.push('--add-host', `${host}:${hostLoopbackFromContainer(network)}`);
  if (container.workingDir) extraFlags.push('--workdir', container.workingDir);
  if (pod.securityContext?.fsGroup !== undefined)
    extraFlags.push('--group-add', String(pod.securityContext.fsGroup));

  const tmpfs: string[] = [];
  const volumes: string[] = [];
  const hostDirs: string[] = [];
  for (const mount of container.volumeMounts ?? []) {
    const volume = (pod.volumes ?? []).find((v) => v.name === mount.name) as
      | { emptyDir?: { sizeLimit?: string; medium?: string }; projected?: { defaultMode?: number } }
      | undefined;
    if (volume?.emptyDir) {
      const size = volume.emptyDir.sizeLimit ? `,size=${engineMemory(volume.emptyDir.sizeLimit)}` : '';
      tmpfs.push(`${mount.mountPath}:rw${size},mode=1777`);
    } else if (volume?.projected) {
      const files = runtime.secretFiles.filter((f) => dirname(f.path) === mount.mountPath);
      const dir = mkdtempSync(join(tmpdir(), 'slipway-secrets-'));
      hostDirs.push(dir);
      const mode = volume.projected.defaultMode ?? 0o644;
      for (const file of files) {
        const target = join(dir, basename(file.path));
        writeFileSync(target, file.value);
        chmodSync(target, mode);
        // Kubernetes gives projected files the pod's fsGroup as their group.
        if (userInfo().uid === 0 && pod.securityContext?.fsGroup !== undefined)
          chownSync(target, 0, pod.securityContext.fsGroup);
      }
      chmodSync(dir, 0o755);
      // Projected volumes are always read-only in Kubernetes.
      volumes.push(`${dir}:${mount.mountPath}:ro`);
    } else {
      throw new Error(`volume ${mount.name} has a type the run does not translate`);
    }
  }
  // On the host network the declared ports are already the host's: nothing to publish.
  const ports = network === 'host' ? [] : (container.ports ?? []).map((p) => p.containerPort);
  const memory = container.resources?.limits?.memory;
  return {
    options: {
      image,
      args: container.args ?? [],
      env: runtime.variables,
      user: `${s.runAsUser}:${s.runAsGroup}`,
      readOnly: s.readOnlyRootFilesystem === true,
      tmpfs,
      volumes,
      ports,
      capDrop: s.capabilities?.drop ?? [],
      securityOpts,
      ...(memory ? { memory: engineMemory(memory) } : {}),
      extraFlags,
    },
    hostDirs,
  };
}
