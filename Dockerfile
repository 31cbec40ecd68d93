# The Slipway service image: the bundled service and its production dependencies on distroless Node 24
# (no shell, no package manager), running as a non-root user with a read-only root filesystem.
#
#   docker build -t slipway .        (or: podman build -t slipway .)
#   docker run --rm --read-only --tmpfs /tmp -v slipway-data:/data -p 127.0.0.1:8080:8080 slipway
#
# docs/container.md explains every choice; tools/container builds and tests this file for real.
# No `# syntax=` line on purpose: it would make the builder pull a frontend image.

# Base images, pinned by digest (the tag in the comment is what the digest was resolved from;
# the dependency bot refreshes both). The test harness overrides these build args with locally
# built stand-ins of the same names because no registry is reachable where the suite runs.
# node:24-trixie
ARG BUILD_BASE_IMAGE=docker.io/library/node:24-trixie@sha256:be40f6a87b9b22215ddb20da0a2320a5c6d583fe3ee3b0024d9fa4f05b40c8fd
# gcr.io/distroless/nodejs24-debian13:nonroot
ARG RUNTIME_BASE_IMAGE=gcr.io/distroless/nodejs24-debian13:nonroot@sha256:9eeb7f5887d0e239e78264b06f7f11d2e14be534050481803a9e4728fcdd278e

# ---- manifests: the lockfile and the package.json files npm needs to resolve the service ----
FROM ${BUILD_BASE_IMAGE} AS manifests
WORKDIR /src
COPY package.json package-lock.json ./
COPY contract/package.json contract/
COPY service/package.json service/

# ---- build: bundle the service with esbuild (a devDependency; type-checking happens in CI) ----
FROM manifests AS build
# A registry other than npm's default, when the build host uses one (never a credential).
ARG NPM_CONFIG_REGISTRY
# Behind a TLS-intercepting proxy the host passes its CA file as the build secret `npmca`
# (`--secret id=npmca,src=$NODE_EXTRA_CA_CERTS`): mounted for this step only, never in a layer.
RUN --mount=type=secret,id=npmca \
    if [ -s /run/secrets/npmca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npmca; fi \
    && npm ci --workspace @slipway/service --include-workspace-root \
       --ignore-scripts --no-audit --no-fund
COPY contract/src contract/src
COPY service/scripts/bundle.mjs service/scripts/
COPY service/src service/src
RUN npm run build --workspace @slipway/service \
    && mkdir -p /out/data
# The build facts as a file the runtime stage copies before its LABEL and ENV steps: buildah
# (podman) reuses cached LABEL/ENV steps even when the build args they expand have changed, but
# a RUN step's cache does depend on them, so a new commit re-runs only this and what follows.
ARG VERSION=0.0.0-dev
ARG GIT_COMMIT=unknown
ARG BUILD_TIME=unknown
RUN printf '{"version":"%s","commit":"%s","buildTime":"%s"}\n' "$VERSION" "$GIT_COMMIT" "$BUILD_TIME" \
    > /out/build-info.json

# ---- production dependencies only: no devDependencies, no optional dependencies ----
FROM manifests AS production-dependencies
ARG NPM_CONFIG_REGISTRY
# npm hoists the service's dependencies to the root node_modules and keeps the few whose versions
# conflict with another package's in service/node_modules; the image keeps that layout (see below).
# Trimmed: the workspace link (it points outside the image), type declarations (whole @types
# packages too: instrumentation-pg depends on @types/pg, which brings @types/node), source maps,
# TypeScript sources, docs, and OpenTelemetry's ESM builds, which Node never loads (its packages
# resolve to build/src).
RUN --mount=type=secret,id=npmca \
    if [ -s /run/secrets/npmca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npmca; fi \
    && npm ci --workspace @slipway/service --omit=dev --omit=optional --ignore-scripts \
       --no-audit --no-fund \
    && mkdir -p service/node_modules \
    && rm -rf node_modules/@slipway node_modules/.bin service/node_modules/.bin \
    && find node_modules service/node_modules -type d -name @types -prune -exec rm -rf {} + \
    && find node_modules service/node_modules -type f \( -name '*.d.ts' -o -name '*.d.mts' \
       -o -name '*.d.cts' -o -name '*.map' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' \
       -o -name '*.md' -o -name '*.markdown' -o -name '*.tsbuildinfo' \) -delete \
    && rm -rf node_modules/@opentelemetry/*/build/esm node_modules/@opentelemetry/*/build/esnext \
       service/node_modules/@opentelemetry/*/build/esm service/node_modules/@opentelemetry/*/build/esnext

# ---- runtime ----
FROM ${RUNTIME_BASE_IMAGE} AS runtime
# CONTAINER.workdir, CONTAINER.dataDir, CONTAINER.uid/gid, HTTP_PORT, METRICS_PORT and
# SERVE_COMMAND in @slipway/contract; tools/container/test checks that they match.
WORKDIR /app
# HOST and METRICS_HOST: a container is reached through its network interface; without them the
# service would bind loopback, its default when APP_ENV is local.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    METRICS_HOST=0.0.0.0 \
    SQLITE_PATH=/data/slipway.db
# The workspace layout, with / as the repository root and /app as the service folder: Node
# resolves the service's imports in /app/node_modules (its version-conflicting dependencies)
# and then in /node_modules (everything npm hoisted). Code is owned by root and read-only for
# the service; only /data belongs to it.
COPY --from=production-dependencies /src/node_modules /node_modules
COPY --from=production-dependencies /src/service/node_modules ./node_modules
COPY --from=build /src/service/package.json ./package.json
COPY --from=build /src/service/dist ./dist
COPY --from=build --chown=10001:10001 /out/data /data
USER 10001:10001
EXPOSE 8080 9464
# Exec form: Node is PID 1 and receives SIGTERM itself (the service drains, then exits 0).
ENTRYPOINT ["/nodejs/bin/node"]
CMD ["dist/server.js"]

# Build facts last, so a new commit reuses every layer above. The service's /version and
# build_info metric read GIT_COMMIT and BUILD_TIME.
COPY --from=build /out/build-info.json ./build-info.json
ARG VERSION=0.0.0-dev
ARG GIT_COMMIT=unknown
ARG BUILD_TIME=unknown
ARG SOURCE_URL=unknown
LABEL org.opencontainers.image.title="slipway" \
      org.opencontainers.image.description="The Slipway users API" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.revision="${GIT_COMMIT}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.created="${BUILD_TIME}" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV GIT_COMMIT=${GIT_COMMIT} \
    BUILD_TIME=${BUILD_TIME}
