/** The ceiling: node:http answering "hello", nothing else. Argument: {"port": n}. */
import { createServer } from 'node:http';
import { serverArguments } from './server-arguments.js';

const { port } = serverArguments();
createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' }).end('hello\n');
}).listen(port, '127.0.0.1');
