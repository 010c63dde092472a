import { Client, Connection } from '@temporalio/client';
import type { SegflowConfig } from '../config.js';
import { payloadDataConverter } from './payloadDataConverter.js';

export interface ClientHandle {
  client: Client;
  close(): Promise<void>;
}

export async function connectClient(config: SegflowConfig, address: string): Promise<ClientHandle> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: config.temporalNamespace, dataConverter: payloadDataConverter(config) });
  return { client, close: () => connection.close() };
}
