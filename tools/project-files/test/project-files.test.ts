import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const json = (path: string) => JSON.parse(read(path)) as Record<string, unknown>;

function workspacePackages(): { path: string; name: string; scripts: Record<string, string> }[] {
  const folders = ['contract', 'service', 'deploy', 'observability', 'infra', 'self-managed'];
  for (const tool of readdirSync(join(root, 'tools'), { withFileTypes: true })) {
    if (tool.isDirectory()) folders.push(`tools/${tool.name}`);
  }
  return folders.flatMap((folder) => {
    try {
      const pkg = json(`${folder}/package.json`);
      return [
        { path: folder, name: String(pkg.name), scripts: (pkg.scripts ?? {}) as Record<string, string> },
      ];
    } catch {
      return [];
    }
  });
}

describe('the files users look for', () => {
  const rootPackage = json('package.json') as {
    license: string;
    engines: { node: string };
    scripts: Record<string, string>;
  };

  it('LICENSE is the Apache License 2.0 that package.json names, and no workspace says otherwise', () => {
    expect(rootPackage.license).toBe('Apache-2.0');
    const license = read('LICENSE');
    expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(license).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    for (const { path } of workspacePackages()) {
      const license = json(`${path}/package.json`).license;
      if (license !== undefined) expect(license, path).toBe('Apache-2.0');
    }
  });

  it('SECURITY.md says how to report a vulnerability privately', () => {
    const security = read('SECURITY.md');
    expect(security).toMatch(/^## Reporting a vulnerability/m);
    expect(security).toContain('Report a vulnerability');
    expect(security).toMatch(/never in a public issue/);
  });

  it('.nvmrc names the Node major that engines requires', () => {
    const major = read('.nvmrc').trim();
    expect(rootPackage.engines.node).toMatch(new RegExp(`^>=${major}\\.`));
  });

  it('CONTRIBUTING.md gives the loop and the release process, tag → image → promotion, in that order', () => {
    const contributing = read('CONTRIBUTING.md');
    for (const command of ['npm ci', 'npm run dev', 'npm start', 'npm test'])
      expect(contributing).toContain(command);
    const release = contributing.slice(contributing.indexOf('## Releasing'));
    const steps = ['**Tag.**', '**Image.**', '**Promote to staging.**', '**Promote to production.**'].map(
      (step) => release.indexOf(step),
    );
    expect(steps.every((at) => at > 0)).toBe(true);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });

  it('names only npm scripts that exist', () => {
    const packages = workspacePackages();
    const text = `${read('CONTRIBUTING.md')}\n${read('CHANGELOG.md')}`;
    const calls = [...text.matchAll(/npm run ([\w:-]+)(?: -w (@slipway\/[\w-]+))?/g)];
    expect(calls.length).toBeGreaterThan(5);
    for (const [call, script, workspace] of calls) {
      const scripts = workspace ? packages.find((p) => p.name === workspace)?.scripts : rootPackage.scripts;
      expect(scripts?.[script as string], call).toBeDefined();
    }
  });

  it('CHANGELOG.md keeps an Unreleased section above dated releases', () => {
    const changelog = read('CHANGELOG.md');
    const headings = [...changelog.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings[0]).toBe('[Unreleased]');
    for (const heading of headings.slice(1))
      expect(heading).toMatch(/^\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$/);
  });
});
