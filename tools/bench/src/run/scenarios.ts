/** The requests the benchmark measures, each named by the key its rows and reports use. */
import { PATHS } from '@slipway/contract';

export const SCENARIOS = {
  get: `GET ${PATHS.users}/:id`,
  post: `POST ${PATHS.users}`,
  root: `GET ${PATHS.root}`,
} as const;
export type ScenarioKey = keyof typeof SCENARIOS;
