import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('defaults to embedded PostgreSQL and a local Temporal dev server', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.temporalAddress).toBeUndefined();
    expect(config.taskQueue).toBe('segflow');
    expect(config.temporalNamespace).toBe('default');
    expect(config.temporalDevServerPort).toBe(7233);
    expect(config.kmeansSeed).toBe(42);
  });

  it('reads external services from DATABASE_URL and TEMPORAL_ADDRESS', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/segflow', TEMPORAL_ADDRESS: 'temporal:7233' });
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/segflow');
    expect(config.temporalAddress).toBe('temporal:7233');
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x@y/z' }, /DATABASE_URL has scheme/],
    [{ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432' }, /names no database/],
    [{ DATABASE_URL: 'not a url' }, /is not a URL/],
    [{ TEMPORAL_ADDRESS: 'http://localhost:7233' }, /is not host:port/],
    [{ SEGFLOW_TEMPORAL_PORT: '70000' }, /is not a TCP port/],
    [{ SEGFLOW_KMEANS_SEED: 'abc' }, /is not an integer/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
