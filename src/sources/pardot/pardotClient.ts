import { UserFacingError } from '../../userFacingError.js';
import { HttpClient } from '../http/httpClient.js';
import type { PardotRecord } from './pardotRows.js';
import type { PardotSettings } from './pardotSettings.js';

/** One page of a v5 query: values plus where the next page is (both absent on the last page). */
export interface PardotPage {
  values: PardotRecord[];
  nextPageToken?: string | null;
  nextPageUrl?: string | null;
}

// v5 errors are {"code": n, "message": "..."}; 122 is the business unit's daily request allocation.
const DAILY_LIMIT = /"code"\s*:\s*122\b/;

/**
 * Account Engagement (Pardot) API v5 reads: Salesforce OAuth token and business unit id on every
 * request; 429 and 5xx retried by HttpClient; the daily limit turned into a retryable error.
 */
export class PardotClient {
  private readonly http: HttpClient;

  constructor(
    private readonly settings: PardotSettings,
    sleep?: (ms: number) => Promise<void>,
  ) {
    this.http = new HttpClient({
      sourceName: settings.name,
      authHeaders: async () => ({ authorization: `Bearer ${settings.accessToken}`, 'Pardot-Business-Unit-Id': settings.businessUnitId }),
      authFix:
        'put a current Salesforce access token with the pardot_api scope in the variable tokenEnv names (code 184 means it expired or is malformed), ' +
        'and the 18-character business unit id (0Uv…) in the one businessUnitIdEnv names',
      ...(sleep ? { sleep } : {}),
    });
  }

  get requests(): number {
    return this.http.requests;
  }

  async page(url: string, query: Record<string, string | number | undefined> | undefined, signal: AbortSignal): Promise<PardotPage> {
    if (new URL(url).origin !== new URL(this.settings.baseUrl).origin) {
      // Never send the access token to a host other than the configured one.
      throw new Error(`source "${this.settings.name}": next page URL ${new URL(url).origin} is not on ${this.settings.baseUrl}`);
    }
    let page: PardotPage;
    try {
      page = await this.http.getJson<PardotPage>(url, { query, signal });
    } catch (error) {
      if (error instanceof Error && DAILY_LIMIT.test(error.message)) {
        // Plain Error: Temporal retries later and the extract resumes from its cursor.
        throw new Error(
          `source "${this.settings.name}": Account Engagement daily API request limit reached (code 122); ` +
            'the extract resumes from where it stopped once the limit resets (midnight in the account\'s time zone)',
          { cause: error },
        );
      }
      throw error;
    }
    if (!page || !Array.isArray(page.values)) {
      throw new UserFacingError(`source "${this.settings.name}": ${new URL(url).pathname} did not answer with a v5 "values" list`, 'check baseUrl points at the Account Engagement API (https://pi.pardot.com)');
    }
    return page;
  }
}
