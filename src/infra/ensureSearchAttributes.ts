import type { NativeConnection } from '@temporalio/worker';
import proto from '@temporalio/proto';
import { SEGFLOW_SEARCH_ATTRIBUTES } from '../../workflows/searchAttributeKeys.js';
import { UserFacingError } from '../userFacingError.js';

const { IndexedValueType } = proto.temporal.api.enums.v1;
const INDEXED_TYPE = {
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
} as const;

async function registered(connection: NativeConnection, namespace: string): Promise<Set<string>> {
  const listed = await connection.operatorService.listSearchAttributes({ namespace });
  return new Set(Object.keys(listed.customAttributes ?? {}));
}

/**
 * Registers segflow's custom search attributes on the namespace when they are missing, before the
 * worker polls: a workflow that upserts an unknown attribute fails its workflow task over and over.
 * A server that refuses (no operator rights, Temporal Cloud) stops the worker with the command to run.
 */
export async function ensureSearchAttributes(connection: NativeConnection, namespace: string): Promise<void> {
  const present = await registered(connection, namespace);
  const toAdd = SEGFLOW_SEARCH_ATTRIBUTES.filter((key) => !present.has(key.name));
  if (toAdd.length === 0) return;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(toAdd.map((key) => [key.name, INDEXED_TYPE[key.type]])),
    });
  } catch (error) {
    // Another worker may have added them a moment ago.
    const now = await registered(connection, namespace);
    if (toAdd.every((key) => now.has(key.name))) return;
    const commands = toAdd.map((key) => `temporal operator search-attribute create --namespace ${namespace} --name ${key.name} --type ${key.type === 'DATETIME' ? 'Datetime' : 'Keyword'}`);
    throw new UserFacingError(
      `the Temporal namespace ${namespace} lacks the search attributes ${toAdd.map((key) => key.name).join(', ')} and this worker could not add them (${error instanceof Error ? error.message : String(error)})`,
      `ask the Temporal operator to run: ${commands.join(' && ')}`,
    );
  }
}
