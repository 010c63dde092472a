import { Client, Connection } from '@temporalio/client';
import type { SegflowConfig } from '../config.js';

export interface ClientHandle {
  client: Client;
  close(): Promise<void>;
}

export async function connectClient(config: SegflowConfig, address: string): Promise<ClientHandle> {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection, namespace: config.temporalNamespace }), close: () => connection.close() };
}
