import { PATHS } from '@slipway/contract';
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { Type } from 'typebox';
import { ProblemError } from '../http/problem-types.js';
import type { PageCursors } from './page-cursor.js';
import {
  CreateUserBody,
  ListUsersQuery,
  type PatchUserBody,
  PatchUserBody as PatchUserBodySchema,
  ReplaceUserBody,
  UserIdParams,
  UserPage,
} from './user-schemas.js';
import { normaliseDni, normaliseName } from './user-validation.js';
import type { UsersRepository } from './users-repository.js';

interface UsersRouteOptions {
  users: UsersRepository;
  cursors: PageCursors;
  requireWriteToken: onRequestAsyncHookHandler;
}

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, Type.Ref('Problem')])) as Record<
    number,
    ReturnType<typeof Type.Ref>
  >;

const notFound = (id: string) =>
  new ProblemError('not-found', `There is no user with id ${id}. List users at ${PATHS.users} to find one.`);

export async function usersRoutes(
  app: FastifyInstance,
  { users, cursors, requireWriteToken }: UsersRouteOptions,
) {
  // onRequest: an unauthenticated client learns nothing about the body and costs no parsing.
  const write = { onRequest: requireWriteToken };
  const writeSecurity = [{ bearerAuth: [] }];
  const tags = ['users'];

  app.get<{ Querystring: { limit: number; cursor?: string } }>(
    PATHS.users,
    {
      schema: {
        summary: 'List users, oldest first, a page at a time.',
        tags,
        querystring: ListUsersQuery,
        response: { 200: UserPage, ...problems(400, 429, 503) },
      },
    },
    async (request) => {
      const afterId = request.query.cursor === undefined ? undefined : cursors.decode(request.query.cursor);
      const { users: page, hasMore } = await users.list(request.query.limit, afterId);
      const last = page.at(-1);
      return { items: page, nextCursor: hasMore && last ? cursors.encode(last.id) : null };
    },
  );

  app.get<{ Params: { id: string } }>(
    `${PATHS.users}/:id`,
    {
      schema: {
        summary: 'Get one user.',
        tags,
        params: UserIdParams,
        response: { 200: Type.Ref('User'), ...problems(404, 429, 503) },
      },
    },
    async (request) => {
      const user = await users.get(request.params.id);
      if (user === undefined) throw notFound(request.params.id);
      return user;
    },
  );

  app.post<{ Body: CreateUserBody }>(
    PATHS.users,
    {
      ...write,
      schema: {
        summary: 'Create a user. Answers 201 with a Location header.',
        tags,
        security: writeSecurity,
        body: CreateUserBody,
        response: { 201: Type.Ref('User'), ...problems(400, 401, 403, 409, 413, 415, 429, 503) },
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

  app.put<{ Params: { id: string }; Body: CreateUserBody }>(
    `${PATHS.users}/:id`,
    {
      ...write,
      schema: {
        summary: 'Replace a user’s dni and name.',
        tags,
        security: writeSecurity,
        params: UserIdParams,
        body: ReplaceUserBody,
        response: { 200: Type.Ref('User'), ...problems(400, 401, 403, 404, 409, 413, 415, 429, 503) },
      },
    },
    async (request) => {
      const changes = { dni: normaliseDni(request.body.dni), name: normaliseName(request.body.name) };
      const user = await users.update(request.params.id, changes);
      if (user === undefined) throw notFound(request.params.id);
      return user;
    },
  );

  app.patch<{ Params: { id: string }; Body: PatchUserBody }>(
    `${PATHS.users}/:id`,
    {
      ...write,
      schema: {
        summary: 'Change a user’s dni, name or both.',
        tags,
        security: writeSecurity,
        params: UserIdParams,
        body: PatchUserBodySchema,
        response: { 200: Type.Ref('User'), ...problems(400, 401, 403, 404, 409, 413, 415, 429, 503) },
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

  app.delete<{ Params: { id: string } }>(
    `${PATHS.users}/:id`,
    {
      ...write,
      schema: {
        summary: 'Delete a user. Its dni can be used again.',
        tags,
        security: writeSecurity,
        params: UserIdParams,
        response: { 204: Type.Null(), ...problems(401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      if (!(await users.delete(request.params.id))) throw notFound(request.params.id);
      return reply.code(204).send();
    },
  );
}
