/** `npm run dev:stack:down`: stops the stack and removes its containers, network and volumes. */
import { runCompose } from '../compose-command.js';

process.exit(
  await runCompose(['down', '--volumes']).catch((error: unknown) => {
    console.error(`dev:stack:down: ${(error as Error).message}`);
    return 1;
  }),
);
