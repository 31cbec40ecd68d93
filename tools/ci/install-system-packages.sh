#!/usr/bin/env bash
# System packages the test suite needs on a Debian machine: podman, buildah, runc, skopeo and
# slirp4netns for the container suite, debootstrap for its stand-in base images, Prometheus and
# promtool for the observability suite, kubectl (kustomize) for the manifest checks, shellcheck
# for shell scripts. Idempotent; run as root (CI) or with sudo.
set -euo pipefail

packages=(podman buildah runc skopeo slirp4netns debootstrap prometheus shellcheck kubectl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's Prometheus package starts a server on :9090 and node-exporter; the tests start their
# own Prometheus on a random loopback port, so stop the packaged ones if systemd started them.
systemctl stop prometheus prometheus-node-exporter 2>/dev/null || true
