import pino from 'pino';

/** Log lines are written once this many bytes are waiting (about fifteen request lines)... */
export const LOG_BATCH_BYTES = 4096;
/** ...and whatever is waiting every this many milliseconds, so a quiet service's lines wait no longer. */
export const LOG_FLUSH_MS = 200;

/**
 * Where log lines go: JSON on stdout for log shippers, or human-readable lines when stdout is a
 * terminal (someone is watching `npm start`). pino-pretty is loaded only then, and writes from
 * this thread (`sync`), so a line is on screen before the process exits.
 *
 * JSON lines are written in batches. Writing each line on its own (pino's default) costs a
 * write from Node's thread pool per request, and a wake-up of the event loop when it is done:
 * under load, more CPU than producing the line. Batched, a busy service makes one write per few
 * kilobytes; pino flushes what is waiting when the process exits, even on an uncaught error or
 * `process.exit`; only a SIGKILL (or an out-of-memory kill) loses the last lines, at most
 * LOG_FLUSH_MS of them.
 */
export async function logDestination(
  stdoutIsTerminal: boolean = process.stdout.isTTY === true,
): Promise<NodeJS.WritableStream> {
  if (!stdoutIsTerminal) {
    return pino.destination({
      dest: 1,
      sync: false,
      minLength: LOG_BATCH_BYTES,
      periodicFlush: LOG_FLUSH_MS,
    }) as unknown as NodeJS.WritableStream;
  }
  const { default: pretty } = await import('pino-pretty');
  return pretty({
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    destination: 1,
  });
}
