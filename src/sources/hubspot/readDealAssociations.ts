import type { HttpClient } from '../http/httpClient.js';
import type { LinkedIds } from './mapHubspotObject.js';

interface BatchReadResponse {
  results?: Array<{ from?: { id?: unknown }; to?: Array<{ toObjectId?: unknown; associationTypes?: Array<{ typeId?: unknown }> }> }>;
}

// HubSpot-defined association type id of a deal's primary company.
const DEAL_TO_PRIMARY_COMPANY = 5;

/**
 * The search API returns no associations, so after a page of deals the v4 batch read fetches each
 * deal's companies and contacts (two requests per page). The primary company wins; otherwise the
 * first listed. Deals without associations are simply absent from the answer.
 */
export async function readDealAssociations(http: HttpClient, baseUrl: string, dealIds: readonly string[], signal: AbortSignal): Promise<Map<string, LinkedIds>> {
  const linked = new Map<string, LinkedIds>(dealIds.map((id) => [id, { company: null, contact: null }]));
  if (dealIds.length === 0) return linked;
  for (const toObject of ['companies', 'contacts'] as const) {
    const body = await http.postJson<BatchReadResponse>(`${baseUrl}/crm/v4/associations/deals/${toObject}/batch/read`, {
      body: { inputs: dealIds.map((id) => ({ id })) },
      signal,
    });
    for (const result of body.results ?? []) {
      const ids = linked.get(String(result.from?.id));
      const targets = (result.to ?? []).filter((t) => typeof t.toObjectId === 'string' || typeof t.toObjectId === 'number');
      if (!ids || targets.length === 0) continue;
      const primary = toObject === 'companies' ? targets.find((t) => t.associationTypes?.some((type) => type.typeId === DEAL_TO_PRIMARY_COMPANY)) : undefined;
      const chosen = String((primary ?? targets[0])?.toObjectId);
      if (toObject === 'companies') ids.company = chosen;
      else ids.contact = chosen;
    }
  }
  return linked;
}
