/** The ceiling: a bare node:http server answering "hello", measured in the same run. */
import { createServer } from 'node:http';

const port = Number(process.env.PORT);
createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' }).end('hello\n');
}).listen(port, '127.0.0.1', () => process.send?.('listening'));
