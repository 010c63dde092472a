import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { AesGcmPayloadCodec } from '../../src/infra/aesGcmPayloadCodec.js';

const KEY = { id: 'k2026', key: randomBytes(32) };
const OTHER_KEY = { id: 'k2026', key: randomBytes(32) };
const codec = new AesGcmPayloadCodec({ current: KEY, previous: [] });
const payload = defaultPayloadConverter.toPayload({ runId: 'r1', sourceFile: '/data/online_retail.csv', rows: 541_909 });
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString();

describe('AesGcmPayloadCodec', () => {
  it('round-trips a payload, metadata included', async () => {
    const [encoded] = await codec.encode([payload]);
    const [decoded] = await codec.decode([encoded!]);
    expect(decoded).toEqual(payload);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ runId: 'r1', sourceFile: '/data/online_retail.csv', rows: 541_909 });
  });

  it('marks encrypted payloads binary/encrypted with the key id, and leaves nothing readable', async () => {
    const [encoded] = await codec.encode([payload]);
    expect(text(encoded!.metadata!.encoding)).toBe('binary/encrypted');
    expect(text(encoded!.metadata!['encryption-key-id'])).toBe('k2026');
    expect(Object.keys(encoded!.metadata!).sort()).toEqual(['encoding', 'encryption-key-id']);
    expect(text(encoded!.data)).not.toContain('online_retail');
  });

  it('encrypts the same payload differently each time (fresh nonce)', async () => {
    const [a, b] = await codec.encode([payload, payload]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('detects a payload altered in the history', async () => {
    const [encoded] = await codec.encode([payload]);
    const data = Buffer.from(encoded!.data!);
    data.writeUInt8(data.readUInt8(20) ^ 1, 20);
    await expect(codec.decode([{ ...encoded!, data }])).rejects.toThrow('a Temporal payload encrypted with key "k2026" does not decrypt: it was altered');
  });

  it('refuses a key id it does not hold, naming the ids it has', async () => {
    const [encoded] = await codec.encode([payload]);
    const stranger = new AesGcmPayloadCodec({ current: { id: 'k2027', key: KEY.key }, previous: [] });
    await expect(stranger.decode([encoded!])).rejects.toThrow('a Temporal payload is encrypted with key "k2026", which this process does not have (it has "k2027")');
  });

  it('fails clearly under a wrong key with the same id', async () => {
    const [encoded] = await codec.encode([payload]);
    const wrong = new AesGcmPayloadCodec({ current: OTHER_KEY, previous: [] });
    await expect(wrong.decode([encoded!])).rejects.toThrow('or the key with that id is not the one that encrypted it');
  });

  it('decodes payloads of a retired key listed as previous after rotation', async () => {
    const [old] = await codec.encode([payload]);
    const rotated = new AesGcmPayloadCodec({ current: { id: 'k2027', key: randomBytes(32) }, previous: [KEY] });
    expect(await rotated.decode([old!])).toEqual([payload]);
  });

  it('passes through payloads written before encryption was turned on', async () => {
    const plain: Payload = payload;
    expect(await codec.decode([plain])).toEqual([plain]);
  });
});

describe('payload key settings', () => {
  it('reads the key, its id and retired keys', () => {
    const current = randomBytes(32);
    const retired = randomBytes(32);
    const config = loadConfig({
      SEGFLOW_PAYLOAD_KEY: current.toString('base64'), SEGFLOW_PAYLOAD_KEY_ID: 'k2027', SEGFLOW_PAYLOAD_PREVIOUS_KEYS: `k2026:${retired.toString('base64')}`,
    });
    expect(config.payloadKeyring).toEqual({ current: { id: 'k2027', key: current }, previous: [{ id: 'k2026', key: retired }] });
  });

  it('encrypts nothing without a key', () => {
    expect(loadConfig({}).payloadKeyring).toBeUndefined();
  });

  it('rejects a key that is not 32 bytes of base64', () => {
    expect(() => loadConfig({ SEGFLOW_PAYLOAD_KEY: randomBytes(16).toString('base64') })).toThrow('SEGFLOW_PAYLOAD_KEY is not base64 of 32 bytes (it decodes to 16)');
  });
});
