/**
 * The bare peer: the service's two hot routes on Fastify 5 with nothing around them — no logger,
 * metrics, request ids, security headers, rate limit, load shedding, auth or tracing. Routes keep
 * their JSON schemas, because validating the input and serialising the output with them is what a
 * bare Fastify route does; the handlers do the same work as the service's (a UUIDv7 id, the dni
 * upper-cased, ISO timestamps), straight on the driver with prepared statements.
 */
import { PATHS } from '@slipway/contract';
import Fastify, { type FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';

export interface UserRow {
  id: string;
  dni: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface UserStore {
  get(id: string): Promise<UserRow | undefined> | UserRow | undefined;
  insert(user: UserRow): Promise<void> | void;
}

const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    dni: { type: 'string' },
    name: { type: 'string' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'dni', 'name', 'createdAt', 'updatedAt'],
  additionalProperties: false,
} as const;

export function bareUsersApp(store: UserStore): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>(
    `${PATHS.users}/:id`,
    {
      schema: {
        params: {
          type: 'object',
          properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
          required: ['id'],
        },
        response: { 200: userSchema },
      },
    },
    async (request, reply) => {
      const user = await store.get(request.params.id);
      return user ?? reply.code(404).send({ title: 'Not Found' });
    },
  );
  app.post<{ Body: { dni: string; name: string } }>(
    PATHS.users,
    {
      schema: {
        body: {
          type: 'object',
          properties: {
            dni: { type: 'string', pattern: '^[0-9A-Za-z-]{1,13}$' },
            name: { type: 'string', minLength: 1, maxLength: 1000 },
          },
          required: ['dni', 'name'],
          additionalProperties: false,
        },
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      const now = new Date().toISOString();
      const user = {
        id: uuidv7(),
        dni: request.body.dni.toUpperCase(),
        name: request.body.name.trim(),
        createdAt: now,
        updatedAt: now,
      };
      await store.insert(user);
      return reply.code(201).header('location', `${PATHS.users}/${user.id}`).send(user);
    },
  );
  return app;
}
