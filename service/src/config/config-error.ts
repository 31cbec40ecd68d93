/** Invalid configuration: every problem, each naming its variable, so one start-up reports them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSet the variables listed above (see .env.example and the README configuration table) and start again.',
    );
    this.name = 'ConfigError';
  }
}
