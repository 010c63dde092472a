import { Connection } from '@temporalio/client';

/** True when a Temporal frontend answers at address (a real gRPC call, not just an open port). */
export async function temporalReachable(address: string, timeoutMs = 2_000): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: timeoutMs });
    await connection.workflowService.getSystemInfo({});
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}
