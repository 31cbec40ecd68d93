/**
 * The service's environment in compose.yaml against its configuration contract, the way deploy/
 * checks its ConfigMaps: every variable is a setting of `configSchema` (or `<NAME>_FILE` for a
 * secret one), every literal value passes that setting's schema, and no secret is a literal.
 * The test then feeds the whole environment to the service's own loader.
 */
import { configSchema, describeSettings, SECRET_FILE_SUFFIX, SECRET_SETTINGS } from '@slipway/contract';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

const SETTINGS = new Map(describeSettings().map((s) => [s.name as string, s]));

/** What the service's loader does to an environment string before it checks the schema. */
function asSchemaValue(schema: TSchema & { type?: string }, text: string): unknown {
  if (schema.type === 'integer' || schema.type === 'number')
    return text.trim() === '' ? Number.NaN : Number(text);
  if (schema.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

export function composeEnvironmentProblems(environment: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(environment)) {
    if (typeof value !== 'string')
      problems.push(`${name}: quote the value (${JSON.stringify(value)}); compose passes strings`);
    else if (value.includes('${'))
      problems.push(`${name}: interpolated values cannot be checked here; write the value itself`);
    if (name.endsWith(SECRET_FILE_SUFFIX)) {
      const setting = name.slice(0, -SECRET_FILE_SUFFIX.length);
      if (!SECRET_SETTINGS.includes(setting as never))
        problems.push(`${name}: only secret settings are read from files, and ${setting} is not one`);
      continue;
    }
    const setting = SETTINGS.get(name);
    if (!setting) {
      problems.push(`${name}: not a setting of the service's configuration schema (misspelled?)`);
      continue;
    }
    if (setting.secret) {
      problems.push(
        `${name}: a secret as a literal; mount it as a compose secret and set ${name}${SECRET_FILE_SUFFIX}`,
      );
      continue;
    }
    const schema = configSchema.properties[name as keyof typeof configSchema.properties] as TSchema;
    if (typeof value === 'string' && !Value.Check(schema, asSchemaValue(schema, value)))
      problems.push(
        `${name}=${JSON.stringify(value)} does not match the configuration schema: ${setting.description}`,
      );
  }
  return problems;
}
