import { UserFacingError } from '../../userFacingError.js';
import { HttpClient } from '../http/httpClient.js';

export interface SalesforceSessionSettings {
  sourceName: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Used when the token response has no instance_url. */
  instanceUrl: string;
  /** What to tell the user when the connected app's credentials are refused. */
  credentialsFix: string;
  sleep?: (ms: number) => Promise<void>;
}

interface TokenResponse {
  access_token?: unknown;
  instance_url?: unknown;
  token_type?: unknown;
}

interface Session {
  accessToken: string;
  instanceUrl: string;
}

/**
 * An OAuth 2.0 client-credentials session with a connected app: fetched on first use and
 * renewed when the API answers INVALID_SESSION_ID (HttpClient calls `refresh` after a 401).
 */
export class SalesforceSession {
  private session: Promise<Session> | undefined;
  private readonly tokenClient: HttpClient;

  constructor(private readonly settings: SalesforceSessionSettings) {
    this.tokenClient = new HttpClient({ sourceName: settings.sourceName, authFix: settings.credentialsFix, sleep: settings.sleep });
  }

  async authHeaders(): Promise<Record<string, string>> {
    return { authorization: `Bearer ${(await this.current()).accessToken}` };
  }

  /** The instance the token was issued for: Salesforce says API calls go there. */
  async instanceUrl(): Promise<string> {
    return (await this.current()).instanceUrl;
  }

  async refresh(): Promise<void> {
    this.session = undefined;
    await this.current();
  }

  private current(): Promise<Session> {
    // One pending request is shared, so concurrent callers never fetch two tokens.
    this.session ??= this.requestToken().catch((error: unknown) => {
      this.session = undefined;
      throw error;
    });
    return this.session;
  }

  private async requestToken(): Promise<Session> {
    const { sourceName, tokenUrl, clientId, clientSecret, credentialsFix } = this.settings;
    let body: TokenResponse;
    try {
      body = await this.tokenClient.postJson<TokenResponse>(tokenUrl, {
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      });
    } catch (error) {
      // The token endpoint answers 400 invalid_client for wrong credentials: that is a credentials problem, not a config one.
      if (error instanceof UserFacingError) throw new UserFacingError(`${error.message} (OAuth client-credentials token request)`, credentialsFix, { cause: error });
      throw error;
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new UserFacingError(
        `source "${sourceName}" (salesforce): ${tokenUrl} answered without an access_token`,
        'set tokenUrl to the org\'s OAuth token endpoint (https://<my-domain>.my.salesforce.com/services/oauth2/token)',
      );
    }
    const instanceUrl = typeof body.instance_url === 'string' && body.instance_url !== '' ? body.instance_url.replace(/\/+$/, '') : this.settings.instanceUrl;
    return { accessToken: body.access_token, instanceUrl };
  }
}
