/**
 * The start-up reference: Fastify 5 with one route and nothing else, bundled like the service (see
 * targets/start-reference.ts), so its start → first 200 is what the framework and Node need before
 * any of the service's own work. Argument: {"port": n}.
 */
import Fastify from 'fastify';
import { serverArguments } from './server-arguments.js';

const { port } = serverArguments();
const app = Fastify();
app.get('/', async () => 'hello\n');
await app.listen({ host: '127.0.0.1', port });
