/**
 * Where log lines go: JSON on stdout for log shippers, or human-readable lines when stdout is a
 * terminal (someone is watching `npm start`). pino-pretty is loaded only then, and writes from
 * this thread (`sync`), so a line is on screen before the process exits.
 */
export async function logDestination(
  stdoutIsTerminal: boolean = process.stdout.isTTY === true,
): Promise<NodeJS.WritableStream | undefined> {
  if (!stdoutIsTerminal) return undefined;
  const { default: pretty } = await import('pino-pretty');
  return pretty({
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    destination: 1,
  });
}
