import { UserFacingError } from '../../userFacingError.js';

/**
 * The errorCode of a Salesforce REST error (`[{"message": ..., "errorCode": ...}]`) carried by the
 * UserFacingError HttpClient throws for a 4xx. HttpClient has no hook to look at a body before it
 * turns 403/400 into a UserFacingError, and a few codes (REQUEST_LIMIT_EXCEEDED,
 * INVALID_QUERY_LOCATOR) are not the user's to fix, so the connector reads the code back here.
 */
export function salesforceErrorCode(error: unknown): string | null {
  if (!(error instanceof UserFacingError)) return null;
  return /"errorCode"\s*:\s*"([A-Z_]+)"/.exec(error.message)?.[1] ?? null;
}
