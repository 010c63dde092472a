import { HttpRefusedError } from '../http/httpClient.js';

/**
 * The errorCode of a Salesforce REST error body (`[{"message": ..., "errorCode": ...}]`). A few
 * codes behind a 4xx (REQUEST_LIMIT_EXCEEDED, INVALID_QUERY_LOCATOR) are not the user's to fix, so
 * the connector reads the code to decide whether to wait or restart instead of failing.
 */
export function salesforceErrorCode(error: unknown): string | null {
  if (!(error instanceof HttpRefusedError)) return null;
  try {
    const errors = JSON.parse(error.body) as unknown;
    const first = Array.isArray(errors) ? (errors[0] as { errorCode?: unknown } | undefined) : undefined;
    return typeof first?.errorCode === 'string' ? first.errorCode : null;
  } catch {
    return null;
  }
}
