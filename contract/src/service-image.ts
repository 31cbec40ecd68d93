/**
 * Facts about the service's image and its commands that the Dockerfile, the Kubernetes manifests
 * and the container tests must agree on.
 */

/** The command that applies migrations and exits (the Kubernetes migration Job runs it). */
export const MIGRATE_COMMAND = ['dist/migrate.js'] as const;
/** The command that starts the server (the image's default). */
export const SERVE_COMMAND = ['dist/server.js'] as const;

/**
 * Facts about the container image that the Kubernetes manifests must match. The Dockerfile
 * cannot import TypeScript, so the container tests check it against these values.
 */
export const CONTAINER = {
  /** Non-root UID/GID the image runs as (≥ 10000, no clash with host users). */
  uid: 10001,
  gid: 10001,
  /** Working directory; the commands above are relative to it. */
  workdir: '/app',
  /** The only writable path besides /tmp: where SQLITE_PATH points in the image. */
  dataDir: '/data',
} as const;
