import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { BENCHMARKS_DOC } from '../src/machine/repository-paths.js';
import { replaceSection, SERVICE_SECTION } from '../src/report/docs-section.js';

it('rewrites only its own section of the document', () => {
  const document = [
    '# Benchmarks',
    '<!-- bench:service:start -->',
    'old figures',
    '<!-- bench:service:end -->',
    '<!-- bench:image:start -->',
    'image figures',
    '<!-- bench:image:end -->',
  ].join('\n');
  const updated = replaceSection(document, 'bench:service', 'new figures');
  expect(updated).toBe(document.replace('old figures', 'new figures'));
  expect(() => replaceSection('# no markers', 'bench:service', 'x')).toThrow(
    'the document has no "<!-- bench:service:start -->"',
  );
});

it('finds its section in docs/benchmarks.md and leaves the image figures as they are', () => {
  const document = readFileSync(BENCHMARKS_DOC, 'utf8');
  const image = (text: string) =>
    text.slice(text.indexOf('<!-- bench:image:start -->'), text.indexOf('<!-- bench:image:end -->'));
  const updated = replaceSection(document, SERVICE_SECTION, 'new figures');
  expect(updated).toContain('<!-- bench:service:start -->\nnew figures\n<!-- bench:service:end -->');
  expect(image(updated)).toBe(image(document));
  expect(image(document)).toContain('npm run bench:image');
});
