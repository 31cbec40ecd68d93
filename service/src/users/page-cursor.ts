import { createHmac, timingSafeEqual } from 'node:crypto';
import { ProblemError } from '../http/problem-types.js';

export class InvalidCursorError extends ProblemError {
  constructor() {
    super(
      'invalid-cursor',
      'cursor is not one this service issued: pass nextCursor from a previous page unchanged, or omit it.',
    );
    this.name = 'InvalidCursorError';
  }
}

/**
 * Opaque, tamper-evident page cursors: the last id of a page, signed with SECRET_KEY, so clients
 * cannot build cursors and the encoding can change without breaking anyone who follows the rules.
 */
export function createPageCursors(key: Buffer) {
  const sign = (payload: string) =>
    createHmac('sha256', key).update(payload).digest('base64url').slice(0, 22);
  return {
    encode(lastId: string): string {
      const payload = Buffer.from(lastId, 'utf8').toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    decode(cursor: string): string {
      const [payload, signature, extra] = cursor.split('.');
      if (!payload || !signature || extra !== undefined) throw new InvalidCursorError();
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given))
        throw new InvalidCursorError();
      return Buffer.from(payload, 'base64url').toString('utf8');
    },
  };
}

export type PageCursors = ReturnType<typeof createPageCursors>;
