/**
 * The floors of the repository, from the ground up. An import may only point down a floor; within
 * the top floor (the harnesses) it may point sideways, as long as no cycle forms. A new workspace
 * needs a floor here before the tests accept it.
 */
export const FLOORS = [
  { name: 'contract', what: 'the facts everything imports', workspaces: ['contract'] },
  {
    name: 'definitions',
    what: 'the service, its infrastructure and its observability, side by side',
    workspaces: ['service', 'infra', 'observability', 'self-managed'],
  },
  { name: 'delivery', what: 'the Kubernetes delivery of the definitions', workspaces: ['deploy'] },
  { name: 'harnesses', what: 'every tool and test harness', workspaces: ['tools/*'] },
] as const;

export const TOP_FLOOR = FLOORS.length - 1;

/** Test-only helpers that the tests of any floor may import (`devDependencies`). */
export const TEST_HELPER_WORKSPACES = ['tools/testing'] as const;

/** The floor of a workspace folder (e.g. `tools/smoke` → 3), or undefined if it has none. */
export function floorOf(dir: string): number | undefined {
  const index = FLOORS.findIndex((floor) =>
    floor.workspaces.some((pattern) =>
      pattern.endsWith('/*') ? dir.startsWith(pattern.slice(0, -1)) : dir === pattern,
    ),
  );
  return index === -1 ? undefined : index;
}
