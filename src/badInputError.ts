import { UserFacingError } from './userFacingError.js';

/**
 * A command-line argument that cannot be used (malformed, unknown or naming data that does not exist).
 * The CLI exits 2 for it, as it does for a usage error, so scripts can tell it from a failure.
 */
export class BadInputError extends UserFacingError {
  readonly exitCode = 2;
}
