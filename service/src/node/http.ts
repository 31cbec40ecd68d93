import type * as Http from 'node:http';
import { createRequire } from 'node:module';

/**
 * node:http for the service's own code, loaded with require. Importing a built-in as an ES module
 * makes Node read every one of its exports, and node:http's include the lazy WebSocket classes:
 * reading them loads Node's whole bundled fetch library (undici), which took longer than anything
 * else in the service's start. Fastify and the other dependencies already use require.
 */
const http = createRequire(import.meta.url)('node:http') as typeof Http;

export const createServer = http.createServer;
export const IncomingMessage = http.IncomingMessage;
export type IncomingMessage = Http.IncomingMessage;
export const ServerResponse = http.ServerResponse;
export type ServerResponse = Http.ServerResponse;
export type Server = Http.Server;
