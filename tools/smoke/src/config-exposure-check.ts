import { PATHS, SECRET_SETTINGS } from '@slipway/contract';
import { describeAnswer } from './http-client.js';
import { type CheckResult, fail, pass, type SmokeContext } from './smoke-check.js';

/** What /config may show for a secret setting: whether it is set, never its value. */
const REDACTED = new Set(['set', 'unset', '']);

/**
 * /config shows the effective configuration for operators. Through the public URL it must not
 * reveal a secret: every secret setting reads "set" or "unset", and the smoke token itself appears
 * nowhere. An environment that does not serve /config publicly (4xx) passes.
 */
export async function checkConfigRevealsNoSecret(ctx: SmokeContext): Promise<CheckResult> {
  const name = `${PATHS.config} reveals no secret`;
  const url = ctx.url(PATHS.config);
  const answer = await ctx.request(url);
  if (answer.status >= 400 && answer.status < 500)
    return pass(name, `${describeAnswer('GET', url, answer)} (not served)`);
  if (answer.status !== 200)
    return fail(name, `${describeAnswer('GET', url, answer)}; expected 200 or a 4xx`);
  if (ctx.options.token && answer.body.includes(ctx.options.token)) {
    return fail(name, `the API token from ${ctx.options.tokenVariable} is in the answer`);
  }
  let shown: Record<string, unknown>;
  try {
    shown = JSON.parse(answer.body) as Record<string, unknown>;
  } catch {
    return fail(name, `${describeAnswer('GET', url, answer)} but not as JSON`);
  }
  const revealed = SECRET_SETTINGS.filter(
    (setting) => setting in shown && !REDACTED.has(String(shown[setting])),
  );
  return revealed.length === 0
    ? pass(name, `${SECRET_SETTINGS.length} secret settings shown as set/unset`)
    : fail(name, `values shown for ${revealed.join(', ')}`);
}
