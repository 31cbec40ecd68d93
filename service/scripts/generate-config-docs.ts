/** Writes `.env.example` and the README configuration table from the config schema. */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderEnvExample, withConfigTable } from '../src/config/config-docs.js';

const root = new URL('../../', import.meta.url);
writeFileSync(new URL('.env.example', root), renderEnvExample());
const readme = new URL('README.md', root);
writeFileSync(readme, withConfigTable(readFileSync(readme, 'utf8')));
console.log('wrote .env.example and the README configuration table');
