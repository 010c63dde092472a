import type { DataConverter } from '@temporalio/common';
import type { SegflowConfig } from '../config.js';
import { AesGcmPayloadCodec } from './aesGcmPayloadCodec.js';

/** The data converter shared by the worker and every client: encrypting when a payload key is set, Temporal's default otherwise. */
export function payloadDataConverter(config: SegflowConfig): DataConverter | undefined {
  return config.payloadKeyring ? { payloadCodecs: [new AesGcmPayloadCodec(config.payloadKeyring)] } : undefined;
}
