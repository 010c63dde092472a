import type { Knex } from 'knex';
import { copyLine } from '../db/copyText.js';
import { copyLines } from '../db/copyLines.js';
import { withConnection } from '../db/withConnection.js';
import { UnionFind } from './unionFind.js';

const FETCH_ROWS = 20_000;
const WRITE_ROWS = 20_000;

/**
 * Connected components of the run's links (union-find on typed arrays, links streamed through a
 * cursor), kept in the temporary table identity_cluster_numbers (member_no → the component's smallest
 * member number). Members reach core.identity_members with them once, at the end of the stage.
 */
export async function clusterMembers(trx: Knex.Transaction, runId: string, memberCount: number): Promise<number> {
  const sets = new UnionFind(memberCount + 1);
  await trx.raw('declare identity_link_pairs no scroll cursor for select left_member_no, right_member_no from core.identity_links where run_id = :run_id', { run_id: runId });
  for (;;) {
    const page = await trx.raw<{ rows: Array<{ left_member_no: number; right_member_no: number }> }>(`fetch ${FETCH_ROWS} from identity_link_pairs`);
    if (page.rows.length === 0) break;
    for (const link of page.rows) sets.union(link.left_member_no, link.right_member_no);
  }
  await trx.raw('close identity_link_pairs');
  const labels = sets.smallestMembers();
  await trx.raw('create temporary table identity_cluster_numbers (member_no integer primary key, cluster_no integer not null) on commit drop');
  let clusters = 0;
  await withConnection(trx, async (connection) => {
    for (let from = 1; from <= memberCount; from += WRITE_ROWS) {
      const lines: string[] = [];
      for (let member = from; member < Math.min(from + WRITE_ROWS, memberCount + 1); member++) {
        if (labels[member] === member) clusters++;
        lines.push(copyLine([member, labels[member]!]));
      }
      await copyLines(connection, 'copy identity_cluster_numbers (member_no, cluster_no) from stdin', lines);
    }
  });
  // Autovacuum never sees a temporary table: without statistics the joins on it are planned for a handful of rows.
  await trx.raw('analyze identity_cluster_numbers');
  return clusters;
}
