import type { Knex } from 'knex';
import { copyLine, copyValue } from '../db/copyText.js';
import { copyLines } from '../db/copyLines.js';
import { stageSql } from '../db/stageSql.js';
import { withConnection } from '../db/withConnection.js';
import { cleanIdentityRow, type CleanIdentityValues } from './cleanIdentityRow.js';
import type { CleaningCounts } from './cleaningCounts.js';
import type { LandedIdentityRow } from './landedIdentityRow.js';
import type { createPseudonymiser } from './pseudonymise.js';

const FETCH_ROWS = 5_000;
const MEMBER_COLUMNS = 'run_id, member_no, level, source, source_object, source_id, member_kind';
const RECORD_COLUMNS = 'run_id, member_no, email_hash, email_domain, email_is_free_mail, email_anagram_hash, phone_hash, country, account_name, name_key, company_key, domain, account_ref, contact_ref';

export interface LoadedIdentityRecords {
  members: number;
  records: number;
}

function recordValues(values: CleanIdentityValues): Array<string | number | null> {
  return [
    values.emailHash, values.emailDomain, values.emailIsFreeMail === null ? null : String(values.emailIsFreeMail), values.emailAnagramHash,
    values.phoneHash, values.country, values.accountName, values.nameKey, values.companyKey, values.domain, values.accountRef, values.contactRef,
  ];
}

/**
 * Streams the newest landed version of every person and account record through a server-side
 * cursor, cleans and pseudonymises it, and COPYs members (into the temporary identity_run_members, until
 * their keys are known) and records page by page: memory holds one page. Member numbers follow the query's sort order, so they never depend on landing order.
 */
export async function loadIdentityRecords(
  trx: Knex.Transaction,
  runId: string,
  sources: readonly string[],
  pseudonym: ReturnType<typeof createPseudonymiser>,
  counts: CleaningCounts,
): Promise<LoadedIdentityRecords> {
  await trx.raw(`declare identity_landed no scroll cursor for ${stageSql('identity_landed_records')}`, { sources: JSON.stringify(sources) });
  let memberNo = 0;
  let records = 0;
  let currentKey = '';
  let recordPrefix = '';
  let seenValues = new Set<string>();
  for (;;) {
    const page = await trx.raw<{ rows: LandedIdentityRow[] }>(`fetch ${FETCH_ROWS} from identity_landed`);
    if (page.rows.length === 0) break;
    const memberLines: string[] = [];
    const recordLines: string[] = [];
    for (const row of page.rows) {
      const key = `${row.level}\u0000${row.source}\u0000${row.source_object}\u0000${row.source_id}`;
      if (key !== currentKey) {
        currentKey = key;
        seenValues = new Set();
        memberNo++;
        recordPrefix = `${copyValue(runId)}\t${memberNo}\t`;
        memberLines.push(copyLine([runId, memberNo, row.level, row.source, row.source_object, row.source_id, row.member_kind]));
      }
      // The values' COPY text is their signature too: COPY escaping keeps distinct values distinct.
      const values = copyLine(recordValues(cleanIdentityRow(row, pseudonym, counts)));
      // Two spellings of one value ("A@x.com", "a@x.com ") are one observation once cleaned.
      if (seenValues.has(values)) {
        counts.add('exact_duplicate_removed', 'record');
        continue;
      }
      seenValues.add(values);
      recordLines.push(recordPrefix + values);
      records++;
    }
    await withConnection(trx, async (connection) => {
      if (memberLines.length > 0) await copyLines(connection, `copy identity_run_members (${MEMBER_COLUMNS}) from stdin`, memberLines);
      await copyLines(connection, `copy core.identity_records (${RECORD_COLUMNS}) from stdin`, recordLines);
    });
  }
  await trx.raw('close identity_landed');
  return { members: memberNo, records };
}
