import { randomBytes } from 'node:crypto';
import { PATHS } from '@slipway/contract';
import { describeAnswer } from './http-client.js';
import { type CheckResult, fail, pass, type SmokeContext } from './smoke-check.js';

/** A DNI no real person has (the API accepts 1–13 letters, digits or hyphens). */
export function smokeDni(): string {
  return `SMOKE-${randomBytes(4).toString('hex').slice(0, 7).toUpperCase()}`;
}

interface UserBody {
  id?: unknown;
  dni?: unknown;
  name?: unknown;
}

function parseUser(body: string): UserBody | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as UserBody) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates a user, reads it back, deletes it and checks it is gone — with the token from the
 * environment, as a client would. When a token is configured, a write without it must be refused.
 * A user created here is always deleted again, even when reading it back fails.
 */
export async function checkUserRoundTrip(ctx: SmokeContext): Promise<CheckResult[]> {
  const { token, tokenVariable } = ctx.options;
  const results: CheckResult[] = [];
  const collection = ctx.url(PATHS.users);
  const user = { dni: smokeDni(), name: `Smoke test ${new Date().toISOString()}` };

  if (token) {
    const name = 'a write without a token is refused';
    const answer = await ctx.request(collection, { method: 'POST', json: user });
    results.push(
      answer.status === 401 || answer.status === 403
        ? pass(name, describeAnswer('POST', collection, answer))
        : fail(
            name,
            `${describeAnswer('POST', collection, answer)}; expected 401 — writes are open to anyone`,
          ),
    );
    if (answer.status === 201) await deleteCreated(ctx, answer.headers.get('location'));
  }

  const createName = 'create a user (POST answers 201 with Location)';
  const created = await ctx.request(collection, { method: 'POST', json: user, token });
  const location = created.headers.get('location');
  if (created.status !== 201 || !location) {
    const hint =
      created.status === 401 || created.status === 403
        ? `; set ${tokenVariable} to a token the environment accepts (API_TOKENS)`
        : '';
    results.push(
      fail(
        createName,
        `${describeAnswer('POST', collection, created)}${location ? '' : ', no Location'}${hint}`,
      ),
    );
    return results;
  }
  const userUrl = new URL(location, collection);
  results.push(pass(createName, `${describeAnswer('POST', collection, created)} → ${userUrl.pathname}`));

  const readName = 'read the user back';
  const read = await ctx.request(userUrl);
  const readBack = parseUser(read.body);
  results.push(
    read.status === 200 && readBack?.dni === user.dni && readBack.name === user.name
      ? pass(readName, describeAnswer('GET', userUrl, read))
      : fail(
          readName,
          `${describeAnswer('GET', userUrl, read)}; expected 200 with dni ${user.dni} and the same name`,
        ),
  );

  const deleteName = 'delete the user (204)';
  const deleted = await ctx.request(userUrl, { method: 'DELETE', token });
  results.push(
    deleted.status === 204
      ? pass(deleteName, describeAnswer('DELETE', userUrl, deleted))
      : fail(
          deleteName,
          `${describeAnswer('DELETE', userUrl, deleted)}; the smoke user ${user.dni} may be left behind`,
        ),
  );

  const goneName = 'the deleted user is gone (404)';
  const gone = await ctx.request(userUrl);
  results.push(
    gone.status === 404
      ? pass(goneName, describeAnswer('GET', userUrl, gone))
      : fail(goneName, describeAnswer('GET', userUrl, gone)),
  );
  return results;
}

async function deleteCreated(ctx: SmokeContext, location: string | null): Promise<void> {
  if (!location) return;
  await ctx.request(new URL(location, ctx.url(PATHS.users)), { method: 'DELETE', token: ctx.options.token });
}
