/**
 * A client of the users API written the way a consumer would: openapi-fetch typed by the types
 * generated from the OpenAPI document, nothing written by hand about paths, bodies or answers. It
 * type-checks only while the document describes the API well enough (optional `limit`, named
 * schemas, operationIds, problem+json errors), and the round trip proves it against a real server.
 */
import { PATHS } from '@slipway/contract';
import createClient from 'openapi-fetch';
import type { components, operations, paths } from './openapi.generated.js';

type User = components['schemas']['User'];
type Problem = components['schemas']['Problem'];
type CreatedUser = operations['createUser']['responses'][201]['content']['application/json'];

export interface RoundTrip {
  created: CreatedUser;
  location: string | null;
  read: User;
  listed: User[];
  replaced: User;
  changed: User;
  deletedStatus: number;
  gone: Problem;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the API returned no ${what}`);
  return value;
}

/** Create, read, list, replace, change and delete one user; every answer is typed. */
export async function usersRoundTrip(baseUrl: string, token: string, dni: string): Promise<RoundTrip> {
  const client = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
  const byId = (id: string) => ({ params: { path: { id } } });

  const create = await client.POST(PATHS.users, { body: { dni, name: 'Ada Lovelace' } });
  const created = required(create.data, 'created user');
  const read = required((await client.GET(`${PATHS.users}/{id}`, byId(created.id))).data, 'user');
  const list = required((await client.GET(PATHS.users)).data, 'page of users');
  const replace = await client.PUT(`${PATHS.users}/{id}`, {
    ...byId(created.id),
    body: { dni, name: 'Augusta Ada King' },
  });
  const change = await client.PATCH(`${PATHS.users}/{id}`, { ...byId(created.id), body: { name: 'Ada' } });
  const remove = await client.DELETE(`${PATHS.users}/{id}`, byId(created.id));
  const after = await client.GET(`${PATHS.users}/{id}`, byId(created.id));
  return {
    created,
    location: create.response.headers.get('location'),
    read,
    listed: list.items,
    replaced: required(replace.data, 'replaced user'),
    changed: required(change.data, 'changed user'),
    deletedStatus: remove.response.status,
    gone: required(after.error, 'problem for the deleted user'),
  };
}
