import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { UserFacingError } from '../userFacingError.js';

/** One AES-256 key and the id stored next to every payload it encrypted. */
export interface PayloadKey {
  id: string;
  key: Buffer;
}

/** The key new payloads are encrypted with, and older keys still accepted when decoding (rotation). */
export interface PayloadKeyring {
  current: PayloadKey;
  previous: PayloadKey[];
}

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const text = new TextEncoder();
const untext = new TextDecoder();

/**
 * Encrypts every Temporal payload with AES-256-GCM, so histories hold no readable customer data or
 * file paths. The whole payload (metadata and data) is sealed; the key id is the authenticated
 * associated data, so a payload cannot be passed off as encrypted under another key. Payloads not
 * marked binary/encrypted pass through, so histories written before the codec still decode.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keys: Map<string, Buffer>;

  constructor(private readonly keyring: PayloadKeyring) {
    this.keys = new Map([keyring.current, ...keyring.previous].map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keyring.current;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(text.encode(id));
      const sealed = Buffer.concat([cipher.update(serialise(payload)), cipher.final()]);
      return {
        metadata: { encoding: text.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text.encode(id) },
        data: Buffer.concat([iv, sealed, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding;
      if (!encoding || untext.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
      const idBytes = payload.metadata?.[KEY_ID_METADATA];
      const id = idBytes ? untext.decode(idBytes) : '';
      const key = this.keys.get(id);
      if (!key) {
        throw new UserFacingError(
          `a Temporal payload is encrypted with key "${id}", which this process does not have (it has ${[...this.keys.keys()].map((k) => `"${k}"`).join(', ')})`,
          'set SEGFLOW_PAYLOAD_KEY and SEGFLOW_PAYLOAD_KEY_ID to that key, or list it in SEGFLOW_PAYLOAD_PREVIOUS_KEYS as id:base64',
        );
      }
      const data = Buffer.from(payload.data ?? new Uint8Array());
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
        decipher.setAAD(idBytes!);
        decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
        return deserialise(Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]));
      } catch (cause) {
        throw new UserFacingError(
          `a Temporal payload encrypted with key "${id}" does not decrypt: it was altered, or the key with that id is not the one that encrypted it`,
          'check that every worker and client has the same SEGFLOW_PAYLOAD_KEY for that SEGFLOW_PAYLOAD_KEY_ID',
          { cause },
        );
      }
    });
  }
}

/** Payload → bytes: a length-prefixed JSON of the metadata (base64 values), then the data. */
function serialise(payload: Payload): Buffer {
  const metadata = Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  const header = Buffer.from(JSON.stringify(metadata));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([length, header, Buffer.from(payload.data ?? new Uint8Array())]);
}

function deserialise(bytes: Buffer): Payload {
  const headerLength = bytes.readUInt32BE(0);
  const metadata = JSON.parse(bytes.subarray(4, 4 + headerLength).toString()) as Record<string, string>;
  return {
    metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
    data: new Uint8Array(bytes.subarray(4 + headerLength)),
  };
}
