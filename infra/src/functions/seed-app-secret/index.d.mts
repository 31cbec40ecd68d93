export const API_TOKENS_KEY: 'API_TOKENS';
export function withApiToken(secretString: string, token: string): string | undefined;
export function seed(
  secrets: { read(id: string): Promise<string | undefined>; write(id: string, value: string): Promise<void> },
  secretId: string,
): Promise<'seeded' | 'already seeded'>;
export function handler(event: unknown): Promise<void>;
