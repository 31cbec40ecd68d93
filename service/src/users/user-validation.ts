import { ProblemError } from '../http/problem-types.js';
/** A request value that passed the JSON schema but breaks a rule the schema cannot express. */
export class InvalidFieldError extends ProblemError {
  constructor(
    readonly field: string,
    rule: string,
  ) {
    super('validation-failed', `The body is not valid: ${rule}.`, {}, [{ field, message: rule }]);
    this.name = 'InvalidFieldError';
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** The schema bounds the length (NAME_MAX_LENGTH); what is left after trimming must not be empty. */
export function normaliseName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0) throw new InvalidFieldError('name', 'name must not be empty or only whitespace');
  if (CONTROL_CHARACTERS.test(name))
    throw new InvalidFieldError('name', 'name must not contain control characters');
  return name;
}

export function normaliseDni(raw: string): string {
  return raw.toUpperCase();
}
