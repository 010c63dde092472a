import type { Knex } from 'knex';
import { copyLine } from '../db/copyText.js';
import { copyLines } from '../db/copyLines.js';
import { stageSql } from '../db/stageSql.js';
import { withConnection } from '../db/withConnection.js';
import { jaroWinkler } from './jaroWinkler.js';

/** Names at least this similar (Jaro-Winkler on the normalised name) are one company, unless their domains or countries say otherwise. */
export const ACCOUNT_NAME_THRESHOLD = 0.94;
// Blocks are names sharing their first four letters; a huge block is compared only with its nearest neighbours in name order.
const BLOCK_PREFIX = 4;
const FULL_COMPARE_BLOCK = 400;
const NEIGHBOURS = 40;
const FETCH_ROWS = 5_000;

interface AccountName {
  member_no: number;
  name_key: string;
  domain: string | null;
  country: string | null;
}

function compatible(a: AccountName, b: AccountName): boolean {
  if (a.domain !== null && b.domain !== null && a.domain !== b.domain) return false;
  return a.country === null || b.country === null || a.country === b.country;
}

function linksInBlock(block: AccountName[], runId: string, out: string[]): void {
  const reach = block.length > FULL_COMPARE_BLOCK ? NEIGHBOURS : block.length;
  for (let i = 0; i < block.length; i++) {
    for (let j = i + 1; j < block.length && j <= i + reach; j++) {
      const a = block[i]!;
      const b = block[j]!;
      if (a.member_no === b.member_no || !compatible(a, b)) continue;
      const similarity = jaroWinkler(a.name_key, b.name_key);
      if (similarity < ACCOUNT_NAME_THRESHOLD) continue;
      out.push(copyLine([runId, Math.min(a.member_no, b.member_no), Math.max(a.member_no, b.member_no), 'account_name', (Math.floor(similarity * 1000) / 1000 * 0.95).toFixed(3)]));
    }
  }
}

/**
 * Fuzzy account matching: accounts whose normalised names are near-identical and whose domains
 * and countries do not conflict. Blocking on the name's first letters keeps it sub-quadratic;
 * accounts stream through a cursor in block order, so memory holds one block.
 */
export async function linkAccountNames(trx: Knex.Transaction, runId: string): Promise<number> {
  await trx.raw(`declare identity_account_names no scroll cursor for ${stageSql('identity_account_names')}`, { run_id: runId });
  const links: string[] = [];
  let block: AccountName[] = [];
  let blockKey = '';
  let linked = 0;
  const flush = async () => {
    linksInBlock(block, runId, links);
    if (links.length > 0) {
      const unique = [...new Set(links)];
      await withConnection(trx, (connection) => copyLines(connection, 'copy core.identity_links (run_id, left_member_no, right_member_no, rule, confidence) from stdin', unique));
      linked += unique.length;
      links.length = 0;
    }
  };
  for (;;) {
    const page = await trx.raw<{ rows: AccountName[] }>(`fetch ${FETCH_ROWS} from identity_account_names`);
    if (page.rows.length === 0) break;
    for (const row of page.rows) {
      const key = row.name_key.slice(0, BLOCK_PREFIX);
      if (key !== blockKey) {
        await flush();
        block = [];
        blockKey = key;
      }
      block.push(row);
    }
  }
  await flush();
  await trx.raw('close identity_account_names');
  return linked;
}
