import { defineConfig } from 'vitest/config';

// One test runner for the whole repository: each workspace is a project, so `npm test` runs all
// of them and `vitest run --project service` runs one.
export default defineConfig({
  test: {
    projects: [
      'service',
      'deploy',
      'observability',
      'infra',
      'self-managed',
      'tools/api-client',
      'tools/architecture',
      'tools/bench',
      'tools/container',
      'tools/project-files',
      'tools/smoke',
      'tools/local-cluster',
      'tools/manifest-checks',
      'tools/observability-lab',
      'tools/resilience',
      'tools/cross-layer-checks',
      'tools/workflows',
      'tools/etcd-quorum',
      'tools/dev-stack',
    ].map((name) => ({
      extends: true,
      test: { name: name.replace('tools/', ''), root: `./${name}`, include: ['test/**/*.test.ts'] },
    })),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    passWithNoTests: false,
  },
});
