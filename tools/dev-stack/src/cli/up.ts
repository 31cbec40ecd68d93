/**
 * `npm run dev:stack`: generates what compose.yaml mounts, builds the service image if it is not
 * current, starts the stack, and checks it end to end (see stack-checks.ts). Exit 1 when a check
 * fails (the containers are left running to look at: `npm run dev:stack:down` removes them).
 */

import { ensureServiceImage } from '@slipway/container';
import { HTTP_PORT } from '@slipway/contract';
import { runCompose } from '../compose-command.js';
import { hostPort, readComposeFile } from '../compose-file.js';
import { STACK_FILES_DIR } from '../paths.js';
import { checkStack } from '../stack-checks.js';
import { TEMPO_HTTP_PORT } from '../stack-files/tempo-config.js';
import { writeStackFiles } from '../stack-files/write-stack-files.js';

async function main(): Promise<number> {
  const written = writeStackFiles(STACK_FILES_DIR);
  console.log(`wrote ${written.length} files under ${STACK_FILES_DIR}`);
  console.log('building the service image if it is not current (npm run image:build)…');
  console.log(`image ${await ensureServiceImage()}`);
  const code = await runCompose(['up', '-d']);
  if (code !== 0) return code;

  const compose = readComposeFile();
  const url = (service: string, port: number) => `http://127.0.0.1:${hostPort(compose, service, port)}`;
  const urls = {
    service: url('slipway', HTTP_PORT),
    prometheus: url('prometheus', 9090),
    grafana: url('grafana', 3000),
    tempo: url('tempo', TEMPO_HTTP_PORT),
  };
  const results = await checkStack(urls, (r) =>
    console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name} — ${r.detail}`),
  );
  console.log(`
service     ${urls.service}   (API token: ${STACK_FILES_DIR}/secrets/api_tokens)
prometheus  ${urls.prometheus}/alerts
grafana     ${urls.grafana}   (dashboards in the Slipway folder; admin password: ${STACK_FILES_DIR}/secrets/grafana_admin_password)
tempo       ${urls.tempo}   (traces read best in Grafana: Explore → Tempo)
smoke test  SMOKE_API_TOKEN=$(cat ${STACK_FILES_DIR}/secrets/api_tokens) npm run smoke -- ${urls.service}
remove it   npm run dev:stack:down`);
  return results.every((r) => r.ok) ? 0 : 1;
}

// Exit with the result as soon as it is known, whatever idle connections remain open.
process.exit(
  await main().catch((error: unknown) => {
    console.error(`dev:stack: ${(error as Error).message}`);
    return 1;
  }),
);
