import type { ConfigName } from '@slipway/contract';

/** A start-up failure the operator can fix; its message is one line and says how. */
export class StartupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/**
 * Turns a failed listen (a busy port, a privileged port, an address this machine lacks) into one
 * line naming the port or address and the variable to change, instead of a stack trace.
 */
export function explainListenError(
  error: unknown,
  where: { host: string; port: number; portVariable: ConfigName; hostVariable: ConfigName },
): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const { host, port, portVariable, hostVariable } = where;
  switch (code) {
    case 'EADDRINUSE':
      return new StartupError(
        `port ${port} on ${host} is already in use: stop the process using it or set ${portVariable} to a free port`,
        { cause: error },
      );
    case 'EACCES':
      return new StartupError(
        `not allowed to listen on port ${port}: set ${portVariable} to a port above 1023`,
        { cause: error },
      );
    case 'EADDRNOTAVAIL':
      return new StartupError(
        `address ${host} does not belong to this machine: set ${hostVariable} to one of its addresses (127.0.0.1 or 0.0.0.0)`,
        { cause: error },
      );
    default:
      return error;
  }
}
