import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PATHS } from '@slipway/contract';
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { Type } from 'typebox';
import { ProblemError } from '../http/problem-types.js';
import { problemResponse, schemaRef } from '../http/schema-refs.js';
import type { PageCursors } from './page-cursor.js';
import {
  DEFAULT_PAGE_SIZE,
  ListUsersQuery,
  User,
  UserIdParams,
  UserInput,
  UserPage,
  UserPatch,
} from './user-schemas.js';
import { normaliseDni, normaliseName } from './user-validation.js';
import type { UsersRepository } from './users-repository.js';

interface UsersRouteOptions {
  users: UsersRepository;
  cursors: PageCursors;
  requireWriteToken: onRequestAsyncHookHandler;
}

/** What each error status means on these routes; every one is an application/problem+json body. */
const ERRORS = {
  400: 'The request is not valid: `detail` says why and `errors` lists each field.',
  401: 'API tokens are configured and the request carries no bearer token.',
  403: 'The bearer token is not one of the configured API tokens.',
  404: 'There is no user with this id.',
  409: 'Another user already has this dni.',
  413: 'The body is larger than the service accepts.',
  415: 'The body is not sent as application/json.',
  429: 'Too many requests from this client: retry after the RateLimit-Reset seconds.',
  503: 'The database is unavailable or the service is overloaded: retry after the Retry-After seconds.',
} as const;

const errors = (...statuses: (keyof typeof ERRORS)[]) =>
  Object.fromEntries(statuses.map((status) => [status, problemResponse(ERRORS[status])]));

const WRITE_ERRORS = [400, 401, 403, 409, 413, 415, 429, 503] as const;

const notFound = (id: string) =>
  new ProblemError('not-found', `There is no user with id ${id}. List users at ${PATHS.users} to find one.`);

export async function usersRoutes(
  instance: FastifyInstance,
  { users, cursors, requireWriteToken }: UsersRouteOptions,
) {
  // Route types come from the TypeBox schemas the routes validate with, never restated by hand.
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  // onRequest: an unauthenticated client learns nothing about the body and costs no parsing.
  const write = { onRequest: requireWriteToken };
  const writeSecurity = [{ bearerAuth: [] }];
  const readSecurity: { [name: string]: string[] }[] = [];
  const tags = ['users'];
  const oneUser = (description: string) => schemaRef(User, { description });

  app.get(
    PATHS.users,
    {
      schema: {
        operationId: 'listUsers',
        summary: 'List users',
        description: `Users oldest first, ${DEFAULT_PAGE_SIZE} a page unless \`limit\` says otherwise. Follow \`nextCursor\` for the next page.`,
        tags,
        security: readSecurity,
        querystring: ListUsersQuery,
        response: { 200: schemaRef(UserPage, { description: 'A page of users.' }), ...errors(400, 429, 503) },
      },
    },
    async (request) => {
      const afterId = request.query.cursor === undefined ? undefined : cursors.decode(request.query.cursor);
      const { users: page, hasMore } = await users.list(request.query.limit ?? DEFAULT_PAGE_SIZE, afterId);
      const last = page.at(-1);
      return { items: page, nextCursor: hasMore && last ? cursors.encode(last.id) : null };
    },
  );

  app.get(
    `${PATHS.users}/:id`,
    {
      schema: {
        operationId: 'getUser',
        summary: 'Get a user',
        description: 'One user by id.',
        tags,
        security: readSecurity,
        params: UserIdParams,
        response: { 200: oneUser('The user.'), ...errors(404, 429, 503) },
      },
    },
    async (request) => {
      const user = await users.get(request.params.id);
      if (user === undefined) throw notFound(request.params.id);
      return user;
    },
  );

  app.post(
    PATHS.users,
    {
      ...write,
      schema: {
        operationId: 'createUser',
        summary: 'Create a user',
        description: 'Creates a user with a new id. The dni must not belong to another user.',
        tags,
        security: writeSecurity,
        body: schemaRef(UserInput),
        response: {
          201: {
            ...oneUser('The user, created.'),
            headers: {
              location: Type.String({ description: 'The path of the new user, /api/users/{id}.' }),
            },
          },
          ...errors(...WRITE_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const user = await users.create({
        dni: normaliseDni(request.body.dni),
        name: normaliseName(request.body.name),
      });
      return reply.code(201).header('location', `${PATHS.users}/${user.id}`).send(user);
    },
  );

  app.put(
    `${PATHS.users}/:id`,
    {
      ...write,
      schema: {
        operationId: 'replaceUser',
        summary: 'Replace a user',
        description: 'Sets both the dni and the name of an existing user.',
        tags,
        security: writeSecurity,
        params: UserIdParams,
        body: schemaRef(UserInput),
        response: { 200: oneUser('The user, replaced.'), ...errors(...WRITE_ERRORS, 404) },
      },
    },
    async (request) => {
      const changes = { dni: normaliseDni(request.body.dni), name: normaliseName(request.body.name) };
      const user = await users.update(request.params.id, changes);
      if (user === undefined) throw notFound(request.params.id);
      return user;
    },
  );

  app.patch(
    `${PATHS.users}/:id`,
    {
      ...write,
      schema: {
        operationId: 'updateUser',
        summary: 'Change a user',
        description: 'Changes the dni, the name or both of an existing user.',
        tags,
        security: writeSecurity,
        params: UserIdParams,
        body: schemaRef(UserPatch),
        response: { 200: oneUser('The user, changed.'), ...errors(...WRITE_ERRORS, 404) },
      },
    },
    async (request) => {
      const changes: { dni?: string; name?: string } = {};
      if (request.body.dni !== undefined) changes.dni = normaliseDni(request.body.dni);
      if (request.body.name !== undefined) changes.name = normaliseName(request.body.name);
      const user = await users.update(request.params.id, changes);
      if (user === undefined) throw notFound(request.params.id);
      return user;
    },
  );

  app.delete(
    `${PATHS.users}/:id`,
    {
      ...write,
      schema: {
        operationId: 'deleteUser',
        summary: 'Delete a user',
        description: 'Deletes a user; its dni can be used again.',
        tags,
        security: writeSecurity,
        params: UserIdParams,
        response: {
          204: Type.Null({ description: 'The user is deleted; no body.' }),
          ...errors(401, 403, 404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      if (!(await users.delete(request.params.id))) throw notFound(request.params.id);
      return reply.code(204).send(null);
    },
  );
}
