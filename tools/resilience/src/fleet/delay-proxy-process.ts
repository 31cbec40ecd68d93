/**
 * The delay proxy's own process (see startDelayProxy): reports its port, applies the delays it is
 * sent and acknowledges each, and exits when its parent lets go.
 */
import { listenDelayProxy } from './delay-proxy.js';

const proxy = await listenDelayProxy(Number(process.argv[2]));
process.send?.({ port: proxy.port });
process.on('message', (message: { delayMs: number }) => {
  proxy.setDelay(message.delayMs);
  process.send?.({ delayMs: message.delayMs });
});
process.on('disconnect', () => {
  void proxy.close().then(() => process.exit(0));
});
