import type { Knex } from 'knex';
import { copyLine } from '../../db/copyText.js';
import { copyLines } from '../../db/copyLines.js';
import { stageSql } from '../../db/stageSql.js';
import { withConnection } from '../../db/withConnection.js';
import { cleanEmail } from '../../identity/cleanEmail.js';
import { CleaningCounts } from '../../identity/cleaningCounts.js';
import type { createPseudonymiser } from '../../identity/pseudonymise.js';

const FETCH_ROWS = 5_000;

interface LandedSupportResponse {
  source: string;
  source_object: string;
  source_id: string;
  email: string;
  kind: string | null;
  score: string | null;
  opened_at: string;
}

export interface SupportResponseEmails {
  /** Responses copied with an email pseudonym. */
  responses: number;
  /** Responses whose email is not an address once cleaned: they cannot reach a customer. */
  unusableEmails: number;
}

/**
 * Fills the transaction's temporary support_response_emails: every landed support response of the
 * run's sources with its email replaced by the pseudonym identity resolution gives the same address,
 * so responses join core.identity_records without clear emails leaving raw.*. Streams page by page.
 */
export async function loadSupportResponseEmails(
  trx: Knex.Transaction,
  sources: readonly string[],
  pseudonym: ReturnType<typeof createPseudonymiser>,
): Promise<SupportResponseEmails> {
  await trx.raw(`create temporary table support_response_emails (
    source text not null, source_object text not null, source_id text not null,
    email_hash text not null, kind text, score numeric(6, 2), opened_at timestamptz not null
  ) on commit drop`);
  await trx.raw(`declare support_landed no scroll cursor for ${stageSql('support_responses_landed')}`, { sources: JSON.stringify(sources) });
  // Cleaning outcomes are counted by identity resolution; here they only decide whether an email can match.
  const counts = new CleaningCounts();
  let responses = 0;
  let unusableEmails = 0;
  for (;;) {
    const page = await trx.raw<{ rows: LandedSupportResponse[] }>(`fetch ${FETCH_ROWS} from support_landed`);
    if (page.rows.length === 0) break;
    const lines: string[] = [];
    for (const row of page.rows) {
      const email = cleanEmail(row.email, counts);
      if (email === null) {
        unusableEmails++;
        continue;
      }
      lines.push(copyLine([row.source, row.source_object, row.source_id, pseudonym('email', email.email), row.kind, row.score, row.opened_at]));
    }
    responses += lines.length;
    await withConnection(trx, (connection) => copyLines(connection, 'copy support_response_emails from stdin', lines));
  }
  await trx.raw('close support_landed');
  return { responses, unusableEmails };
}
