#!/usr/bin/env bash
# System packages the test suite needs on a Debian machine: podman, buildah, runc, skopeo and
# slirp4netns for the container suite, debootstrap for its stand-in base images, Prometheus and
# promtool for the observability suite, Alertmanager (with amtool) for alert delivery, kubectl
# (kustomize) for the manifest checks, shellcheck for shell scripts, HAProxy for the resilience
# campaign, etcd and etcdctl for the quorum demo, Chromium for browser tests, podman-compose for
# the local stack, wrk for the benchmark. Idempotent; run as root (CI) or with sudo.
set -euo pipefail

packages=(podman buildah runc skopeo slirp4netns debootstrap prometheus prometheus-alertmanager shellcheck kubectl
  haproxy etcd-server etcd-client chromium podman-compose wrk)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's packages start their daemons where systemd runs (Prometheus on :9090, Alertmanager,
# HAProxy, etcd); the tests start their own on random loopback ports, so stop the packaged ones.
systemctl stop prometheus prometheus-node-exporter prometheus-alertmanager haproxy etcd 2>/dev/null || true
